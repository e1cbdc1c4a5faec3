"""No lost update: an edit form carries the version it was opened at; a save over a newer one is refused.

The version is read from django-simple-history, which every write path already feeds (forms,
imports, the admin, archiving): the newest history row of the record and of the children edited
with it (`versioned_with` on the model names those relations: an organization's members and
ratings, a decision's recipients). No column to keep in step, and the refusal page reads what the
other officer changed from the same rows.

Use: render `version_token(obj)` in the form (templates/includes/version_field.html); save inside
`transaction.atomic()` after `check_version(obj, submitted)`, which locks the record's row (on
PostgreSQL) so two simultaneous saves cannot both pass, and raises `VersionConflict` carrying the
changes made since. `VersionedUpdateMixin` does all of it for a generic UpdateView.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from antq_portal.history import changes_since

VERSION_FIELD = "_version"


def _tracked(obj) -> list[tuple[type, dict]]:
    """(model, filter on its history) for the record and each relation edited with it."""
    model = type(obj)
    tracked = [(model, {"id": obj.pk})]
    for name in getattr(model, "versioned_with", ()):
        relation = model._meta.get_field(name)
        tracked.append((relation.related_model, {f"{relation.field.attname}": obj.pk}))
    return tracked


def _parts(obj) -> list[int]:
    return [model.history.filter(**records).aggregate(top=Max("history_id"))["top"] or 0
            for model, records in _tracked(obj)]


def version_token(obj) -> str:
    """The version of `obj` and its children as the form carries it, e.g. "41.310.7"."""
    return ".".join(str(part) for part in _parts(obj)) if obj.pk else ""


def _parse(token: str | None, size: int) -> list[int] | None:
    try:
        parts = [int(part) for part in (token or "").split(".")]
    except ValueError:
        return None
    return parts if len(parts) == size else None


class VersionConflict(Exception):
    """Someone saved the record after this form was opened; `changes` says what they changed."""

    message = _("Chưa lưu: trong lúc bạn sửa, cán bộ khác đã lưu thay đổi cho bản ghi này. Những gì bạn nhập "
                "vẫn còn trong biểu mẫu bên dưới; hãy xem các thay đổi của họ, gộp lại rồi bấm “Lưu” lần nữa.")

    def __init__(self, *, changes: list[dict], version: str):
        super().__init__(str(self.message))
        self.changes = changes
        self.version = version


def check_version(obj, submitted: str | None) -> None:
    """Lock `obj`'s row for the current transaction and refuse a form opened at an older version.

    Call it inside the transaction that saves. Every form the portal renders carries a version;
    a post with none at all (a script, a test) is not checked, while a garbled one is refused."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("check_version must run inside the saving transaction")
    model = type(obj)
    list(model._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
    if submitted is None:
        return
    current = _parts(obj)
    opened = _parse(submitted, len(current))
    if opened == current:
        return
    changes = []
    if opened is not None:
        for index, ((tracked_model, records), since) in enumerate(zip(_tracked(obj), opened, strict=True)):
            changes += [{**entry, "is_parent": index == 0} for entry in changes_since(tracked_model, records, since)]
    raise VersionConflict(changes=changes, version=".".join(str(part) for part in current))


def form_version(request, obj) -> str:
    """The version the form should carry: the one it was sent with when it comes back for its
    errors (a change saved meanwhile must still be caught), else the record's current one."""
    if request.method == "POST":
        return request.POST.get(VERSION_FIELD, "")
    return version_token(obj) if obj is not None else ""


def conflict_context(conflict: VersionConflict, user) -> dict:
    """What the shared conflict panel (templates/includes/version_conflict.html) shows `user`: only
    records inside their scope (a decision's recipients elsewhere stay unseen), and a citizen ID
    masked unless they may see it in full."""
    full_ids = user.has_perm("organizations.view_citizen_id")
    shown = []
    for entry in conflict.changes:
        model = entry["model_class"]
        if not entry["is_parent"] and hasattr(model.objects, "visible_to") and not any(
                model.objects.visible_to(user, archived=archived).filter(pk=entry["pk"]).exists()
                for archived in (False, True)):
            continue
        if not full_ids:
            entry = {**entry, "changes": [
                {**change, **{side: _masked(change[side]) for side in ("old", "new")}}
                if change["name"] == "citizen_id" else change for change in entry["changes"]]}
        shown.append(entry)
    conflict.changes = shown
    return {"conflict": conflict, "version": conflict.version}


def _masked(value) -> str:
    value = str(value or "")
    return "*" * max(len(value) - 4, 0) + value[-4:] if value else ""


class VersionedUpdateMixin:
    """For a generic UpdateView: the form carries the version; a stale save is refused with 409,
    the typed values kept and the other officer's changes listed. Put it first in the bases."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("version", form_version(self.request, self.object))
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        with transaction.atomic():
            try:
                check_version(self.object, request.POST.get(VERSION_FIELD))
            except VersionConflict as conflict:
                context = self.get_context_data(form=self.get_form(),
                                                **conflict_context(conflict, request.user))
                return self.render_to_response(context, status=409)
            return super().post(request, *args, **kwargs)
