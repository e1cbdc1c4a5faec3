"""Import jobs: upload, check in the background, confirm, save — each step through the one pipeline."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import may_import

from .models import ImportJob
from .pipeline import ImportResult, analyse, run_import
from .pipeline.core import ERROR_LIMIT
from .pipeline.reader import check_upload


def can_import(user, registry: str | None = None) -> bool:
    """Into `registry` (or into any registry): whoever may add its records through the form
    (accounts.permissions.may_import); leadership only reads, decisions are the province's."""
    from .registries import REGISTRY_NAMES

    if user is None or not user.is_authenticated:
        return False
    return any(may_import(user, name) for name in ([registry] if registry else REGISTRY_NAMES))


def importable_registries(user) -> list[str]:
    from .registries import REGISTRY_NAMES

    return [name for name in REGISTRY_NAMES if may_import(user, name)]


def import_job_create(*, user, registry: str, upload) -> ImportJob:
    """Store the file and queue its check; raises FileRejected for a file refused unread."""
    check_upload(upload.name, upload.size)
    if not can_import(user, registry):
        raise PermissionDenied
    job = ImportJob(registry=registry, original_name=upload.name[:255], created_by=user)
    job.file.save(upload.name, upload, save=False)
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


def import_job_confirm(*, job: ImportJob, user) -> bool:
    """Queue the save of a checked file with no errors; False when the job cannot be confirmed."""
    if not job.can_confirm or not can_import(user, job.registry):
        return False
    claimed = ImportJob.objects.filter(pk=job.pk, stage=ImportJob.Stage.PREVIEW, status=ImportJob.Status.DONE,
                                       error_count=0, saved=False, file_removed_at__isnull=True).update(
        stage=ImportJob.Stage.SAVE, status=ImportJob.Status.QUEUED, progress=0, finished_at=None)
    if claimed:
        job.refresh_from_db()
        _enqueue(job)
    return bool(claimed)


def import_job_discard(*, job: ImportJob, user) -> bool:
    """The importer drops a checked file instead of saving it: the file is deleted, the job kept."""
    if not job.can_discard or job.created_by_id != user.pk:
        return False
    discarded = ImportJob.objects.filter(pk=job.pk, status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED],
                                         saved=False).update(status=ImportJob.Status.DISCARDED)
    if discarded:
        import_job_remove_file(job)
        job.refresh_from_db()
    return bool(discarded)


def retention_days() -> int:
    return getattr(settings, "IMPORT_RETENTION_DAYS", 30)


def import_job_remove_file(job: ImportJob) -> None:
    """Delete the uploaded file; the job keeps its counts, errors and summary for the audit trail.

    The file goes first: should the update fail, the next purge finds the job again."""
    if job.file:
        job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="", file_removed_at=timezone.now())


def import_jobs_purge_files(*, days: int | None = None) -> int:
    """Delete the files of jobs older than `days` (default IMPORT_RETENTION_DAYS), and of saved or
    discarded jobs whose file is still there; a job still unfinished by then is marked failed."""
    days = retention_days() if days is None else days
    if days < 1:
        raise ValueError("keep files at least one day: a job checked a moment ago still needs its file")
    cutoff = timezone.now() - timedelta(days=days)
    jobs = (ImportJob.objects.exclude(file="")
            .filter(Q(created_at__lt=cutoff) | Q(saved=True) | Q(status=ImportJob.Status.DISCARDED)))
    count = 0
    for job in jobs.iterator():
        if not job.is_finished:
            ImportJob.objects.filter(pk=job.pk, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).update(
                status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                message=_("Lượt nhập không hoàn tất sau %(days)d ngày nên đã bị dừng.") % {"days": days})
        import_job_remove_file(job)
        count += 1
    return count


def _enqueue(job: ImportJob) -> None:
    from .tasks import run_import_job

    # A small file is checked at once in this process; a large one goes to a worker.
    small = job.file.size <= getattr(settings, "IMPORT_EAGER_BYTES", 256 * 1024)
    send = run_import_job.apply if small else run_import_job.delay
    transaction.on_commit(lambda: send(args=[job.pk]) if small else send(job.pk))


def import_job_run(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("created_by__unit").get(pk=job_id)
    if job.is_finished and (job.stage == ImportJob.Stage.SAVE or not job.file):
        return job  # a redelivered message must not save twice (nor read a removed file)
    if not job.file:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                                                   message=_("Tệp đã bị xóa theo thời hạn lưu trữ; hãy tải lên lại."))
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, progress=1)
    last = [0]

    def progress(fraction: float) -> None:
        percent = int(fraction * 100)
        if percent >= last[0] + 2:
            last[0] = percent
            ImportJob.objects.filter(pk=job.pk).update(progress=min(percent, 99))

    try:
        with translation.override(settings.LANGUAGE_CODE), job.file.open("rb"):
            path = job.file.path
            if job.stage == ImportJob.Stage.SAVE:
                result = run_import(job.registry, path, job.created_by, name=job.original_name, progress=progress)
            else:
                result = analyse(job.registry, path, job.created_by, name=job.original_name, progress=progress)
    except Exception as error:  # the job page must say it failed rather than spin forever
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                                                   message=_("Lỗi hệ thống khi xử lý tệp: %(error)s")
                                                   % {"error": error})
        raise
    _store(job, result)
    if job.saved:
        # The records are in the database now; the file would only keep a second copy of personal data.
        transaction.on_commit(lambda: import_job_remove_file(job))
    return job


def _store(job: ImportJob, result: ImportResult) -> None:
    job.total_rows = result.total_rows
    job.create_count = result.count("create")
    job.update_count = result.count("update")
    job.unchanged_count = result.count("unchanged")
    job.error_count = len(result.errors)
    job.errors = [e.as_dict() for e in result.errors[:ERROR_LIMIT]]
    job.summary = result.summary()
    job.saved = result.saved
    job.progress = 100
    job.finished_at = timezone.now()
    job.status = ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED
    if job.stage == ImportJob.Stage.SAVE and not result.ok:
        job.message = _("Dữ liệu đã thay đổi từ lúc kiểm tra: tệp có lỗi nên không dòng nào được lưu.")
    # Only the result: a purge may have changed the file fields meanwhile.
    job.save(update_fields=["total_rows", "create_count", "update_count", "unchanged_count", "error_count",
                            "errors", "summary", "saved", "progress", "finished_at", "status", "message"])
