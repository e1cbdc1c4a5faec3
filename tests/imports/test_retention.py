"""Uploaded files are kept only while they are of use; the job and its result stay for the audit trail."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from imports.models import ImportJob
from imports.services import import_job_run
from imports.tasks import purge_import_files
from organizations.models import Member, Organization

from .conftest import org_row, upload

pytestmark = pytest.mark.django_db
FILE_GONE = "Tệp đã tải lên đã được xóa khỏi hệ thống lúc"


def stored(job: ImportJob) -> Path:
    return Path(job.file.path)


def checked_job(client, tmp_path, capture, rows=None, name="to-chuc.xlsx") -> ImportJob:
    upload(client, tmp_path, rows or [org_row()], capture, name=name)
    return ImportJob.objects.get(original_name=name)


def age(job: ImportJob, days: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_a_saved_job_loses_its_file_and_keeps_its_result(tmp_path, client_for, importer,
                                                         django_capture_on_commit_callbacks):
    client = client_for(importer)
    job = checked_job(client, tmp_path, django_capture_on_commit_callbacks)
    path = stored(job)
    assert path.exists()  # kept while the officer looks at the preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.saved and not job.file and job.file_removed_at is not None and not path.exists()
    assert (job.create_count, job.summary["counts"]["Thành viên"]["create"]) == (2, 1)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert FILE_GONE in page and "Đã lưu: 2 bản ghi thêm mới" in page and "Tổ bảo vệ ANTT khóm 1" in page
    assert "hãy tải tệp lên lại" not in page and "Hủy và xóa tệp" not in page


def test_the_importer_discards_a_preview(tmp_path, client_for, importer, django_capture_on_commit_callbacks):
    client = client_for(importer)
    job = checked_job(client, tmp_path, django_capture_on_commit_callbacks)
    path = stored(job)
    assert "Hủy và xóa tệp" in client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    response = client.post(reverse("imports:job_discard", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert (job.status, job.saved, bool(job.file)) == ("discarded", False, False) and not path.exists()
    page = response.content.decode()
    assert "Đã hủy lượt nhập và xóa tệp đã tải lên." in page and FILE_GONE in page
    assert "Muốn nhập dữ liệu này, hãy tải tệp lên lại." in page and "Xác nhận lưu" not in page
    assert "Đã hủy" in client.get(reverse("imports:import_start")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_confirm", args=[job.pk]))
    assert Organization.objects.count() == 0  # nothing left to confirm


def test_a_file_with_errors_is_kept_for_help_until_discarded(tmp_path, client_for, importer,
                                                             django_capture_on_commit_callbacks):
    client = client_for(importer)
    job = checked_job(client, tmp_path, django_capture_on_commit_callbacks, [org_row(**{"Số CCCD": "123"})])
    assert job.status == "failed" and stored(job).exists()
    assert "Hủy và xóa tệp" in client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    client.post(reverse("imports:job_discard", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "discarded" and not job.file and job.errors  # the errors stay readable
    assert client.get(reverse("imports:job_errors", args=[job.pk])).status_code == 200


def test_only_the_importer_discards(tmp_path, client_for, importer, other_commune_officer, administrator,
                                    django_capture_on_commit_callbacks):
    job = checked_job(client_for(importer), tmp_path, django_capture_on_commit_callbacks)
    assert client_for(other_commune_officer).post(reverse("imports:job_discard", args=[job.pk])).status_code == 404
    admin = client_for(administrator)
    assert "Hủy và xóa tệp" not in admin.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert admin.post(reverse("imports:job_discard", args=[job.pk])).status_code == 403
    assert admin.get(reverse("imports:job_discard", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert job.status == "done" and stored(job).exists()


def test_purge_removes_old_files_and_keeps_the_jobs(tmp_path, client_for, importer,
                                                    django_capture_on_commit_callbacks):
    client = client_for(importer)
    old = checked_job(client, tmp_path, django_capture_on_commit_callbacks, name="cu.xlsx")
    recent = checked_job(client, tmp_path, django_capture_on_commit_callbacks, name="moi.xlsx")
    stuck = checked_job(client, tmp_path, django_capture_on_commit_callbacks, name="treo.xlsx")
    age(old, 31)
    age(recent, 29)
    age(stuck, 40)
    ImportJob.objects.filter(pk=stuck.pk).update(status="running", progress=40)
    paths = {job.pk: stored(job) for job in (old, recent, stuck)}

    out = io.StringIO()
    call_command("purge_imports", "--days", "30", stdout=out)
    assert "Đã xóa tệp của 2 lượt nhập." in out.getvalue()
    assert [paths[job.pk].exists() for job in (old, recent, stuck)] == [False, True, False]
    assert ImportJob.objects.count() == 3
    old.refresh_from_db()
    assert (old.status, old.create_count, bool(old.file), old.can_confirm) == ("done", 2, False, False)
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "không hoàn tất sau 30 ngày" in stuck.message

    page = client.get(reverse("imports:job_detail", args=[old.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert FILE_GONE in text and "Tổ bảo vệ ANTT khóm 1" in text and "Xác nhận lưu" not in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_confirm", args=[old.pk]))
    assert Member.objects.count() == 0

    call_command("purge_imports", "--days", "28", stdout=out)
    assert not paths[recent.pk].exists()


def test_purge_refuses_to_keep_files_less_than_a_day(client_for, importer):
    with pytest.raises(CommandError):
        call_command("purge_imports", "--days", "0")


def test_the_task_purges_by_the_retention_setting(tmp_path, client_for, importer, settings,
                                                  django_capture_on_commit_callbacks):
    job = checked_job(client_for(importer), tmp_path, django_capture_on_commit_callbacks)
    age(job, 8)
    settings.IMPORT_RETENTION_DAYS = 10
    assert purge_import_files.delay().get() == 0
    settings.IMPORT_RETENTION_DAYS = 7
    assert purge_import_files.delay().get() == 1
    assert not stored(job).exists()
    assert purge_import_files.delay(days=1).get() == 0  # nothing left to remove


def test_purge_also_clears_a_saved_job_whose_file_was_left_behind(tmp_path, client_for, importer,
                                                                  django_capture_on_commit_callbacks):
    job = checked_job(client_for(importer), tmp_path, django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=job.pk).update(stage="save", saved=True)
    assert purge_import_files.delay().get() == 1 and not stored(job).exists()


def test_a_confirmed_save_whose_file_was_purged_meanwhile_fails_clearly(tmp_path, client_for, importer,
                                                                        django_capture_on_commit_callbacks):
    job = checked_job(client_for(importer), tmp_path, django_capture_on_commit_callbacks)
    stored(job).unlink()
    ImportJob.objects.filter(pk=job.pk).update(stage="save", status="queued", file="",
                                               file_removed_at=timezone.now())
    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "hãy tải lên lại" in job.message
    assert Organization.objects.count() == 0


def test_every_night_beat_purges_old_uploads_with_a_task_the_worker_knows():
    from django.conf import settings

    from antq_portal.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "imports.tasks.purge_import_files" in names
    assert names <= set(app.tasks)
