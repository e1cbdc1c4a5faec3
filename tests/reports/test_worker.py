"""One report rendered end to end by a real Celery worker process, through Redis, into PostgreSQL."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from pypdf import PdfReader

from antq_portal.celery import app
from reports.models import Report, ReportStatus
from reports.services import report_request

from .conftest import AS_OF, SINCE

PROJECT = Path(__file__).resolve().parents[2]


def _real_services_or_skip() -> None:
    engine = settings.DATABASES["default"]["ENGINE"]
    on_postgres = "postgresql" in engine
    redis_url = os.environ.get("REDIS_URL", "")
    required = (os.environ.get("ANTQ_REQUIRE_REAL_SERVICES") == "1" and redis_url
                and os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")))
    reason = ""
    if not on_postgres:
        reason = "the worker test needs PostgreSQL (a second process cannot see SQLite's test database)"
    elif not redis_url:
        reason = "the worker test needs REDIS_URL"
    else:
        import redis

        try:
            redis.Redis.from_url(redis_url).ping()
        except redis.RedisError as exc:
            reason = f"Redis at {redis_url} does not answer: {exc}"
    if reason:
        (pytest.fail if required else pytest.skip)(reason)


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for_worker(proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the Celery worker exited early:\n{proc.stdout.read()}")
        if app.control.ping(timeout=1):
            return
    pytest.fail("the Celery worker did not answer a ping within a minute")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_report_into_the_archive(small_world, bac_lieu, provincial_staff, media_in_tmp):
    _real_services_or_skip()
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(media_in_tmp),
           "REDIS_URL": os.environ["REDIS_URL"], "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "antq_portal", "worker", "-P", "solo", "--loglevel=info",
         "--without-gossip", "--without-mingle", "-n", f"antq-test-{os.getpid()}@%h"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    app.conf.task_always_eager = False  # the autouse fixture restores it
    try:
        _wait_for_worker(proc)
        report = report_request(kind="provincial_tally", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                                by=provincial_staff)
        deadline = time.monotonic() + 180
        seen = set()
        while time.monotonic() < deadline:
            report.refresh_from_db()
            seen.add(report.status)
            if report.is_finished:
                break
            time.sleep(0.5)
        assert report.status == ReportStatus.DONE, report.error or f"still {report.status} after 3 minutes"
        assert report.progress == 100 and report.attempts == 1
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf.read())).pages)
        assert "BÁO CÁO" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert Report.objects.count() == 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
