import pytest
from django.db import OperationalError
from django.utils import timezone

from reports import rendering, services
from reports.models import Report, ReportStatus
from reports.tasks import render_report_task

from .conftest import AS_OF, SINCE

pytestmark = pytest.mark.django_db


def request_report(unit, kind="provincial_tally", **extra) -> Report:
    return services.report_request(kind=kind, unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF, **extra)


def test_without_a_broker_the_task_runs_in_process_once_the_request_commits(small_world, bac_lieu, provincial_staff,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(bac_lieu, by=provincial_staff)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100
    assert report.pdf.read().startswith(b"%PDF")
    assert report.attempts == 1


def test_running_the_task_again_never_makes_a_second_report(small_world, bac_lieu):
    report = request_report(bac_lieu)
    render_report_task.delay(report.pk)
    report.refresh_from_db()
    first_pdf, first_sha = report.pdf.name, report.pdf_sha256
    render_report_task.delay(report.pk)
    report.refresh_from_db()
    assert Report.objects.count() == 1
    assert (report.pdf.name, report.pdf_sha256, report.attempts) == (first_pdf, first_sha, 1)


def test_a_render_that_raises_ends_failed_with_the_reason(small_world, bac_lieu, monkeypatch):
    monkeypatch.setitem(rendering.KINDS, "breakdown",
                        rendering.KindSpec("reports/pdf/khong-co-mau.html", "Mẫu không tồn tại"))
    report = request_report(bac_lieu, kind="breakdown")
    assert render_report_task.delay(report.pk).get() == "failed"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "Không dựng được báo cáo" in report.error and "khong-co-mau.html" in report.error
    assert report.finished_at is not None and not report.pdf


def test_a_transient_database_error_is_retried_and_the_report_still_comes_out(small_world, bac_lieu, monkeypatch):
    calls = []
    real = services.report_figures

    def flaky(report):
        calls.append(report.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(report)

    monkeypatch.setattr(services, "report_figures", flaky)
    report = request_report(bac_lieu)
    render_report_task.apply(args=[report.pk])
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == ReportStatus.DONE and Report.objects.count() == 1


def test_a_report_left_running_past_the_time_limit_is_marked_failed(small_world, bac_lieu, settings):
    report = request_report(bac_lieu)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING,
                                               started_at=timezone.now() - timezone.timedelta(hours=2))
    assert services.reap_reports().failed == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "dừng đột ngột" in report.error


def test_a_failed_report_can_be_retried_into_the_same_report(small_world, bac_lieu, monkeypatch,
                                                            django_capture_on_commit_callbacks):
    monkeypatch.setitem(rendering.KINDS, "breakdown", rendering.KindSpec("reports/pdf/khong-co-mau.html", "x"))
    report = request_report(bac_lieu, kind="breakdown")
    render_report_task.delay(report.pk)
    monkeypatch.undo()
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.error == "" and report.attempts == 2
    assert Report.objects.count() == 1
