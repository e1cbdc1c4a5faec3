"""Requesting, rendering and retrying reports. Tasks call these; views call these."""

import hashlib
import json
import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from accounts.scope import unit_in_scope

from .models import Report, ReportKind, ReportStatus
from .rendering import KINDS, PDF_VARIANT, render_pdf
from .tally import commendation_list, compute_tally

logger = logging.getLogger(__name__)


def canonical_json(data) -> bytes:
    """The figures as stored and hashed: sorted keys, UTF-8, so the same figures give the same checksum."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _next_number(unit, year: int) -> int:
    last = Report.objects.filter(unit=unit, as_of__year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def report_dispatch(report_id: int) -> bool:
    """Sends the report to the queue; with the queue down it stays in the outbox (dispatched_at empty)."""
    from .tasks import render_report_task

    try:
        render_report_task.apply_async((report_id,), retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the row is the message, sent again later
        logger.warning("Report %s stays in the outbox, the queue does not answer: %s", report_id, exc)
        return False
    _update(report_id, dispatched_at=timezone.now())
    return True


def dispatch_pending_reports() -> int:
    """The outbox: reports stored while the queue was down, and queued ones whose message the broker lost."""
    lost = timezone.now() - timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"])
    pending = (Report.objects.filter(status=ReportStatus.QUEUED)
               .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=lost)).order_by("pk"))
    sent = 0
    for report_id in pending.values_list("pk", flat=True):
        if not report_dispatch(report_id):
            break  # the queue is still down: the rest wait for the next round
        sent += 1
    return sent


def _enqueue(report_id: int) -> None:
    def send():
        if report_dispatch(report_id):
            dispatch_pending_reports()  # the queue answers again: flush what it missed

    transaction.on_commit(send)


def report_request(*, kind: str, unit, as_of: date, since: date, until: date, by=None,
                   number: int | None = None, signer_name: str = "", schedule: str = "",
                   request_key: uuid.UUID | None = None, approved_only: bool = False, layout: str = "") -> Report:
    """A new report in the archive, queued for rendering once the transaction commits.

    A request_key already used (the form posted twice) returns the report it made: one request, one report,
    one official number."""
    if by is not None and not unit_in_scope(by, unit, named=True):
        raise PermissionDenied("Đơn vị này nằm ngoài phạm vi dữ liệu của bạn.")
    if request_key and (existing := _requested(request_key, by)):
        return existing
    try:
        with transaction.atomic():
            report = Report(kind=kind, unit=unit, as_of=as_of, since=since, until=until, requested_by=by,
                            signer_name=signer_name, schedule=schedule, request_key=request_key,
                            approved_only=approved_only, layout=layout or "",
                            number=number or _next_number(unit, as_of.year))
            report.full_clean()
            report.save()
    except IntegrityError:
        # The twin request committed first: the unique key decided, return its report.
        if request_key and (existing := _requested(request_key, by)):
            return existing
        raise
    _enqueue(report.pk)
    return report


def _requested(request_key: uuid.UUID, by) -> Report | None:
    report = Report.objects.filter(request_key=request_key).first()
    if report is not None and report.requested_by_id != getattr(by, "pk", None):
        raise PermissionDenied("Khóa yêu cầu này thuộc về một báo cáo khác.")
    return report


class RetryOutcome(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


def report_retry(*, report: Report) -> RetryOutcome:
    """A failed or stalled report goes back to the queue (same report, same number: never a second one).

    A report whose worker still beats is left alone: it is being rendered."""
    if report.status == ReportStatus.DONE:
        return RetryOutcome.DONE
    if not report.can_retry:
        return RetryOutcome.RUNNING
    # Conditional on the state read: a worker that claimed it meanwhile keeps it.
    changed = Report.objects.filter(pk=report.pk, status=report.status, heartbeat_at=report.heartbeat_at).update(
        status=ReportStatus.QUEUED, progress=0, error="", dispatched_at=None, heartbeat_at=None)
    if not changed:
        return RetryOutcome.RUNNING
    _enqueue(report.pk)
    return RetryOutcome.QUEUED


def report_reproduce(*, report: Report, by) -> Report:
    """The same parameters rendered again from today's data, to compare with the archived one."""
    return report_request(kind=report.kind, unit=report.unit, as_of=report.as_of, since=report.since,
                          until=report.until, by=by, signer_name=report.signer_name)


