from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Tổ chức quần chúng")

    def ready(self) -> None:
        from accounts.roles import EXTRA_PERMISSIONS, REGISTRY_MODELS, STAFF_MODELS, Role

        from .kinds import ensure_kinds_after_migrate

        post_migrate.connect(ensure_kinds_after_migrate, dispatch_uid="organizations.ensure_kinds")

        for model in ("organizations.organization", "organizations.member", "organizations.organizationrating"):
            if model not in REGISTRY_MODELS:
                REGISTRY_MODELS.append(model)
        if "organizations.organizationkind" not in STAFF_MODELS:
            STAFF_MODELS.append("organizations.organizationkind")
        # Full citizen IDs and restoring archived organizations: provincial staff and administrators.
        for role in (Role.REPORTING, Role.ADMINISTRATOR):
            for perm in ("organizations.view_citizen_id", "organizations.restore_organization"):
                if perm not in EXTRA_PERMISSIONS[role]:
                    EXTRA_PERMISSIONS[role].append(perm)
