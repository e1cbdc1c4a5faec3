"""Reads shared by views and the tally."""

from django.db.models import Count

from .models import RecipientType


def commendation_counts(recipients) -> dict[str, int]:
    """Commendations per recipient type of an already scoped and filtered Recipient queryset:
    {"tap_the": collectives, "ca_nhan": individuals}. Individuals count recipient rows, so a
    person commended three times counts three times (as the seed article counts 167)."""
    counts = {kind: 0 for kind in RecipientType.values}
    for row in recipients.order_by().values("recipient_type").annotate(n=Count("id")):
        counts[row["recipient_type"]] = row["n"]
    return counts
