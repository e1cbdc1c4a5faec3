"""Reads shared by views and the tally."""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from antq_portal.history import ACTIONS, HIDDEN_FIELDS, REASONS, history_entries

from .models import Decision, Recipient, RecipientType

# What the label of a related record reads, so that labels cost one query per related model.
_RELATED_SELECTS = {"deployment": ("model", "commune")}


def commendation_counts(recipients) -> dict[str, int]:
    """Commendations per recipient type of an already scoped and filtered Recipient queryset:
    {"tap_the": collectives, "ca_nhan": individuals}. Individuals count recipient rows, so a
    person commended three times counts three times (as the seed article counts 167)."""
    counts = {kind: 0 for kind in RecipientType.values}
    for row in recipients.order_by().values("recipient_type").annotate(n=Count("id")):
        counts[row["recipient_type"]] = row["n"]
    return counts


def decision_history(decision: Decision, *, user, limit: int = 50) -> list[dict]:
    """The decision's changes and its recipients' (added, edited, removed), newest first.

    Only recipients the user may see, removed ones included (their removal is history). The
    entries have the shape of antq_portal.history's, for the shared template; the recipients'
    records are read together rather than one recipient at a time, so a decision honouring a
    hundred people costs what one honouring a single person does."""
    entries = history_entries(decision, limit=limit)
    visible = (Recipient.objects.visible_to(user) | Recipient.objects.visible_to(user, archived=True)).filter(
        decision=decision)
    recipients = {r.pk: r for r in visible.select_related(
        "person", "organization", "deployment__model", "deployment__commune")}
    records = defaultdict(list)
    for record in (Recipient.history.filter(id__in=visible.values("pk")).select_related("history_user")
                   .order_by("-history_date", "-history_id")):
        records[record.id].append(record)
    shaped = [(recipients[pk], record, _changes(record, rows[index + 1] if index + 1 < len(rows) else None))
              for pk, rows in records.items() if pk in recipients for index, record in enumerate(rows)]
    labels = _related_labels(changes for _recipient, _record, changes in shaped)
    for recipient, record, changes in shaped:
        action = REASONS.get(record.history_change_reason) or ACTIONS[record.history_type]
        template = (_("%(action)s cá nhân được khen: %(name)s") if recipient.recipient_type == RecipientType.INDIVIDUAL
                    else _("%(action)s tập thể được khen: %(name)s"))
        entries.append({
            "when": record.history_date,
            "who": record.history_user.get_full_name() or record.history_user.username
            if record.history_user else "",
            "action": template % {"action": action, "name": recipient.display_name},
            "changes": [{"field": Recipient._meta.get_field(change.field).verbose_name,
                         "old": _shown(change.field, change.old, labels),
                         "new": _shown(change.field, change.new, labels)} for change in changes],
        })
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


def _changes(record, previous) -> list:
    if previous is None or record.history_type != "~":
        return []
    return [change for change in record.diff_against(previous).changes if change.field not in HIDDEN_FIELDS]


def _related_labels(change_lists) -> dict[str, dict]:
    """Labels of the records the changes point to: one query per related model, not per change."""
    wanted = defaultdict(set)
    for changes in change_lists:
        for change in changes:
            if Recipient._meta.get_field(change.field).is_relation:
                wanted[change.field].update(value for value in (change.old, change.new) if value is not None)
    labels = {}
    for name, pks in wanted.items():
        related = Recipient._meta.get_field(name).related_model._default_manager
        labels[name] = {obj.pk: str(obj) for obj in related.select_related(*_RELATED_SELECTS.get(name, ()))
                        .filter(pk__in=pks)}
    return labels


def _shown(name: str, value, labels: dict[str, dict]):
    field = Recipient._meta.get_field(name)
    if value is None or value == "":
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return labels.get(name, {}).get(value, value)
    return value
