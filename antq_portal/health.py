"""`/healthz`: is the database there, does the broker answer, when did a worker last beat. For monitors and
`make serve`: no login, nothing secret (no addresses, names or versions), 503 when any check fails."""

import json
import logging
import threading
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

WORKER_HEARTBEAT_KEY = "antq:worker-heartbeat"
WORKER_HEARTBEAT_SECONDS = 10
# A worker silent for longer than this is reported gone (a few missed beats, not one slow one).
WORKER_STALE_SECONDS = 60


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        logger.warning("Health check: database unavailable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def check_broker() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "in-process"}
    try:
        _redis().ping()
    except Exception as exc:  # noqa: BLE001
        logger.warning("Health check: broker unavailable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "mode": "redis"}


def check_worker() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "in-process"}
    try:
        raw = _redis().get(WORKER_HEARTBEAT_KEY)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": type(exc).__name__}
    if raw is None:
        return {"ok": False, "last_heartbeat_seconds_ago": None}
    age = max(0.0, time.time() - json.loads(raw)["at"])
    return {"ok": age <= WORKER_STALE_SECONDS, "last_heartbeat_seconds_ago": round(age, 1)}


@never_cache
@login_not_required
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker(), "worker": check_worker()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503)


def record_worker_heartbeat() -> None:
    _redis().set(WORKER_HEARTBEAT_KEY, json.dumps({"at": time.time()}), ex=WORKER_STALE_SECONDS * 10)


def start_worker_heartbeat() -> threading.Thread:
    """Called once in each worker as it starts (antq_portal/celery.py): beats while the process lives."""

    def beat():
        while True:
            try:
                record_worker_heartbeat()
            except Exception:  # noqa: BLE001 - Redis away: /healthz shows the heartbeat getting old
                logger.warning("Worker heartbeat not recorded", exc_info=True)
            time.sleep(WORKER_HEARTBEAT_SECONDS)

    thread = threading.Thread(target=beat, name="antq-worker-heartbeat", daemon=True)
    thread.start()
    return thread
