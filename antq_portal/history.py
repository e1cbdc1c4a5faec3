"""Change history read from django-simple-history, shaped for the shared template."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
REASONS = {"archive": _("Lưu trữ (xóa)"), "restore": _("Khôi phục")}
HIDDEN_FIELDS = {"search_text", "archived_by"}


def _display(model, field_name: str, value):
    field = model._meta.get_field(field_name)
    if value is None or value == "":
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else value
    return value


def history_entries(obj, limit: int = 50) -> list[dict]:
    """Newest first: who, when, what, and old → new for each changed field."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                changes.append({
                    "field": model._meta.get_field(change.field).verbose_name,
                    "old": _display(model, change.field, change.old),
                    "new": _display(model, change.field, change.new),
                })
        action = REASONS.get(record.history_change_reason) or ACTIONS[record.history_type]
        entries.append({
            "when": record.history_date,
            "who": record.history_user.get_full_name() or record.history_user.username
            if record.history_user else "",
            "action": action,
            "changes": changes,
        })
    return entries
