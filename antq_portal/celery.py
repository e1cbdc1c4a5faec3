import os
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def tasks_sent_to(url: str, *, eager: bool = False) -> Iterator[None]:
    """This process's tasks sent to the broker at `url` (run in-process with `eager`) for a while: tests
    (a real worker's Redis, a port where nothing listens) and the national bench (a broker nobody reads)."""

    def reset_pools():
        # Dropped, not closed: kombu keeps one pool per address, and the next user may use this one again.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, eager
    reset_pools()
    try:
        yield
    finally:
        reset_pools()
        app.conf.broker_url, app.conf.task_always_eager = previous
