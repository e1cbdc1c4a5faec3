"""Reads the organization pages share."""

from django.utils.translation import gettext as _

from antq_portal.history import history_entries

from .models import Organization


def organization_history(organization: Organization, limit: int = 50) -> list[dict]:
    """The organization's changes and its members' (added, edited, removed), newest first."""
    entries = history_entries(organization, limit=limit)
    for member in organization.members.all():  # archived ones too: their removal is history
        for entry in history_entries(member, limit=limit):
            entry["action"] = _("%(action)s thành viên %(name)s") % {"action": entry["action"],
                                                                     "name": member.full_name}
            entries.append(entry)
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]
