from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from accounts.roles import STAFF_MODELS
        from antq_portal.history import REASONS

        # Decisions are registered by provincial staff; every officer reads them within scope.
        for model in ("decision", "recipient", "person", "authority", "commendationform"):
            if f"commendations.{model}" not in STAFF_MODELS:
                STAFF_MODELS.append(f"commendations.{model}")
        REASONS.setdefault("merge", _("Gộp cá nhân trùng"))
        REASONS.setdefault("split", _("Tách cá nhân gộp nhầm"))
