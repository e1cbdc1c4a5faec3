from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from antq_portal.history import REASONS

        from .lists import ensure_lists_after_migrate

        post_migrate.connect(ensure_lists_after_migrate, dispatch_uid="commendations.ensure_lists")

        REASONS.setdefault("merge", _("Gộp cá nhân trùng"))
        REASONS.setdefault("split", _("Tách cá nhân gộp nhầm"))
