from celery import shared_task

from .access_log import purge_access_log


@shared_task
def purge_access_log_task(days: int | None = None) -> int:
    """Beat calls this nightly: entries past ACCESS_LOG_RETENTION_DAYS are deleted."""
    return purge_access_log(days)
