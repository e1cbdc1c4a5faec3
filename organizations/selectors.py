"""Reads the organization pages share."""

from django.utils import timezone
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


def citizen_id_elsewhere(*, organization: Organization, user) -> list[Member]:
    """Current members of OTHER organizations active today, inside `user`'s scope, who share a citizen
    ID with a current member of `organization`: one person may serve in two teams, but it is worth a look."""
    day = timezone.localdate()
    ids = (organization.members.filter(archived_at__isnull=True).active_on(day).exclude(citizen_id="")
           .values("citizen_id"))
    return list(Member.objects.visible_to(user).active_on(day).filter(citizen_id__in=ids)
                .exclude(organization=organization).filter(organization__in=Organization.objects.active_on(day))
                .select_related("organization__commune").order_by("full_name", "pk"))
