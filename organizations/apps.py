from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Tổ chức quần chúng")

    def ready(self) -> None:
        from .kinds import ensure_kinds_after_migrate

        post_migrate.connect(ensure_kinds_after_migrate, dispatch_uid="organizations.ensure_kinds")
