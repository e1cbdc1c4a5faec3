"""Change history read from django-simple-history, shaped for the shared template.

One reader serves a single record (`history_entries`) and a record's children read together
(`records_history`: a decision's recipients, an organization's members), so a parent with a
hundred children costs what one with a single child does.
"""

from collections import defaultdict
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from antq_portal import personal_data

ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
REASONS = {"archive": _("Lưu trữ (xóa)"), "restore": _("Khôi phục")}
HIDDEN_FIELDS = {"search_text", "archived_by"}


def history_entries(obj, limit: int = 50, *, user=None) -> list[dict]:
    """Newest first: who, when, what, and old → new for each changed field."""
    return records_history(type(obj), [obj], limit=limit, user=user)


def records_history(model, objects, *, describe: Callable[[object, str], str] | None = None,
                    label_selects: dict[str, tuple] | None = None, limit: int = 50, user=None) -> list[dict]:
    """The change history of `objects` (records of `model`), newest first, in one query for the
    records plus one per related model the changes point to.

    `describe(obj, action)` words an entry's action for a child ("Sửa thành viên Lê Thị Cúc");
    `label_selects` names what a related record's label reads ({"deployment": ("model",)})."""
    by_pk = {obj.pk: obj for obj in objects}
    if not by_pk:
        return []
    rows = defaultdict(list)
    for record in (model.history.filter(id__in=list(by_pk)).select_related("history_user")
                   .order_by("-history_date", "-history_id")):
        rows[record.id].append(record)
    shaped = []
    for pk, records in rows.items():
        for index, record in enumerate(records[:limit]):
            previous = records[index + 1] if index + 1 < len(records) else None
            shaped.append((by_pk[pk], record, _changes(record, previous)))
    labels = _related_labels(model, (changes for _obj, _record, changes in shaped), label_selects or {})
    entries = []
    for obj, record, changes in shaped:
        action = REASONS.get(record.history_change_reason) or ACTIONS[record.history_type]
        entries.append({
            "when": record.history_date,
            "who": record.history_user.get_full_name() or record.history_user.username
            if record.history_user else "",
            "action": describe(obj, action) if describe else action,
            "changes": [{"field": model._meta.get_field(change.field).verbose_name,
                         "old": _shown(model, change.field, change.old, labels, user),
                         "new": _shown(model, change.field, change.new, labels, user)} for change in changes],
        })
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


def _changes(record, previous) -> list:
    if previous is None or record.history_type != "~":
        return []
    return [change for change in record.diff_against(previous).changes if change.field not in HIDDEN_FIELDS]


def _related_labels(model, change_lists, selects: dict[str, tuple]) -> dict[str, dict]:
    """Labels of the records the changes point to: one query per related model, not per change."""
    wanted = defaultdict(set)
    for changes in change_lists:
        for change in changes:
            if model._meta.get_field(change.field).is_relation:
                wanted[change.field].update(value for value in (change.old, change.new) if value is not None)
    labels = {}
    for name, pks in wanted.items():
        related = model._meta.get_field(name).related_model._default_manager
        labels[name] = {obj.pk: str(obj) for obj in related.select_related(*selects.get(name, ())).filter(pk__in=pks)}
    return labels


def _shown(model, name: str, value, labels: dict[str, dict], user=None):
    field = model._meta.get_field(name)
    if value is None or value == "":
        return ""
    if personal_data.field_kind(model, name):
        # A CCCD or phone changed is personal data as much as the current one (masked without a user).
        return personal_data.reveal_field(user, model, name, value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return labels.get(name, {}).get(value, value)
    return value


def changes_since(model, records_filter: dict, after_id: int) -> list[dict]:
    """What others changed in the records of `model` matching `records_filter` since history row
    `after_id`: per record, who and when, and for each field the value then and the value saved now.

    A record created since then lists its filled fields; one deleted since then says so."""
    newer = list(model.history.filter(**records_filter, history_id__gt=after_id)
                 .select_related("history_user").order_by("history_id"))
    if not newer:
        return []
    ids = {record.id for record in newer}
    before = {}
    for record in model.history.filter(id__in=ids, history_id__lte=after_id).order_by("history_id"):
        before[record.id] = record  # the last one at or before the version wins
    latest, editors = {}, defaultdict(list)
    for record in newer:
        latest[record.id] = record
        who = record.history_user.get_full_name() or record.history_user.username if record.history_user else ""
        if who and who not in editors[record.id]:
            editors[record.id].append(who)
    shaped = []
    for pk, now in latest.items():
        then = before.get(pk)
        if now.history_type == "-" or now.history_change_reason == "archive":
            shaped.append((pk, now, then, ACTIONS["-"], []))
        elif then is None:
            fields = [f.name for f in model._meta.fields if f.name not in HIDDEN_FIELDS and f.editable
                      and not f.primary_key and getattr(now, f.attname) not in (None, "")]
            shaped.append((pk, now, then, ACTIONS["+"], [_Change(name, None, getattr(now, model._meta.get_field(
                name).attname)) for name in fields]))
        else:
            shaped.append((pk, now, then, ACTIONS["~"], _changes(now, then)))
    labels = _related_labels(model, (changes for *_rest, changes in shaped), {})
    return [{
        "record": str(now.instance), "model": model._meta.verbose_name, "action": action,
        "model_class": model, "pk": pk,
        "who": ", ".join(editors[pk]), "when": now.history_date,
        "changes": [{"field": model._meta.get_field(change.field).verbose_name, "name": change.field,
                     "old": _shown(model, change.field, change.old, labels),
                     "new": _shown(model, change.field, change.new, labels)} for change in changes],
    } for pk, now, then, action, changes in shaped if changes or action != ACTIONS["~"]]


class _Change:
    def __init__(self, field, old, new):
        self.field, self.old, self.new = field, old, new
