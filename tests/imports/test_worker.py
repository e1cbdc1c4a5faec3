"""An upload checked and saved by a real Celery worker process, through Redis, into PostgreSQL: the
officer's path through the pages, with the worker doing the work the page waits for."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from imports.models import ImportJob
from organizations.models import Member, Organization
from tests.worker import celery_worker, wait_until

from .conftest import org_row, upload

GOOD = [org_row(), org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng", "Số CCCD": "095180005678"})]
BAD = [org_row(**{"Tên tổ chức": "Tổ bảo vệ ANTT khóm 2", "Ấp, khóm": "Khóm 2"}),
       org_row(**{"Tên tổ chức": "Tổ bảo vệ ANTT khóm 2", "Ấp, khóm": "Khóm 2", "Họ và tên thành viên": "Võ Văn Sai",
                  "Số CCCD": "123"})]
PROGRESS = re.compile(r'<div id="job-progress"[^>]*>\s*<p>(?P<stage>[^<:]+): <span class="badge \w+">'
                      r'(?P<status>[^<]+)</span>\s*</p>\s*<progress[^>]*value="(?P<value>\d+)"')


@dataclass(frozen=True)
class Shown:
    """What the job's progress block tells the officer."""

    stage: str
    status: str
    progress: int


def shown(html: str) -> Shown:
    match = PROGRESS.search(html)
    assert match, html
    return Shown(match["stage"].strip(), match["status"], int(match["value"]))


def follow(client, job: ImportJob) -> list[Shown]:
    """Poll the progress block as the page does (htmx, every second) until it asks for a refresh."""
    seen = []

    def finished():
        response = client.get(reverse("imports:job_progress", args=[job.pk]))
        seen.append(shown(response.content.decode()))
        return response.get("HX-Refresh") == "true"

    wait_until(finished, timeout=180, what=f"job {job.pk} finishing in the worker")
    return seen


def page_of(client, job: ImportJob) -> str:
    return client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_then_saves_an_upload_and_refuses_a_bad_one(tmp_path, media_in_tmp, settings,
                                                                         client_for, importer):
    settings.IMPORT_EAGER_BYTES = 0  # however small the file, the worker checks it, not the web process
    client = client_for(importer)
    with celery_worker(media_root=media_in_tmp, log_dir=tmp_path) as worker:
        # Upload: the page answers at once and the worker checks the file.
        response = upload(client, tmp_path, GOOD)
        job = ImportJob.objects.get()
        assert response.status_code == 302 and response.url == reverse("imports:job_detail", args=[job.pk])
        assert shown(page_of(client, job)).stage == "Kiểm tra"
        follow(client, job)
        job.refresh_from_db()
        assert (job.stage, job.status, job.progress, job.total_rows, job.create_count, job.error_count) == (
            "preview", "done", 100, 2, 3, 0)
        page = page_of(client, job)
        assert shown(page) == Shown("Kiểm tra", "Hoàn tất", 100)
        assert "Xác nhận lưu (3 thêm mới, 0 cập nhật)" in page and "Phạm Văn Dũng" in page
        assert Organization.objects.count() == 0  # a preview saves nothing
        upload_path = Path(job.file.path)
        assert upload_path.exists()

        # Confirm: the worker saves, and the file goes once the rows are in.
        assert client.post(reverse("imports:job_confirm", args=[job.pk])).status_code == 302
        seen = follow(client, job)
        assert seen[0].stage == "Lưu vào hệ thống"
        job.refresh_from_db()
        assert (job.stage, job.status, job.progress, job.saved) == ("save", "done", 100, True)
        page = page_of(client, job)
        assert shown(page) == Shown("Lưu vào hệ thống", "Đã lưu", 100)
        assert "Đã lưu: 3 bản ghi thêm mới, 0 bản ghi cập nhật." in page
        organization = Organization.objects.get()
        assert (organization.name, organization.commune.name) == ("Tổ bảo vệ ANTT khóm 1", "Phường Hộ Phòng")
        assert sorted(Member.objects.values_list("full_name", "citizen_id")) == [
            ("Lê Thị Cúc", "095180001234"), ("Phạm Văn Dũng", "095180005678")]
        assert organization.history.first().history_user == importer
        wait_until(lambda: not upload_path.exists(), timeout=30, what="the saved file being deleted")
        job.refresh_from_db()
        assert not job.file and job.file_removed_at is not None
        assert "Tệp đã tải lên đã được xóa khỏi hệ thống" in page_of(client, job)

        # A file with a bad row: the worker reports the row and the column, and nothing is saved.
        upload(client, tmp_path, BAD, name="khom-2.xlsx")
        bad = ImportJob.objects.get(original_name="khom-2.xlsx")
        follow(client, bad)
        bad.refresh_from_db()
        assert (bad.stage, bad.status, bad.progress, bad.error_count, bad.saved) == ("preview", "failed", 100, 1,
                                                                                      False)
        assert bad.errors == [{"row": 3, "column": "Số CCCD", "message": "Số CCCD phải gồm đúng 12 chữ số."}]
        page = page_of(client, bad)
        assert shown(page) == Shown("Kiểm tra", "Có lỗi", 100)
        assert ("<td>3</td><td>Số CCCD</td><td>Số CCCD phải gồm đúng 12 chữ số.</td>" in page
                and "Xác nhận lưu" not in page)
        assert (Organization.objects.count(), Member.objects.count()) == (1, 2)

        log = worker.log()
    # Three tasks, all done by the worker process (none ran in the test's own process).
    assert len(re.findall(r"Task imports\.tasks\.run_import_job\[[^\]]+\] succeeded", log)) == 3, log
