from celery import shared_task

from .services import import_job_run


@shared_task(acks_late=True)
def run_import_job(job_id: int) -> None:
    """Check (preview) or save an uploaded file, depending on the job's stage."""
    import_job_run(job_id=job_id)
