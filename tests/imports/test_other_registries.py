"""Models with their deployments, decisions with their recipients: the same pipeline and guarantees."""

from datetime import date

import pytest

from commendations.models import Decision, Person, Recipient
from imports.pipeline import run_import
from models_registry.models import CrimePreventionModel, Deployment

from .conftest import write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def model_row(**overrides) -> dict:
    row = {"Tên mô hình": "Tổ tự quản rừng phòng hộ về ANTT", "Lĩnh vực": "Phòng, chống tội phạm",
           "Đơn vị xây dựng": "Huyện Hòa Bình", "Ngày xây dựng": "01/06/2016", "Trạng thái": "Đang hoạt động",
           "Xã, phường, thị trấn triển khai": "xa Vinh Thinh huyen Hoa Binh", "Địa bàn cụ thể": "Ấp Vĩnh Mới",
           "Ngày triển khai": "01/06/2016"}
    row.update(overrides)
    return row


def decision_row(**overrides) -> dict:
    row = {"Số, ký hiệu": "1234/QĐ-CAT-PX01", "Ngày quyết định": "10/05/2018",
           "Cấp quyết định": "Giám đốc Công an tỉnh", "Đơn vị ban hành": "Tỉnh Bạc Liêu", "Hình thức": "Giấy khen",
           "Loại khen thưởng": "Đột xuất", "Đối tượng": "Cá nhân", "Họ và tên / tên tập thể": "Nguyễn Minh Chẳng",
           "Năm sinh": 1968, "Xã, phường, thị trấn của người được khen": "xã Hưng Thành, huyện Vĩnh Lợi"}
    row.update(overrides)
    return row


def test_models_with_deployments_import_once(tmp_path, provincial_staff, lists):
    rows = [model_row(), model_row(**{"Xã, phường, thị trấn triển khai": "P. Hộ Phòng, TX Giá Rai",
                                      "Địa bàn cụ thể": ""})]
    path = write_xlsx(tmp_path / "mo-hinh.xlsx", rows, "models")
    result = run_import("models", str(path), provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    model = CrimePreventionModel.objects.get()
    assert (model.founding_unit.name, model.founded_on, model.status) == ("Huyện Hòa Bình", date(2016, 6, 1),
                                                                          "active")
    assert sorted(Deployment.objects.values_list("commune__name", "place")) == [
        ("Phường Hộ Phòng", ""), ("Xã Vĩnh Thịnh", "Ấp Vĩnh Mới")]
    again = run_import("models", str(path), provincial_staff)
    assert again.creates() == [] and again.updates() == []
    assert Deployment.objects.count() == 2


def test_a_deployment_outside_the_officers_scope_is_refused(tmp_path, commune_officer, lists):
    rows = [model_row(**{"Đơn vị xây dựng": "P. Hộ Phòng, TX Giá Rai"})]
    result = run_import("models", str(write_csv(tmp_path / "m.csv", rows, registry="models")), commune_officer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Xã, phường, thị trấn triển khai")]
    assert CrimePreventionModel.objects.count() == 0


def test_decisions_with_recipients_match_people_across_decisions(tmp_path, provincial_staff, lists):
    rows = [decision_row(),
            decision_row(**{"Đối tượng": "Tập thể", "Họ và tên / tên tập thể": "Tổ bảo vệ ANTT khóm 1",
                            "Năm sinh": None, "Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"}),
            decision_row(**{"Số, ký hiệu": "1300/QĐ-CAT-PX01", "Ngày quyết định": "20/09/2018",
                            "Họ và tên / tên tập thể": "Nguyen Minh Chang"})]
    path = write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")
    result = run_import("commendations", str(path), provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    assert Decision.objects.count() == 2 and Recipient.objects.count() == 3
    person = Person.objects.get()  # the same honoree typed without diacritics is one person
    assert (person.full_name, person.birth_year, person.commune.name) == ("Nguyễn Minh Chẳng", 1968, "Xã Hưng Thành")
    assert person.recipients.count() == 2
    assert Decision.objects.get(number="1234/QĐ-CAT-PX01").year == 2018
    again = run_import("commendations", str(path), provincial_staff)
    assert again.ok and again.creates() == [] and again.updates() == []
    assert (Decision.objects.count(), Recipient.objects.count(), Person.objects.count()) == (2, 3, 1)


def test_a_decision_row_needs_a_known_authority_and_kind(tmp_path, provincial_staff, lists):
    rows = [decision_row(**{"Cấp quyết định": "Trưởng thôn", "Loại khen thưởng": "Bất kỳ"})]
    result = run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")),
                        provincial_staff)
    assert sorted((e.row, e.column) for e in result.errors) == [(2, "Cấp quyết định"), (2, "Loại khen thưởng")]
    assert Decision.objects.count() == 0


def test_a_once_per_person_form_is_refused_the_second_time(tmp_path, provincial_staff, lists):
    from commendations.models import CommendationForm

    CommendationForm.objects.get_or_create(name="Kỷ niệm chương Bảo vệ an ninh Tổ quốc",
                                           defaults={"once_per_person": True})
    medal = {"Hình thức": "Kỷ niệm chương Bảo vệ an ninh Tổ quốc"}
    first = [decision_row(**medal)]
    run_import("commendations", str(write_xlsx(tmp_path / "a.xlsx", first, "commendations")), provincial_staff)
    second = [decision_row(**medal, **{"Số, ký hiệu": "99/QĐ-CAT", "Ngày quyết định": "01/12/2018"})]
    result = run_import("commendations", str(write_xlsx(tmp_path / "b.xlsx", second, "commendations")),
                        provincial_staff)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên / tên tập thể")]
    assert "chỉ tặng một lần cho mỗi người" in result.errors[0].message
    assert Decision.objects.count() == 1