def _update(report_id: int, **fields) -> None:
    Report.objects.filter(pk=report_id).update(**fields)


def mark_failed(report_id: int, reason: str) -> None:
    _update(report_id, status=ReportStatus.FAILED, error=reason, finished_at=timezone.now(), heartbeat_at=None)


def mark_retrying(report_id: int, reason: str) -> None:
    _update(report_id, status=ReportStatus.QUEUED, progress=0, error=reason, heartbeat_at=None)


def _stalled(now):
    stale = now - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    return Report.objects.filter(status=ReportStatus.RUNNING).filter(
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale))


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    dispatched: int = 0


def reap_reports() -> Reaped:
    """The one rule for reports whose worker is gone (beat, every starting worker, the next report request;
    never a page that only reads): re-queue a render whose heartbeat stopped, fail it with the reason once
    it has had REPORT_MAX_ATTEMPTS runs or outlived the time limit, and flush the outbox."""
    now = timezone.now()
    result = Reaped()
    too_long = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    result.failed += Report.objects.filter(status=ReportStatus.RUNNING, started_at__lt=too_long).update(
        status=ReportStatus.FAILED, finished_at=now, heartbeat_at=None,
        error="Tiến trình dựng báo cáo đã dừng đột ngột (quá thời gian cho phép). Hãy bấm “Thử lại”.")
    for report in _stalled(now).only("pk", "attempts", "heartbeat_at"):
        # Conditional on the heartbeat read: a worker that came back to life keeps its report.
        same = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, heartbeat_at=report.heartbeat_at)
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            result.failed += same.update(
                status=ReportStatus.FAILED, finished_at=now, heartbeat_at=None,
                error=f"Máy dựng báo cáo đã dừng đột ngột {report.attempts} lần khi đang dựng (mất tín hiệu). "
                      "Hãy kiểm tra tiến trình worker rồi bấm “Thử lại”.")
        else:
            result.requeued += same.update(
                status=ReportStatus.QUEUED, progress=0, dispatched_at=None, heartbeat_at=None,
                error="Máy dựng báo cáo đã dừng đột ngột; báo cáo được đưa lại vào hàng đợi "
                      f"(lần chạy thứ {report.attempts + 1}).")
    result.dispatched = dispatch_pending_reports()
    return result


def _claim(report_id: int) -> bool:
    """Only one worker renders a report: a queued one, or a running one whose worker stopped beating."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, heartbeat_at__lt=stale)
    return Report.objects.filter(claimable, pk=report_id).update(
        status=ReportStatus.RUNNING, progress=5, started_at=now, heartbeat_at=now,
        attempts=F("attempts") + 1) == 1


@contextmanager
def _heartbeat(report_id: int, *, enabled: bool):
    """Beats on the report row from a side thread while the render blocks the worker's own."""
    if not enabled:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except DatabaseError:  # one missed beat; a dropped connection is opened again next time
                    logger.warning("Heartbeat of report %s missed", report_id, exc_info=True)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


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
                          user=user, include_communes=KINDS[report.kind].include_communes,
                          approved=report.approved_only, layout=report.layout or None).as_dict()
    if report.kind == ReportKind.COMMENDATIONS:
        tally["list"] = commendation_list(unit=report.unit, since=report.since, until=report.until, user=user)
    return tally


def report_render(*, report_id: int, heartbeat: bool = False) -> Report:
    """Renders the report's PDF and stores it with its figures and checksums. Idempotent: a report that is
    done, failed, or being rendered by a worker that still beats is left as it is."""
    if not _claim(report_id):
        return Report.objects.get(pk=report_id)
    report = Report.objects.select_related("unit", "unit__parent", "requested_by").get(pk=report_id)
    with _heartbeat(report_id, enabled=heartbeat):
        figures = report_figures(report)
        _update(report_id, progress=40, heartbeat_at=timezone.now())
        figures_bytes = canonical_json(figures)
        pdf = render_pdf(report, figures, figures_json=figures_bytes, commendation_rows=figures.get("list"))
        _update(report_id, progress=85, heartbeat_at=timezone.now())
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
        report.heartbeat_at = None
        report.save(update_fields=["pdf", "figures_file", "figures", "pdf_sha256", "figures_sha256", "pdf_variant",
                                   "status", "progress", "error", "finished_at", "heartbeat_at"])
    return report
