from celery import shared_task

from .services import import_job_run, import_jobs_purge_files


@shared_task(acks_late=True)
def run_import_job(job_id: int) -> None:
    """Check (preview) or save an uploaded file, depending on the job's stage."""
    import_job_run(job_id=job_id)


@shared_task
def purge_import_files(days: int | None = None) -> int:
    """Beat calls this daily: uploaded files past their retention are deleted, the jobs kept."""
    return import_jobs_purge_files(days=days)
