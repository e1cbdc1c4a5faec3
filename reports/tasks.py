"""Celery tasks: render one report into the archive; produce the scheduled reports."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from . import services

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the disk hiccupped, the work itself is sound.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return (f"Quá thời gian cho phép ({settings.CELERY_TASK_SOFT_TIME_LIMIT} giây) khi dựng báo cáo. "
                "Hãy thu hẹp phạm vi hoặc thử lại sau.")
    if isinstance(exc, TRANSIENT_ERRORS):
        return f"Lỗi kết nối cơ sở dữ liệu hoặc lưu trữ, đã thử lại {MAX_RETRIES} lần: {exc}"
    return f"Không dựng được báo cáo: {type(exc).__name__}: {exc}"


@shared_task(bind=True, acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, retry_backoff_max=120,
             retry_jitter=True, max_retries=MAX_RETRIES, time_limit=settings.CELERY_TASK_TIME_LIMIT,
             soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def render_report_task(self, report_id: int) -> str:
    """Keyed by the report: a retry or a second delivery renders the same report, never a new one."""
    try:
        # In-process (no broker) the page waits for the render itself: no side thread needed.
        report = services.report_render(report_id=report_id, heartbeat=not self.request.is_eager)
    except TRANSIENT_ERRORS as exc:
        if not connection.in_atomic_block:  # in-process inside a transaction, the caller owns the connection
            close_old_connections()  # a connection PostgreSQL dropped (restart) is replaced, not reused
        if self.request.retries < MAX_RETRIES:
            services.mark_retrying(report_id, f"Gặp lỗi tạm thời, đang thử lại (lần {self.request.retries + 1}): {exc}")
        else:
            services.mark_failed(report_id, failure_reason(exc))
        raise  # autoretry_for schedules the next attempt with backoff
    except Exception as exc:  # noqa: BLE001 - any other failure ends the report failed, with the reason
        logger.exception("Report %s failed", report_id)
        services.mark_failed(report_id, failure_reason(exc))
        return "failed"
    return report.status


@shared_task(acks_late=True)
def run_scheduled_reports(*, period: str, unit_id: int, kinds: list[str] | None = None, depth: int = 1) -> int:
    """Beat calls this (monthly, quarterly, yearly): every scope's reports for the period just ended."""
    from .schedules import produce_scheduled_reports

    return len(produce_scheduled_reports(period=period, unit_id=unit_id, kinds=kinds, depth=depth))


@shared_task(ignore_result=True, expires=60)
def reap_reports() -> dict:
    """Beat, every REPORT_REAP_SECONDS: re-queue or fail the renders whose worker is gone, flush the outbox."""
    return vars(services.reap_reports())


@worker_ready.connect
def reap_when_a_worker_starts(**_kwargs) -> None:
    # A worker that comes up (after a crash, or with Redis back) picks up at once what waits for it.
    try:
        services.reap_reports()
    except Exception:  # noqa: BLE001 - the worker must start even if the database is not there yet
        logger.exception("Reaping reports at worker start failed")


@shared_task(ignore_result=True, time_limit=settings.CELERY_TASK_TIME_LIMIT,
             soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def recount_tally(question: dict, language: str) -> None:
    """A dashboard's tally counted again and kept (reports/kept.py: recounted late); `question` is
    compute_tally's arguments as JSON, asked in `language` (the labels are kept in it)."""
    from django.utils import translation

    from .tally import answer_question

    with translation.override(language):
        answer_question(question)


@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def keep_stocks() -> dict:
    """Nightly (reports.kept.nightly): the communes counted, old kept tallies dropped, dashboards kept."""
    from .kept import nightly

    return nightly()


@shared_task(ignore_result=True, expires=60, time_limit=settings.CELERY_TASK_TIME_LIMIT,
             soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def keep_due_stocks() -> int:
    """Beat, every REPORTS_KEEP_DUE_SECONDS: the kept counts that writes dropped and their own commit did not keep
    again (raw SQL, more days than a commit keeps, a commit whose keeping failed) counted and kept."""
    from .stocks import keep_due

    return keep_due(days=None, most=None)
