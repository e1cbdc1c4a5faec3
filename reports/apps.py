from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from accounts.roles import EXTRA_PERMISSIONS, Role

        # Every role may request and read the reports of its own scope (the queryset decides
        # which); leadership too, although it edits no record.
        for role in Role:
            for perm in ("reports.view_report", "reports.add_report"):
                if perm not in EXTRA_PERMISSIONS[role]:
                    EXTRA_PERMISSIONS[role].append(perm)
        for perm in ("django_celery_beat.view_periodictask", "django_celery_beat.change_periodictask",
                     "django_celery_beat.view_crontabschedule", "django_celery_beat.change_crontabschedule"):
            if perm not in EXTRA_PERMISSIONS[Role.ADMINISTRATOR]:
                EXTRA_PERMISSIONS[Role.ADMINISTRATOR].append(perm)
