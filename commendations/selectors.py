"""Reads shared by views and the tally."""


from django.db.models import Count
from django.utils.translation import gettext as _

from antq_portal.history import history_entries, records_history

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

    Only recipients the user may see, removed ones included (their removal is history)."""
    visible = (Recipient.objects.visible_to(user) | Recipient.objects.visible_to(user, archived=True)).filter(
        decision=decision).select_related("person", "organization", "deployment__model", "deployment__commune")

    def describe(recipient, action):
        template = (_("%(action)s cá nhân được khen: %(name)s") if recipient.recipient_type == RecipientType.INDIVIDUAL
                    else _("%(action)s tập thể được khen: %(name)s"))
        return template % {"action": action, "name": recipient.display_name}

    entries = history_entries(decision, limit=limit) + records_history(
        Recipient, visible, describe=describe, label_selects=_RELATED_SELECTS, limit=limit)
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]
