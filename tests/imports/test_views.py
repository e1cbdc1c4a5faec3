"""The web flow: upload → preview → confirm → saved; templates; who may see which job."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportJob
from organizations.models import Member, Organization

from .conftest import XLSX, org_row, upload

pytestmark = pytest.mark.django_db


def test_upload_preview_confirm_saved(tmp_path, client_for, importer, django_capture_on_commit_callbacks):
    client = client_for(importer)
    assert client.get(reverse("imports:import_start")).status_code == 200
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng", "Số CCCD": ""})]
    response = upload(client, tmp_path, rows, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:job_detail", args=[job.pk])
    assert (job.status, job.stage, job.create_count, job.error_count) == ("done", "preview", 3, 0)
    assert Organization.objects.count() == 0  # a preview saves nothing

    page = client.get(response.url).content.decode()
    assert "Dòng sẽ thêm mới" in page and "Tổ bảo vệ ANTT khóm 1" in page and "Phạm Văn Dũng" in page
    assert "Xác nhận lưu" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.saved and job.status == "done"
    assert (Organization.objects.count(), Member.objects.count()) == (1, 2)
    assert "Đã lưu: 3 bản ghi thêm mới" in client.get(response.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_confirm", args=[job.pk]))
    assert Member.objects.count() == 2  # confirming twice saves once


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(tmp_path, client_for, importer,
                                                                 django_capture_on_commit_callbacks):
    client = client_for(importer)
    upload(client, tmp_path, [org_row(**{"Số CCCD": "123"})], django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.error_count == 1
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Số CCCD phải gồm đúng 12 chữ số." in page and "Xác nhận lưu" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_confirm", args=[job.pk]))
    assert Organization.objects.count() == 0

    report = client.get(reverse("imports:job_errors", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).active
    assert [c.value for c in sheet[2]] == [2, "Số CCCD", "Số CCCD phải gồm đúng 12 chữ số."]


def test_a_refused_file_keeps_the_form_and_says_why(client_for, importer):
    response = client_for(importer).post(reverse("imports:import_start"), {
        "registry": "organizations", "file": SimpleUploadedFile("to-chuc.xls", b"old", content_type="x")})
    assert response.status_code == 200
    assert "chỉ nhận bảng tính Excel (.xlsx) hoặc CSV" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_progress_polls_until_finished_then_refreshes(tmp_path, client_for, importer,
                                                      django_capture_on_commit_callbacks):
    client = client_for(importer)
    upload(client, tmp_path, [org_row()], django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="running", progress=40)
    running = client.get(reverse("imports:job_progress", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in running.content.decode() and 'value="40"' in running.content.decode()
    assert "HX-Refresh" not in running
    ImportJob.objects.filter(pk=job.pk).update(status="done", progress=100)
    assert client.get(reverse("imports:job_progress", args=[job.pk]))["HX-Refresh"] == "true"


def test_a_job_is_visible_only_to_its_importer_and_administrators(tmp_path, client_for, importer,
                                                                  other_commune_officer, administrator,
                                                                  django_capture_on_commit_callbacks):
    upload(client_for(importer), tmp_path, [org_row()], django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    outsider = client_for(other_commune_officer)
    for name in ("job_detail", "job_progress", "job_errors"):
        assert outsider.get(reverse(f"imports:{name}", args=[job.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert outsider.post(reverse("imports:job_confirm", args=[job.pk])).status_code == 404
    assert Organization.objects.count() == 0
    assert job.original_name not in outsider.get(reverse("imports:import_start")).content.decode()
    assert client_for(administrator).get(reverse("imports:job_detail", args=[job.pk])).status_code == 200


def test_leadership_cannot_import(client_for, leader):
    client = client_for(leader)
    assert client.get(reverse("imports:import_start")).status_code == 403
    assert client.get(reverse("imports:template", args=["organizations"])).status_code == 403


@pytest.mark.parametrize("registry", ["organizations", "models", "commendations"])
def test_template_has_vietnamese_headers_an_example_and_notes(client_for, importer, registry):
    response = client_for(importer).get(reverse("imports:template", args=[registry]))
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Dữ liệu", "Ghi chú"]
    data = workbook["Dữ liệu"]
    assert data.max_row >= 2 and all(cell.value for cell in data[1])
    notes = [row[0] for row in workbook["Ghi chú"].iter_rows(values_only=True)]
    assert any(note and "không dòng nào được lưu" in note for note in notes)


def test_the_template_imports_cleanly(tmp_path, client_for, importer):
    from imports.pipeline import run_import

    path = tmp_path / "mau.xlsx"
    path.write_bytes(client_for(importer).get(reverse("imports:template", args=["organizations"])).content)
    result = run_import("organizations", str(path), importer, dry_run=True)
    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["Thành viên"]["create"] == 2
