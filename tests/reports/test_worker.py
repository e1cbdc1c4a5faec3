"""One report rendered end to end by a real Celery worker process, through Redis, into PostgreSQL."""

import io

import pytest
from pypdf import PdfReader

from reports.models import Report, ReportStatus
from reports.services import report_request
from tests.worker import celery_worker, wait_until

from .conftest import AS_OF, SINCE


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_report_into_the_archive(small_world, bac_lieu, provincial_staff, media_in_tmp,
                                                         tmp_path, client):
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path) as worker:
        report = report_request(kind="provincial_tally", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                                by=provincial_staff)

        def finished():
            report.refresh_from_db()
            return report.is_finished

        wait_until(finished, timeout=180, what="the report's rendering")
        assert report.status == ReportStatus.DONE, report.error or worker.log()
        assert report.progress == 100 and report.attempts == 1
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf.read())).pages)
        assert "BÁO CÁO" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert Report.objects.count() == 1
        assert "render_report_task" in worker.log() and "succeeded" in worker.log()
        # /healthz sees the running worker's heartbeat, and the broker.
        health = client.get("/healthz").json()
        assert health["status"] == "ok" and health["broker"] == {"ok": True, "mode": "redis"}
        assert health["worker"]["ok"] and health["worker"]["last_heartbeat_seconds_ago"] < 60
