"""Requesting, rendering and retrying reports. Tasks call these; views call these."""

import hashlib
import json
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Report, ReportKind, ReportStatus
from .rendering import KINDS, PDF_VARIANT, render_pdf
from .selectors import unit_in_scope
from .tally import commendation_list, compute_tally


def canonical_json(data) -> bytes:
    """The figures as stored and hashed: sorted keys, UTF-8, so the same figures give the same checksum."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _next_number(unit, year: int) -> int:
    last = Report.objects.filter(unit=unit, as_of__year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _enqueue(report: Report) -> None:
    from .tasks import render_report_task

    transaction.on_commit(lambda: render_report_task.delay(report.pk))


@transaction.atomic
def report_request(*, kind: str, unit, as_of: date, since: date, until: date, by=None,
                   number: int | None = None, signer_name: str = "", schedule: str = "") -> Report:
    """A new report in the archive, queued for rendering once the transaction commits."""
    if by is not None and not unit_in_scope(by, unit):
        raise PermissionDenied("Đơn vị này nằm ngoài phạm vi dữ liệu của bạn.")
    report = Report(kind=kind, unit=unit, as_of=as_of, since=since, until=until, requested_by=by,
                    signer_name=signer_name, schedule=schedule,
                    number=number or _next_number(unit, as_of.year))
    report.full_clean()
    report.save()
    _enqueue(report)
    return report


@transaction.atomic
def report_retry(*, report: Report) -> Report:
    """A failed report goes back to the queue (same report, same number: never a second one)."""
    if report.status != ReportStatus.FAILED:
        return report
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED, progress=0, error="")
    report.refresh_from_db()
    _enqueue(report)
    return report


def report_reproduce(*, report: Report, by) -> Report:
    """The same parameters rendered again from today's data, to compare with the archived one."""
    return report_request(kind=report.kind, unit=report.unit, as_of=report.as_of, since=report.since,
                          until=report.until, by=by, signer_name=report.signer_name)


def _update(report_id: int, **fields) -> None:
    Report.objects.filter(pk=report_id).update(**fields)


def mark_failed(report_id: int, reason: str) -> None:
    _update(report_id, status=ReportStatus.FAILED, error=reason, finished_at=timezone.now())


def mark_retrying(report_id: int, reason: str) -> None:
    _update(report_id, status=ReportStatus.QUEUED, progress=0, error=reason)


def fail_stale_reports() -> int:
    """Reports left "running" by a worker killed past its hard time limit end failed, never stuck."""
    limit = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return Report.objects.filter(status=ReportStatus.RUNNING, started_at__lt=limit).update(
        status=ReportStatus.FAILED, finished_at=timezone.now(),
        error="Tiến trình dựng báo cáo đã dừng đột ngột (quá thời gian cho phép). Hãy bấm “Thử lại”.")


def _save_file(file, extension: str, content: bytes) -> None:
    # Keyed by the report: a retry overwrites its own file instead of leaving a second one.
    name = file.field.generate_filename(file.instance, f"report.{extension}")
    if default_storage.exists(name):
        default_storage.delete(name)
    file.save(name, ContentFile(content), save=False)


def report_figures(report: Report) -> dict:
    """The tally the report shows (plus, for the list of commendations, its rows)."""
    user = report.requested_by
    tally = compute_tally(unit=report.unit, as_of=report.as_of, since=report.since, until=report.until,
                          user=user, include_communes=KINDS[report.kind].include_communes).as_dict()
    if report.kind == ReportKind.COMMENDATIONS:
        tally["list"] = commendation_list(unit=report.unit, since=report.since, until=report.until, user=user)
    return tally


def report_render(*, report_id: int) -> Report:
    """Renders the report's PDF and stores it with its figures and checksums. Idempotent."""
    report = Report.objects.select_related("unit", "unit__parent", "requested_by").get(pk=report_id)
    if report.is_done:
        return report
    _update(report_id, status=ReportStatus.RUNNING, progress=5, error="", started_at=timezone.now(),
            attempts=report.attempts + 1)
    figures = report_figures(report)
    _update(report_id, progress=40)
    pdf = render_pdf(report, figures, commendation_rows=figures.get("list"))
    _update(report_id, progress=85)
    figures_bytes = canonical_json(figures)
    with transaction.atomic():
        _save_file(report.pdf, "pdf", pdf)
        _save_file(report.figures_file, "json", figures_bytes)
        report.figures = figures
        report.pdf_sha256 = sha256(pdf)
        report.figures_sha256 = sha256(figures_bytes)
        report.pdf_variant = PDF_VARIANT
        report.status = ReportStatus.DONE
        report.progress = 100
        report.error = ""
        report.finished_at = timezone.now()
        report.save(update_fields=["pdf", "figures_file", "figures", "pdf_sha256", "figures_sha256", "pdf_variant",
                                   "status", "progress", "error", "finished_at"])
    return report
