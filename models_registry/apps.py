from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ORGANIZATION_PANEL = "models_registry/_organization_panel.html"


class ModelsRegistryConfig(AppConfig):
    name = "models_registry"
    verbose_name = _("Mô hình phòng, chống tội phạm")

    def ready(self) -> None:
        from organizations.panels import DETAIL_PANELS

        from .lists import ensure_managed_lists_after_migrate

        post_migrate.connect(ensure_managed_lists_after_migrate, dispatch_uid="models_registry.managed_lists")

        # The organization detail page lists the models it hosts.
        if ORGANIZATION_PANEL not in DETAIL_PANELS:
            DETAIL_PANELS.append(ORGANIZATION_PANEL)
