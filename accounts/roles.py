"""Roles are Django groups named by the role's code; this module is the one place that says
what each may do. The lists are declared here, whole: no app appends to them at start-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DATA_ENTRY = "data_entry", _("Cán bộ nhập liệu")
    REPORTING = "reporting", _("Cán bộ tổng hợp")
    LEADERSHIP = "leadership", _("Lãnh đạo")
    ADMINISTRATOR = "administrator", _("Quản trị viên")


EDIT = ("add", "change", "delete")
# Models every role may read and that data-entry and reporting staff edit: officers keep the
# organizations, members, ratings and deployments of their communes.
REGISTRY_MODELS: tuple[str, ...] = (
    "organizations.organization",
    "organizations.member",
    "organizations.organizationrating",
    "models_registry.deployment",
    "models_registry.deploymentresult",
)
# Models only reporting staff (provincial) and administrators edit; officers read them: the
# province registers models, recognitions, decisions and keeps the managed lists.
STAFF_MODELS: tuple[str, ...] = (
    "organizations.organizationkind",
    "models_registry.crimepreventionmodel",
    "models_registry.recognition",
    "models_registry.fieldofwork",
    "models_registry.resultindicator",
    "commendations.decision",
    "commendations.recipient",
    "commendations.person",
    "commendations.authority",
    "commendations.commendationform",
)
# Every role may request and read the reports of its own scope (the queryset decides which);
# leadership too, although it edits no record.
_REPORTS = ("reports.view_report", "reports.add_report")
# Full citizen IDs and restoring archived organizations: provincial staff and administrators.
_STAFF_EXTRAS = ("organizations.view_citizen_id", "organizations.restore_organization")
EXTRA_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.DATA_ENTRY: _REPORTS,
    Role.REPORTING: _REPORTS + _STAFF_EXTRAS,
    Role.LEADERSHIP: _REPORTS,
    Role.ADMINISTRATOR: _REPORTS + _STAFF_EXTRAS + (
        "accounts.view_user", "accounts.add_user", "accounts.change_user",
        "geography.view_administrativeunit",
        "django_celery_beat.view_periodictask", "django_celery_beat.change_periodictask",
        "django_celery_beat.view_crontabschedule",
        # A lost phone, a locked-out officer: the device deleted, the lockout lifted (the admin, scoped).
        "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice",
        "axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accessfailurelog",
    ),
}


def permissions_for(role: Role) -> set[str]:
    """Every "app_label.codename" the role's group carries."""
    perms: set[str] = set()
    for model in REGISTRY_MODELS + STAFF_MODELS:
        app_label, name = model.split(".")
        perms.add(f"{app_label}.view_{name}")
        edits = role in (Role.DATA_ENTRY, Role.REPORTING, Role.ADMINISTRATOR)
        if model in STAFF_MODELS:
            edits = role in (Role.REPORTING, Role.ADMINISTRATOR)
        if edits:
            perms.update(f"{app_label}.{action}_{name}" for action in EDIT)
    perms.update(EXTRA_PERMISSIONS[role])
    return perms


def role_group(role: Role):
    """The role's group, named by its code whatever the language of the request."""
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=role.value)
    return group


def sync_role_groups(**kwargs) -> None:
    """Create one group per role and give it exactly its permissions (runs after migrate)."""
    from django.contrib.auth.models import Permission

    for role in Role:
        wanted = permissions_for(role)
        perms = [
            p for p in Permission.objects.select_related("content_type")
            if f"{p.content_type.app_label}.{p.codename}" in wanted
        ]
        role_group(role).permissions.set(perms)


def role_by_code(code: str) -> Role | None:
    """The role a group name stands for; groups are named by the role's code only."""
    return Role(code) if code in Role.values else None


def is_administrator(user) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


def role_by_name(value: str) -> Role:
    """For commands: the code ("data_entry") or the Vietnamese or English label, ignoring case
    and accents. Code paths read roles by code (`role_by_code`), never by a label."""
    from django.utils import translation

    from antq_portal.text import fold

    for role in Role:
        names = {fold(role.value)}
        for language in ("vi", "en"):
            with translation.override(language):
                names.add(fold(str(role.label)))
        if fold(value) in names:
            return role
    raise ValueError(value)
