"""Reports survive the worker, Redis and PostgreSQL going away: real worker and beat processes, a Redis of
the test's own on a spare port (never the shared one), PostgreSQL backends terminated under the worker."""

import os
import signal
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from reports.models import Report, ReportStatus
from reports.services import report_request
from tests.worker import broker_at, celery_beat, celery_worker, free_port, redis_server, wait_until

from .conftest import AS_OF, SINCE

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Short periods, so that a stalled render is noticed in seconds rather than the production 20 s.
FAST = {"REPORT_HEARTBEAT_SECONDS": "1", "REPORT_STALE_SECONDS": "3", "REPORT_REAP_SECONDS": "1"}


def finished(report: Report):
    def check():
        report.refresh_from_db()
        return report.is_finished
    return check


def test_a_worker_killed_mid_render_hands_the_report_to_the_next_worker(small_world, bac_lieu, provincial_staff,
                                                                        media_in_tmp, tmp_path):
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path, env=FAST, name="first-worker") as first:
        report = report_request(kind="breakdown", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                                by=provincial_staff)

        def rendering():
            report.refresh_from_db()
            return report.status != ReportStatus.QUEUED

        wait_until(rendering, timeout=60, every=0.02, what="the first worker taking the report")
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait()
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.attempts == 1, "the render ended before the kill"

    with (celery_beat(media_root=media_in_tmp, log_dir=tmp_path, env=FAST),
          celery_worker(media_root=media_in_tmp, log_dir=tmp_path, env=FAST, name="second-worker") as second):
        wait_until(finished(report), timeout=60, what="the report's second render")
    assert report.status == ReportStatus.DONE, report.error or second.log()
    assert report.attempts == 2 and report.pdf_sha256 and Report.objects.count() == 1


def test_with_redis_down_pages_work_the_request_is_kept_and_runs_when_redis_is_back(
        small_world, bac_lieu, provincial_staff, client_for, media_in_tmp, tmp_path):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    client = client_for(provincial_staff)
    with broker_at(url):  # Redis is down: nothing listens on the port yet
        response = client.post(reverse("reports:report_create"), {
            "kind": "provincial_tally", "unit": bac_lieu.pk, "as_of": "2018-07-11", "since": "2017-01-01",
            "request_key": str(uuid.uuid4())}, follow=True)
        assert response.status_code == 200
        assert "sẽ được dựng ngay khi hàng đợi hoạt động trở lại" in response.content.decode()
        assert client.get(reverse("reports:report_list")).status_code == 200
        assert client.get(reverse("reports:dashboard")).status_code == 200
    report = Report.objects.get()
    assert report.status == ReportStatus.QUEUED and report.dispatched_at is None

    # Redis comes up on that address; the starting worker sends what the outbox kept (beat would too) and
    # renders it.
    with (redis_server(port, tmp_path),
          celery_worker(media_root=media_in_tmp, log_dir=tmp_path, redis_url=url, env=FAST) as worker):
        wait_until(finished(report), timeout=90, what="the kept report's rendering")
    assert report.status == ReportStatus.DONE, report.error or worker.log()
    assert report.dispatched_at is not None and Report.objects.count() == 1


def test_postgresql_dropping_the_workers_connections_mid_render_does_not_lose_the_report(
        small_world, bac_lieu, provincial_staff, media_in_tmp, tmp_path):
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path, env=FAST) as worker:
        report = report_request(kind="breakdown", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                                by=provincial_staff)

        def rendering():
            report.refresh_from_db()
            return report.status != ReportStatus.QUEUED

        wait_until(rendering, timeout=60, every=0.02, what="the worker taking the report")
        # As a PostgreSQL restart does: every other backend of the test database is terminated.
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            assert cursor.fetchone()[0] >= 1  # the rendering worker's
        wait_until(finished(report), timeout=90, what="the report after its connection was dropped")
        # The next report goes through the same worker as if nothing happened.
        again = report_request(kind="provincial_tally", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                               by=provincial_staff)
        wait_until(finished(again), timeout=90, what="the next report")
    assert (report.status, again.status) == (ReportStatus.DONE, ReportStatus.DONE), report.error or worker.log()
    assert Report.objects.count() == 2 and again.attempts == 1
