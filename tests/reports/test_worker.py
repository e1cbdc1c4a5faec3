"""One report rendered end to end by a real Celery worker process, through Redis, into PostgreSQL."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.models import Report, ReportStatus
from reports.services import report_request
from tests.worker import celery_worker, wait_until

from .conftest import AS_OF, SINCE


def rendered(kind: str, unit, by, worker) -> Report:
    """A report asked for as an officer does, once the worker has finished it, done."""
    report = report_request(kind=kind, unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF, by=by)

    def finished():
        report.refresh_from_db()
        return report.is_finished

    wait_until(finished, timeout=180, what="the report's rendering")
    assert report.status == ReportStatus.DONE, report.error or worker.log()
    return report


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_report_into_the_archive(small_world, bac_lieu, provincial_staff, media_in_tmp,
                                                         tmp_path, client):
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path) as worker:
        report = rendered("provincial_tally", bac_lieu, provincial_staff, worker)
        assert report.progress == 100 and report.attempts == 1
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf.read())).pages)
        assert "BÁO CÁO" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert Report.objects.count() == 1
        assert "render_report_task" in worker.log() and "succeeded" in worker.log()
        # /healthz sees the running worker's heartbeat, and the broker.
        health = client.get("/healthz").json()
        assert health["status"] == "ok" and health["broker"] == {"ok": True, "mode": "redis"}
        assert health["worker"]["ok"] and health["worker"]["last_heartbeat_seconds_ago"] < 60


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_production_worker_writes_a_long_breakdown_in_parts_at_once(small_world, bac_lieu, provincial_staff,
                                                                     media_in_tmp, tmp_path):
    """Production's prefork worker (its task runs in a daemonic child) still starts the processes that
    write the parts of a long report (reports/rendering.py), and the parts join into one numbered report."""
    env = {"REPORTS_PDF_PART_ROWS": "20", "REPORTS_PDF_PROCESSES": "2"}
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path, env=env, pool="prefork") as worker:
        report = rendered("breakdown", bac_lieu, provincial_staff, worker)
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert text.count("Tổng cộng") == 1 and text.count("Nơi nhận:") == 1
    assert all(f"– {row['name']} " in " ".join(text.split()) for row in report.figures["communes"])
    assert len(reader.pages) >= 4  # 64 communes and 7 districts in parts of 20 rows, each on its own pages


def organizations_shown(page: str) -> str:
    return re.search(r'data-figure="organizations">\s*<a class="value" href="[^"]*">([\d.]+)<', page).group(1)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_large_scopes_dashboard_is_counted_again_by_the_worker_while_the_kept_one_is_shown(
        small_world, bac_lieu, ho_phong, provincial_staff, media_in_tmp, tmp_path, client, settings):
    from django.core.cache import cache
    from django.urls import reverse

    from .factories import OrganizationFactory

    settings.REPORTS_RECOUNT_LATE_ABOVE = 0  # Bạc Liêu's 64 communes as the country's 10,000
    cache.clear()
    url = f"{reverse('reports:dashboard_unit', args=[bac_lieu.pk])}?as_of={AS_OF}&since={SINCE}"
    client.force_login(provincial_staff)
    note = "Số liệu tính lúc"
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path) as worker:
        first = client.get(url).text  # nothing kept yet: counted now, and kept
        assert note not in first and organizations_shown(first) == "4"
        OrganizationFactory(commune=ho_phong)
        late = client.get(url).text
        assert note in late and organizations_shown(late) == "4"  # the kept figures, said to be so
        wait_until(lambda: note not in client.get(url).text, timeout=60, what="the worker's recount")
        assert organizations_shown(client.get(url).text) == "5"
        assert "reports.tasks.recount_tally" in worker.log() and "succeeded" in worker.log()
