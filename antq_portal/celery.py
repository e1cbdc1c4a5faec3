import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq_portal.settings")

app = Celery("antq_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _beat_for_healthz(**_kwargs) -> None:
    # /healthz reports when a worker last beat; beat itself and the web processes do not.
    if app.conf.broker_url.startswith("redis"):
        from antq_portal.health import start_worker_heartbeat

        start_worker_heartbeat()
