"""Reads the organization pages share."""

from django.utils.translation import gettext as _

from antq_portal.history import history_entries, records_history

from .models import Member, Organization


def organization_history(organization: Organization, limit: int = 50, *, user=None) -> list[dict]:
    """The organization's changes and its members' (added, edited, removed), newest first; personal
    data shown as `user` may see it (masked without a user)."""
    members = organization.members.all()  # archived ones too: their removal is history
    entries = history_entries(organization, limit=limit, user=user) + records_history(
        Member, members, limit=limit, user=user,
        describe=lambda member, action: _("%(action)s thành viên %(name)s") % {"action": action,
                                                                              "name": member.full_name})
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]
