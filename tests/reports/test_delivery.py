"""A report is never lost nor made twice: the request key, the outbox, the reaper, retry, a poll that only reads.

These run on either database with the in-process queue (or a broker address where nothing listens);
tests/reports/test_worker_faults.py does the same against a real worker, Redis and PostgreSQL."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report, ReportStatus
from tests.worker import broker_at, free_port

from .conftest import AS_OF, SINCE

pytestmark = pytest.mark.django_db

FORM = {"kind": "provincial_tally", "as_of": "2018-07-11", "since": "2017-01-01", "signer_name": "Ngô Thành Thật"}


def request_report(unit, **extra) -> Report:
    return services.report_request(kind="provincial_tally", unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF,
                                   **extra)


def seconds_ago(seconds: float):
    return timezone.now() - timezone.timedelta(seconds=seconds)


def test_the_form_carries_a_fresh_request_key_each_time_it_is_opened(bac_lieu, provincial_staff, client_for):
    client = client_for(provincial_staff)
    pages = [client.get(reverse("reports:report_create")).content.decode() for _ in range(2)]
    keys = [page.split('name="request_key" value="')[1].split('"')[0] for page in pages]
    assert 'type="hidden" name="request_key"' in pages[0]
    assert uuid.UUID(keys[0]) != uuid.UUID(keys[1])


def test_two_quick_clicks_make_one_report_with_one_number(small_world, bac_lieu, provincial_staff, client_for,
                                                          django_capture_on_commit_callbacks):
    client = client_for(provincial_staff)
    form = {**FORM, "unit": bac_lieu.pk, "request_key": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("reports:report_create"), form)
        second = client.post(reverse("reports:report_create"), form, follow=True)
    report = Report.objects.get()
    assert first.url == reverse("reports:report_detail", args=[report.pk])
    assert second.redirect_chain[-1][0] == first.url
    assert "đã được gửi trước đó" in second.content.decode()
    assert report.number == 1 and report.status == ReportStatus.DONE and report.attempts == 1
    # A new opening of the form is a new request, with the next number.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_create"), {**form, "request_key": str(uuid.uuid4())})
    assert sorted(Report.objects.values_list("number", flat=True)) == [1, 2]


def test_another_officers_request_key_is_refused(bac_lieu, provincial_staff, leader):
    key = uuid.uuid4()
    request_report(bac_lieu, by=provincial_staff, request_key=key)
    with pytest.raises(services.PermissionDenied):
        request_report(bac_lieu, by=leader, request_key=key)
    assert Report.objects.count() == 1


def test_the_status_poll_and_the_pages_only_read(bac_lieu, provincial_staff, client_for):
    report = request_report(bac_lieu, by=provincial_staff)
    # Even a report whose worker is long gone is left to the reaper: a GET writes nothing.
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, started_at=seconds_ago(7200),
                                               heartbeat_at=seconds_ago(7200))
    client = client_for(provincial_staff)
    urls = [reverse("reports:report_status", args=[report.pk]), reverse("reports:report_detail", args=[report.pk]),
            reverse("reports:report_list")]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                  and "django_session" not in q["sql"]]
        assert writes == [], url
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING


def test_the_reaper_requeues_a_render_whose_heartbeat_stopped_and_it_finishes(small_world, bac_lieu, settings,
                                                                              django_capture_on_commit_callbacks):
    report = request_report(bac_lieu)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=40, attempts=1,
                                               started_at=seconds_ago(60), heartbeat_at=seconds_ago(60))
    reaped = services.reap_reports()  # the in-process queue renders it at once
    report.refresh_from_db()
    assert (reaped.requeued, reaped.failed) == (1, 0)
    assert report.status == ReportStatus.DONE and report.attempts == 2 and report.pdf_sha256


def test_a_render_that_still_beats_is_neither_reaped_nor_taken_over(bac_lieu):
    report = request_report(bac_lieu)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=40, attempts=1,
                                               started_at=seconds_ago(60), heartbeat_at=seconds_ago(1))
    assert services.reap_reports().requeued == 0
    assert services.report_render(report_id=report.pk).progress == 40  # a second delivery leaves it alone
    assert services.report_retry(report=Report.objects.get()) == services.RetryOutcome.RUNNING


def test_a_report_whose_workers_keep_dying_ends_failed_with_the_reason(bac_lieu, settings):
    report = request_report(bac_lieu)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, attempts=settings.REPORT_MAX_ATTEMPTS,
                                               started_at=seconds_ago(60), heartbeat_at=seconds_ago(60))
    assert services.reap_reports().failed == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and report.finished_at
    assert f"dừng đột ngột {settings.REPORT_MAX_ATTEMPTS} lần" in report.error


@pytest.mark.django_db(transaction=True)  # the view reads what its commit sent, as in production
def test_retry_on_a_stalled_report_really_requeues_it(small_world, bac_lieu, provincial_staff, client_for):
    report = request_report(bac_lieu, by=provincial_staff)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=40, attempts=1,
                                               started_at=seconds_ago(60), heartbeat_at=seconds_ago(60))
    client = client_for(provincial_staff)
    assert "Thử lại" in client.get(reverse("reports:report_status", args=[report.pk])).content.decode()
    page = client.post(reverse("reports:report_retry", args=[report.pk]), follow=True).content.decode()
    report.refresh_from_db()
    assert "Đã đưa báo cáo vào hàng đợi để dựng lại" in page
    assert report.status == ReportStatus.DONE and report.attempts == 2 and Report.objects.count() == 1


def test_with_the_queue_down_a_request_is_stored_and_sent_when_it_is_back(small_world, bac_lieu, provincial_staff,
                                                                          client_for):
    client = client_for(provincial_staff)
    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):  # nothing listens there
        response = client.post(reverse("reports:report_create"),
                               {**FORM, "unit": bac_lieu.pk, "request_key": str(uuid.uuid4())}, follow=True)
        page = response.content.decode()
        assert response.status_code == 200 and "sẽ được dựng ngay khi hàng đợi hoạt động trở lại" in page
        report = Report.objects.get()
        assert report.status == ReportStatus.QUEUED and report.dispatched_at is None
        assert client.get(reverse("reports:report_list")).status_code == 200
        assert services.reap_reports().dispatched == 0  # still down: it stays in the outbox
    # The queue is back (here: the in-process one): the next round of the reaper sends it.
    assert services.reap_reports().dispatched == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.dispatched_at is not None
