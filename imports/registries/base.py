"""What every registry spec shares: a parent record per group of rows, a child record per row."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import CheckConstraint
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.permissions import ADD, CHANGE, in_scope, role_allows
from antq_portal import personal_data
from antq_portal.records import SearchableRecord
from antq_portal.text import fold
from approvals.locks import Locks, state_of
from imports.pipeline.columns import LOOKUP, PLACE, CellError, Column
from imports.pipeline.core import Change, Context, Row
from reports.stocks import drops_counts, keep_due_on_commit

BATCH = 1000


def _folded(text: str) -> str:
    return fold(text).replace(" ", "")


@dataclass
class Batch:
    model: type[models.Model]
    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)


class Plan:
    """Objects to create and update, per model, in the order they must be saved."""

    def __init__(self, models_in_order):
        self.batches = {model: Batch(model) for model in models_in_order}

    def create(self, obj) -> None:
        self.batches[type(obj)].creates.append(obj)

    def update(self, obj, fields) -> None:
        batch = self.batches[type(obj)]
        batch.updates.append(obj)
        batch.update_fields.update(fields)


def model_values(obj, attrs) -> dict:
    return {attr: getattr(obj, attr, None) for attr in attrs}


class RegistrySpec:
    """One registry: its columns, how a row becomes a parent and a child record, how they are saved.

    Subclasses set the class attributes and implement the hooks marked "hook"."""

    name: str
    label: str
    filename: str
    columns: list[Column]
    parent_model: type[models.Model]
    child_model: type[models.Model]
    parent_label: str
    child_label: str
    parent_fields: list[str]
    child_fields: list[str]
    child_link: str  # the child's foreign key to the parent
    save_order: list[type[models.Model]]
    example_rows: list[dict]
    notes: list[str] = []
    # Model fields a hook fills from the row, compared like the columns' own fields.
    derived_fields: tuple[str, ...] = ()
    # Place column -> the date cells (first filled wins) that choose the layout its names are read in.
    place_dates: dict[str, tuple[str, ...]] = {}
    # Text columns of the natural key (antq_portal.same_record): compared folded, and a matched
    # record keeps its stored spelling ("to an ninh khom 1" re-imported is not a rename).
    key_text_fields: tuple[str, ...] = ()

    def column(self, field_name: str) -> Column:
        by_field = self.__dict__.get("_by_field")
        if by_field is None:
            by_field = self.__dict__["_by_field"] = {c.field: c for c in self.columns}
        return by_field[field_name]

    # ---- hooks -------------------------------------------------------------------------------
    def parent_key(self, values: dict) -> tuple:  # hook
        raise NotImplementedError

    def existing_parents(self, keys: set, context: Context) -> dict:  # hook: key -> saved parent
        raise NotImplementedError

    def child_keys(self, values: dict, context: Context | None = None) -> list[tuple]:  # hook
        """The keys a child answers to, strongest first; the first one says "the same row" in a file."""
        raise NotImplementedError

    def saved_child_keys(self, child) -> list[tuple]:  # hook: the keys a saved child answers to
        return self.child_keys(model_values(child, self._attrs(self.child_fields)))

    def existing_children(self, parents) -> models.QuerySet:  # hook: the saved children a row may match
        return self.child_model.objects.filter(**{f"{self.child_link}__in": parents, "archived_at__isnull": True})

    def prepare_parent(self, obj, values: dict, context: Context) -> None:  # hook: derived fields
        pass

    def prepare_child(self, obj, values: dict, row: Row, context: Context, plan: Plan) -> None:  # hook
        pass

    def describe(self, obj) -> str:
        return str(obj)

    def key_label(self) -> str:
        """The natural key's columns, as the error about a same-key record outside the scope names them."""
        return ", ".join(self.column(f).header for f in self.key_fields)

    key_fields: tuple[str, ...] = ()

    def same_value(self, field_name: str, a, b) -> bool:
        if field_name in self.key_text_fields and isinstance(a, str) and isinstance(b, str):
            return _folded(a) == _folded(b)
        return a == b

    def has_child(self, row: Row) -> bool:
        return any(row.values.get(f) not in (None, "") for f in self.child_fields)

    # ---- planning ----------------------------------------------------------------------------
    def _attrs(self, fields: list[str]) -> list[str]:
        return [self.column(f).model_attr for f in fields]

    def place_date(self, row: Row, place_field: str) -> date | None:
        """The row's date that decides the layout a place is read in; None: the importer's own layout."""
        return next((v for f in self.place_dates.get(place_field, ())
                     if isinstance(v := row.values.get(f), date)), None)

    def resolve(self, rows: list[Row], context: Context) -> list[Row]:
        """Turn place and managed-list cells into objects; rows with an unknown value drop out."""
        lookups = {c.field: {fold(o.name): o for o in c.choices.objects.all()}
                   for c in self.columns if c.kind == LOOKUP}
        good = []
        for row in rows:
            ok = True
            for column in self.columns:
                value = row.values.get(column.field)
                if value is None:
                    continue
                try:
                    if column.kind == PLACE:
                        row.values[column.field] = context.places.resolve(value, level=column.place_level,
                                                                          on=self.place_date(row, column.field))
                    elif column.kind == LOOKUP:
                        found = lookups[column.field].get(fold(value))
                        if found is None:
                            names = "; ".join(o.name for o in lookups[column.field].values())
                            raise CellError(_("“%(value)s” không có trong danh mục: %(names)s.")
                                            % {"value": value, "names": names or _("(danh mục trống)")})
                        row.values[column.field] = found
                except CellError as error:
                    context.error(row.number, column.field, error)
                    ok = False
            if ok and not row.bad:
                good.append(row)
        return good

    def validate(self, obj, row: Row, context: Context, fields: list[str]) -> bool:
        """The model's own field validators, clean() and check constraints (uniqueness is the planner's)."""
        relations = [f.name for f in obj._meta.fields if f.is_relation]
        attr_to_field = {self.column(f).model_attr: f for f in fields}
        try:
            obj.clean_fields(exclude=relations)
            obj.clean()
            # A relation to a record saved in the same import has no key yet: its constraints wait.
            pending = {f.name for f in obj._meta.fields
                       if f.is_relation and f.is_cached(obj) and getattr(obj, f.attname) is None}
            for constraint in obj._meta.constraints:
                if isinstance(constraint, CheckConstraint):
                    self._check(constraint, obj, pending, context)
        except ValidationError as error:
            details = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
            for attr, messages in details.items():
                column = attr_to_field.get(attr, fields[0])
                for message in messages:
                    context.error(row.number, column, message)
            return False
        return True

    @staticmethod
    def _check(constraint, obj, pending, context) -> None:
        """A check constraint's verdict depends only on the fields it names: ask the database once per
        distinct combination of their values, not once per row (4,354 round trips otherwise)."""
        names = sorted(constraint.condition.referenced_base_fields)
        if pending & set(names):
            return
        cache = context.__dict__.setdefault("checks", {})
        key = (constraint.name, *(getattr(obj, obj._meta.get_field(n).attname) for n in names))
        if key not in cache:
            try:
                constraint.validate(type(obj), obj, exclude=pending)
                cache[key] = None
            except ValidationError as error:
                cache[key] = error
        if cache[key] is not None:
            raise cache[key]

    def plan(self, rows: list[Row], context: Context, progress=None) -> Plan:
        plan = Plan(self.save_order)
        parent_label, child_label = str(self.parent_label), str(self.child_label)
        rows = self.resolve(rows, context)
        parent_attrs = self._attrs(self.parent_fields)
        first_rows: dict[tuple, Row] = {}
        grouped: list[tuple[Row, tuple]] = []
        for row in rows:
            values = {self.column(f).model_attr: row.values.get(f) for f in self.parent_fields}
            key = self.parent_key(values)
            first = first_rows.setdefault(key, row)
            if first is not row:
                differing = [f for f in self.parent_fields
                             if not self.same_value(f, row.values.get(f), first.values.get(f))]
                if differing:
                    context.error(row.number, differing[0], _("Khác với dòng %(row)d của cùng %(entity)s.")
                                  % {"row": first.number, "entity": self.parent_label.lower()})
                    continue
            grouped.append((row, key))
        existing = self.existing_parents(set(first_rows), context)
        # Only records inside the importer's scope are matched; a record with the same key elsewhere
        # is a row error that names nothing of it (its page answers 404 to this importer).
        inside = set(in_scope(context.user, self.parent_model)
                     .filter(pk__in=[p.pk for p in existing.values()]).values_list("pk", flat=True))
        parents: dict[tuple, object] = {}
        for key, row in first_rows.items():
            if key in existing and existing[key].pk not in inside:
                context.error(row.number, self.parent_fields[0], _(
                    "Đã có một bản ghi cùng khóa nhận biết (%(key)s) ngoài phạm vi dữ liệu của bạn; dòng này không"
                    " được nhập. Hãy kiểm tra lại hoặc liên hệ đơn vị cấp trên.") % {"key": self.key_label()})
                parents[key] = None
                continue
            parents[key] = self._plan_one(self.parent_model, existing.get(key), parent_attrs, self.parent_fields,
                                          row, context, plan, parent_label, self.prepare_parent)
        if progress:
            progress(0.6)
        saved_parents = [p for p in parents.values() if p is not None and p.pk]
        existing_children = self._existing_children(saved_parents)
        seen: dict[tuple, int] = {}
        for row, key in grouped:
            parent = parents.get(key)
            if parent is None or not self.has_child(row):
                continue
            values = {self.column(f).model_attr: row.values.get(f) for f in self.child_fields}
            keys = self.child_keys(values, context)
            if (id(parent), keys[0]) in seen:
                context.error(row.number, self.child_fields[0],
                              _("Trùng với dòng %(row)d.") % {"row": seen[(id(parent), keys[0])]})
                continue
            seen[(id(parent), keys[0])] = row.number
            current = None
            if parent.pk:
                current = next((existing_children[(parent.pk, k)] for k in keys
                                if (parent.pk, k) in existing_children), None)
            self._plan_one(self.child_model, current, self._attrs(self.child_fields), self.child_fields, row,
                           context, plan, child_label,
                           lambda obj, vals, ctx, p=parent, r=row: self._link_child(obj, vals, r, ctx, plan, p))
        return plan

    def _link_child(self, obj, values, row, context, plan, parent) -> None:
        setattr(obj, self.child_link, parent)
        self.prepare_child(obj, values, row, context, plan)

    def _existing_children(self, parents) -> dict:
        found = {}
        for child in self.existing_children(parents):
            for key in self.saved_child_keys(child):
                found.setdefault((getattr(child, f"{self.child_link}_id"), key), child)
        return found

    def _plan_one(self, model, current, attrs, fields, row, context, plan, entity, prepare):
        values = {self.column(f).model_attr: self._default(model, self.column(f).model_attr, row.values.get(f))
                  for f in fields}
        obj = current if current is not None else model()
        concrete = {f.name for f in model._meta.fields}
        attrs = [a for a in [*attrs, *self.derived_fields] if a in concrete]
        before = model_values(obj, attrs) if current is not None else None
        for field_name in self.key_text_fields if current is not None else ():
            attr = self.column(field_name).model_attr
            if field_name in fields and attr in before and self.same_value(field_name, before[attr], values[attr]):
                values[attr] = before[attr]
        if not self._keep_masked(values, before, fields, row, context):
            return None
        locks = self._locks(context)
        stored = state_of(current) if locks and current is not None else None
        for attr, value in values.items():
            setattr(obj, attr, value)
        prepare(obj, values, context)
        if not self.validate(obj, row, context, fields):
            return None
        if current is None and not role_allows(context.user, ADD, model):
            context.error(row.number, fields[0], _("Vai trò của bạn không được thêm mới %(entity)s (như trên biểu"
                                                   " mẫu nhập liệu).") % {"entity": str(entity).lower()})
            return None
        if locks:
            try:
                locks.ensure(obj, before=stored)
            except ValidationError as error:
                context.error(row.number, fields[0], error.messages[0])
                return None
        if current is None:
            plan.create(obj)
            context.count(entity, "create")
            context.result.changes.append(Change(row.number, str(entity), self.describe(obj), "create"))
            return obj
        changed = [a for a in attrs if before[a] != getattr(obj, a)]
        if changed and not role_allows(context.user, CHANGE, model):
            context.error(row.number, fields[0], _("Vai trò của bạn không được sửa %(entity)s đã có (như trên biểu"
                                                   " mẫu nhập liệu).") % {"entity": str(entity).lower()})
            return None
        if changed:
            plan.update(obj, changed)
            context.count(entity, "update")
            labels = ", ".join(str(model._meta.get_field(a).verbose_name) for a in changed)
            context.result.changes.append(Change(row.number, str(entity), self.describe(obj), "update", labels))
        else:
            context.count(entity, "unchanged")
        return obj

    def _keep_masked(self, values, before, fields, row, context) -> bool:
        """A value the importer was shown masked (the import page's export) and sends back keeps the
        stored one; a mask on a new record is an error, never saved as the number."""
        ok = True
        for field_name in fields:
            column = self.column(field_name)
            if not column.personal or personal_data.may_see(context.user, column.personal):
                continue
            attr = column.model_attr
            if before is not None and attr in before:
                values[attr] = personal_data.kept_when_masked(column.personal, before[attr], values[attr])
            if personal_data.is_masked(values[attr]):
                context.error(row.number, field_name, _("Số đã bị che (***) không thay cho số thật; hãy ghi đầy đủ"
                                                        " hoặc để trống."))
                ok = False
        return ok

    @staticmethod
    def _locks(context: Context) -> Locks:
        """Approved periods in the importer's scope, loaded once per file (approvals/locks.py decides)."""
        if "locks" not in context.__dict__:
            context.locks = Locks.for_user(context.user)
        return context.locks

    @staticmethod
    def _default(model, attr, value):
        """An empty cell means the field's default ("" for text), as an empty form field would."""
        if value is not None:
            return value
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return None  # a column a hook reads (a recipient's name goes to its person)
        if model_field.has_default():
            return model_field.get_default()
        if model_field.empty_strings_allowed and not model_field.null:
            return ""
        return None

    # ---- saving ------------------------------------------------------------------------------
    def save(self, plan: Plan, user) -> None:
        """Bulk writes with their audit trail; the caller holds the transaction."""
        now = timezone.now()
        for batch in plan.batches.values():
            names = {f.name for f in batch.model._meta.fields}
            for obj in batch.creates:
                if "created_by" in names and obj.created_by_id is None:
                    obj.created_by = user
                self._relink(obj)
            for obj in batch.creates + batch.updates:
                if isinstance(obj, SearchableRecord):
                    obj.refresh_search_text()
            if batch.creates:
                bulk_create_with_history(batch.creates, batch.model, batch_size=BATCH, default_user=user,
                                         default_change_reason="import")
            if batch.updates:
                fields = set(batch.update_fields)
                if issubclass(batch.model, SearchableRecord):
                    fields.add("search_text")
                if "updated_at" in names:
                    fields.add("updated_at")
                    for obj in batch.updates:
                        obj.updated_at = now
                bulk_update_with_history(batch.updates, batch.model, sorted(fields), batch_size=BATCH,
                                         default_user=user, default_change_reason="import")
        if any(drops_counts(batch.model) for batch in plan.batches.values()):
            keep_due_on_commit()  # bulk writes send no post_save: the file's communes kept again at its commit

    @staticmethod
    def _relink(obj) -> None:
        # A child planned before its parent was saved: copy the parent's new primary key.
        for model_field in obj._meta.fields:
            if model_field.is_relation and model_field.is_cached(obj):
                related = model_field.get_cached_value(obj)
                if related is not None and getattr(obj, model_field.attname) is None:
                    setattr(obj, model_field.attname, related.pk)

    # ---- template and export -----------------------------------------------------------------
    def export_rows(self, user):  # hook: rows of cells in column order, for the round trip
        raise NotImplementedError

    def export_row(self, cells: dict) -> list:
        """field -> value (as the model holds it) to the row the template's columns expect."""
        return [column.export(cells.get(column.field)) for column in self.columns]
