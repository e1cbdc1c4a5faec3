from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .stocks import drops_counts, written

        # Every save and delete of an organization or a member (the only rows whose writes drop kept counts):
        # its commune's counts kept again at commit. Connected to those models only: a delete listener on any
        # other would cost its querysets' fast delete.
        for model in apps.get_models():
            if drops_counts(model):
                post_save.connect(written, sender=model, dispatch_uid=f"reports.stocks.saved.{model._meta.label}")
                post_delete.connect(written, sender=model, dispatch_uid=f"reports.stocks.deleted.{model._meta.label}")
