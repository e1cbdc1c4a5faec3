"""Roles are Django groups; this module is the one place that says what each may do."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DATA_ENTRY = "data_entry", _("Cán bộ nhập liệu")
    REPORTING = "reporting", _("Cán bộ tổng hợp")
    LEADERSHIP = "leadership", _("Lãnh đạo")
    ADMINISTRATOR = "administrator", _("Quản trị viên")


# Codenames per role, as "app_label.codename". A registry app adds its own rows here.
VIEW = "view"
EDIT = ("add", "change", "delete")
ROLE_MODEL_ACTIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.DATA_ENTRY: {},
    Role.REPORTING: {},
    Role.LEADERSHIP: {},
    Role.ADMINISTRATOR: {},
}
# Models every role may read and that data-entry and reporting staff edit.
REGISTRY_MODELS: list[str] = []
# Models only reporting staff (provincial) and administrators edit; officers read them.
STAFF_MODELS: list[str] = []
# Extra permissions ("app_label.codename") per role, e.g. seeing full citizen IDs.
EXTRA_PERMISSIONS: dict[Role, list[str]] = {role: [] for role in Role}


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
    if role == Role.ADMINISTRATOR:
        perms.update({"accounts.view_user", "accounts.add_user", "accounts.change_user",
                      "geography.view_administrativeunit"})
    return perms


def sync_role_groups(**kwargs) -> None:
    """Create one group per role and give it exactly its permissions (runs after migrate)."""
    from django.contrib.auth.models import Group, Permission

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.label)
        wanted = permissions_for(role)
        perms = [
            p for p in Permission.objects.select_related("content_type")
            if f"{p.content_type.app_label}.{p.codename}" in wanted
        ]
        group.permissions.set(perms)


def is_administrator(user) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


def role_by_name(value: str) -> Role:
    """Accepts the code ("data_entry") or the Vietnamese label, ignoring case."""
    from antq_portal.text import fold

    for role in Role:
        if fold(value) in {fold(role.value), fold(str(role.label))}:
            return role
    raise ValueError(value)
