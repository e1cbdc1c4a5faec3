"""Registering a decision: many recipients in one form, a checked scan, history of who edited."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from commendations.models import Decision, Person, Recipient
from commendations.validators import SCAN_MAX_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def post(client, data, scan=None, url=None):
    if scan is not None:
        data = {**data, "scan": scan}
    return client.post(url or reverse("commendations:decision_create"), data)


def test_staff_register_a_decision_with_many_recipients_and_a_pdf_scan(client_for, provincial_staff, form_data):
    response = post(client_for(provincial_staff), form_data,
                    SimpleUploadedFile("quyet-dinh.pdf", small_pdf(), content_type="application/pdf"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    decision = Decision.objects.get(number="123/QĐ-CAT-PV05")
    assert decision.recipients.count() == 3
    assert decision.scan.name.endswith(".pdf")
    assert decision.created_by == provincial_staff
    assert decision.history.get().history_user == provincial_staff
    download = client_for(provincial_staff).get(reverse("commendations:decision_scan", args=[decision.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_a_renamed_executable_is_refused(client_for, provincial_staff, form_data):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    response = post(client_for(provincial_staff), form_data,
                    SimpleUploadedFile("quyet-dinh.pdf", exe, content_type="application/pdf"))
    assert response.status_code == 200
    assert "không phải PDF, PNG hoặc JPEG" in response.context["form"].errors["scan"][0]
    assert not Decision.objects.exists()
    # What was typed is kept.
    assert "Nguyễn Văn Báo" in response.content.decode()


def test_an_oversize_scan_is_refused(client_for, provincial_staff, form_data):
    big = b"%PDF-1.4\n" + b"0" * SCAN_MAX_BYTES
    response = post(client_for(provincial_staff), form_data,
                    SimpleUploadedFile("lon.pdf", big, content_type="application/pdf"))
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.context["form"].errors["scan"][0]
    assert not Decision.objects.exists()


def test_a_jpeg_with_a_wrong_name_is_stored_as_jpeg(client_for, provincial_staff, form_data):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
    response = post(client_for(provincial_staff), form_data,
                    SimpleUploadedFile("scan.pdf", jpeg, content_type="application/pdf"))
    assert response.status_code == 302
    assert Decision.objects.get().scan.name.endswith(".jpg")


def test_the_same_person_twice_in_the_form_is_refused_in_vietnamese(client_for, provincial_staff, form_data):
    data = {**form_data, "recipients-1-full_name": "nguyen van  bao", "recipients-1-birth_year": "1979",
            "recipients-1-commune": form_data["recipients-0-commune"]}
    response = post(client_for(provincial_staff), data)
    assert response.status_code == 200
    errors = response.context["formset"].forms[1].errors["full_name"]
    assert "mỗi người chỉ được khen một lần" in errors[0]
    assert not Decision.objects.exists() and not Person.objects.exists()


def test_a_duplicate_number_is_refused(client_for, provincial_staff, form_data):
    client = client_for(provincial_staff)
    assert post(client, form_data).status_code == 302
    response = post(client, form_data)
    assert response.status_code == 200
    assert "Đã có quyết định số" in response.context["form"].errors["number"][0]


def test_editing_records_the_editor_and_keeps_the_people(client_for, provincial_staff, administrator, form_data):
    post(client_for(provincial_staff), form_data)
    decision = Decision.objects.get()
    recipients = list(decision.recipients.order_by("id"))
    data = {**form_data, "reason": "Tố giác đối tượng cướp giật", "recipients-TOTAL_FORMS": "3",
            "recipients-INITIAL_FORMS": "3"}
    for index, recipient in enumerate(recipients):
        data[f"recipients-{index}-id"] = recipient.pk
        data[f"recipients-{index}-decision"] = decision.pk
    data["recipients-2-DELETE"] = "on"
    client = client_for(administrator)
    response = post(client, data, url=reverse("commendations:decision_update", args=[decision.pk]))
    assert response.status_code == 302, response.context["formset"].errors
    decision.refresh_from_db()
    assert decision.reason == "Tố giác đối tượng cướp giật"
    assert decision.history.first().history_user == administrator
    assert Recipient.objects.current().filter(decision=decision).count() == 2
    assert Person.objects.count() == 2
    page = client.get(reverse("commendations:decision_detail", args=[decision.pk])).content.decode()
    assert "Tố giác đối tượng cướp giật" in page and administrator.get_full_name() in page


def test_the_create_page_renders(client_for, provincial_staff):
    response = client_for(provincial_staff).get(reverse("commendations:decision_create"))
    assert response.status_code == 200
    assert 'id="recipients-empty-form"' in response.content.decode()


def test_a_pre_2025_commune_for_a_decision_dated_after_the_change_is_refused_naming_the_new_one(
        client_for, provincial_staff, form_data, ca_mau_today):
    data = {**form_data, "decided_on": "2026-10-02"}
    response = post(client_for(provincial_staff), data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert ("Phường Hộ Phòng, Thị xã Giá Rai là đơn vị trước 01/07/2025; hồ sơ ngày 02/10/2026 ghi theo đơn vị "
            "mới: Phường Giá Rai, Tỉnh Cà Mau") in page
    assert 'value="Nguyễn Văn Báo"' in page  # what was typed stays
    assert not Decision.objects.exists()
    assert post(client_for(provincial_staff), form_data).status_code == 302  # the same rows dated 2018 are fine
