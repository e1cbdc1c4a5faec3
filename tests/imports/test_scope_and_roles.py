"""Every write path applies the form's rules: an import matches records only inside the importer's scope,
and a role that may not create or edit a registry's records in the form may not do it by importing."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import Role
from commendations.models import Authority, CommendationForm, Decision, Recipient
from geography.models import AdministrativeUnit
from imports.pipeline import analyse, run_import
from models_registry.models import CrimePreventionModel, Deployment, FieldOfWork

from .conftest import upload, write_xlsx

pytestmark = pytest.mark.django_db

SIGNER, REASON = "Đại tá Trần Văn Ký", "Lý do bí mật của tỉnh"


@pytest.fixture
def province_decision(bac_lieu, lists):
    """A decision issued by the province, commending nobody in Hộ Phòng: its page answers 404 there."""
    return Decision.objects.create(number="88/QĐ-CAT", decided_on=date(2018, 5, 10), issuing_unit=bac_lieu,
                                   authority=Authority.objects.get(name="Giám đốc Công an tỉnh"),
                                   form=CommendationForm.objects.get(name="Giấy khen"), kind="dot_xuat",
                                   signer=SIGNER, reason=REASON)


def decision_row(place: str, **overrides) -> dict:
    row = {"Số, ký hiệu": "88/qd-cat", "Ngày quyết định": "10/05/2018", "Cấp quyết định": "Giám đốc Công an tỉnh",
           "Đơn vị ban hành": place, "Người ký": "Kẻ mạo danh", "Hình thức": "Giấy khen",
           "Loại khen thưởng": "Đột xuất", "Lý do, thành tích": "Ghi đè", "Đối tượng": "Cá nhân",
           "Họ và tên / tên tập thể": "Lê Văn Lạ", "Năm sinh": 1970,
           "Xã, phường, thị trấn của người được khen": place}
    row.update(overrides)
    return row


def assert_untouched(decision):
    decision.refresh_from_db()
    assert (decision.signer, decision.reason, decision.issuing_unit.level) == (SIGNER, REASON, 1)
    assert not Recipient.objects.filter(decision=decision).exists()


def test_a_commune_officer_cannot_import_decisions_anywhere(tmp_path, client_for, commune_officer,
                                                           province_decision, django_capture_on_commit_callbacks):
    """The reported bug: the preview showed the province's decision and confirming rewrote it."""
    rows = [decision_row("P. Hộ Phòng, TX Giá Rai")]
    path = str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations"))
    result = analyse("commendations", path, commune_officer)
    assert [(e.row, e.column) for e in result.errors] == [(0, "")]
    assert "không được" in result.errors[0].message and SIGNER not in str(result.errors[0])
    assert not run_import("commendations", path, commune_officer).saved
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("import_records", "commendations", path, "--as", commune_officer.username)
    client = client_for(commune_officer)
    page = client.get(reverse("imports:import_start")).content.decode()
    assert 'value="commendations"' not in page and 'value="organizations"' in page
    response = upload(client, tmp_path, rows, django_capture_on_commit_callbacks, registry="commendations")
    assert response.status_code == 200 and "không phải là một trong các lựa chọn" in response.content.decode()
    assert_untouched(province_decision)


def test_a_same_key_decision_outside_the_scope_is_a_row_error_that_names_nothing(
        tmp_path, make_officer, gia_rai, province_decision):
    district_staff = make_officer("huyen_tonghop", gia_rai, Role.REPORTING)
    rows = [decision_row("Thị xã Giá Rai", **{"Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"})]
    result = run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")),
                        district_staff)
    assert not result.saved and [(e.row, e.column) for e in result.errors] == [(2, "Số, ký hiệu")]
    message = result.errors[0].message
    assert "ngoài phạm vi" in message
    for secret in (SIGNER, REASON, "Bạc Liêu", "88/QĐ-CAT"):
        assert secret not in message
    assert result.changes == []
    assert_untouched(province_decision)


def test_the_province_still_updates_its_own_decision_in_another_spelling(tmp_path, provincial_staff,
                                                                         province_decision):
    rows = [decision_row("Tỉnh Bạc Liêu", **{"Người ký": SIGNER, "Lý do, thành tích": REASON,
                                             "Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"})]
    result = run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")),
                        provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    assert Decision.objects.get().number == "88/QĐ-CAT"  # matched, and the stored spelling kept
    assert Recipient.objects.get().decision == province_decision


@pytest.fixture
def ward_model(ho_phong, lists):
    return CrimePreventionModel.objects.create(name="Camera an ninh khóm 1", founding_unit=ho_phong,
                                               field=FieldOfWork.objects.get(name="Phòng, chống tội phạm"))


def model_row(**overrides) -> dict:
    row = {"Tên mô hình": "camera an ninh khom 1", "Lĩnh vực": "Phòng, chống tội phạm",
           "Đơn vị xây dựng": "P. Hộ Phòng, TX Giá Rai", "Xã, phường, thị trấn triển khai": "P. Hộ Phòng, TX Giá Rai",
           "Địa bàn cụ thể": "Khóm 1"}
    row.update(overrides)
    return row


def test_a_data_entry_officer_deploys_a_model_but_may_not_create_or_edit_models(tmp_path, commune_officer,
                                                                                ward_model):
    ok = run_import("models", str(write_xlsx(tmp_path / "a.xlsx", [model_row()], "models")), commune_officer)
    assert ok.saved, [str(e) for e in ok.errors]
    assert Deployment.objects.get().model == ward_model
    assert CrimePreventionModel.objects.get().name == "Camera an ninh khóm 1"

    rows = [model_row(**{"Tên mô hình": "Mô hình mới", "Địa bàn cụ thể": "Khóm 2"}),
            model_row(**{"Mô tả": "Sửa mô tả", "Địa bàn cụ thể": "Khóm 3"})]
    refused = run_import("models", str(write_xlsx(tmp_path / "b.xlsx", rows, "models")), commune_officer)
    assert not refused.saved
    assert [(e.row, e.column) for e in refused.errors] == [(2, "Tên mô hình"), (3, "Tên mô hình")]
    assert "không được thêm mới mô hình" in refused.errors[0].message
    assert "không được sửa mô hình" in refused.errors[1].message
    assert CrimePreventionModel.objects.count() == 1 and Deployment.objects.count() == 1


def test_leadership_imports_nothing(tmp_path, client_for, leader, ward_model):
    path = str(write_xlsx(tmp_path / "a.xlsx", [model_row()], "models"))
    assert not run_import("models", path, leader).saved
    with pytest.raises(CommandError):
        call_command("import_records", "models", path, "--as", leader.username)
    assert client_for(leader).get(reverse("imports:import_start")).status_code == 403
    assert not Deployment.objects.exists()


def test_an_officer_without_a_unit_imports_nothing(tmp_path, make_officer, ho_phong, ward_model):
    officer = make_officer("khong_don_vi", ho_phong)
    officer.unit = None
    officer.save()
    result = run_import("models", str(write_xlsx(tmp_path / "a.xlsx", [model_row()], "models")), officer)
    assert not result.saved and AdministrativeUnit.objects.exists()


def test_tinh_bac_lieu_is_the_province_not_its_namesake_city(tmp_path, provincial_staff, province_decision, bac_lieu):
    rows = [decision_row("Tỉnh Bạc Liêu", **{"Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"})]
    assert run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")),
                      provincial_staff).saved
    province_decision.refresh_from_db()
    assert province_decision.issuing_unit == bac_lieu
