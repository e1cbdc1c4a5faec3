"""Every kind of error names its row and column in Vietnamese, and a file with any error saves nothing."""

import pytest
from django.test import override_settings

from imports.pipeline import run_import
from organizations.models import Member, Organization

from .conftest import org_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def import_rows(tmp_path, user, rows, **kwargs):
    return run_import("organizations", str(write_xlsx(tmp_path / "to-chuc.xlsx", rows)), user, **kwargs)


def only_error(result):
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def assert_nothing_saved():
    assert Organization.objects.count() == 0
    assert Member.objects.count() == 0


def test_a_good_file_saves_organizations_and_members(tmp_path, importer, ho_phong):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng", "Số CCCD": "", "Năm sinh": 1975,
                                  "Chức danh": "Tổ viên"})]
    result = import_rows(tmp_path, importer, rows)
    assert result.ok and result.saved
    org = Organization.objects.get()
    assert (org.name, org.commune, org.hamlet, str(org.founded_on)) == ("Tổ bảo vệ ANTT khóm 1", ho_phong, "Khóm 1",
                                                                        "2018-03-15")
    assert org.created_by == importer
    assert org.history.first().history_user == importer
    assert sorted(org.members.values_list("full_name", "role")) == [("Lê Thị Cúc", "to_truong"),
                                                                    ("Phạm Văn Dũng", "thanh_vien")]


def test_unknown_kind_is_a_row_error_listing_the_allowed_values(tmp_path, importer):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "A", "Số CCCD": ""}),
            org_row(**{"Loại tổ chức": "Đội xe ôm", "Họ và tên thành viên": "B"})]
    error = only_error(import_rows(tmp_path, importer, rows))
    assert (error.row, error.column) == (4, "Loại tổ chức")
    assert "“Đội xe ôm” không có trong danh mục" in error.message and "Tổ nhân dân tự quản" in error.message
    assert_nothing_saved()


def test_unknown_choice_value(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Giới tính": "Không rõ"})]))
    assert (error.row, error.column) == (2, "Giới tính")
    assert "không có trong danh sách: Nam; Nữ" in error.message


def test_bad_date(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Ngày thành lập": "31/02/2018"})]))
    assert (error.row, error.column) == (2, "Ngày thành lập")
    assert "“31/02/2018” không phải là ngày hợp lệ" in error.message
    assert_nothing_saved()


def test_bad_citizen_id_uses_the_models_own_validator(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Số CCCD": "09518000"})]))
    assert (error.row, error.column) == (2, "Số CCCD")
    assert error.message == "Số CCCD phải gồm đúng 12 chữ số."
    assert_nothing_saved()


def test_dissolved_before_founded_uses_the_models_constraint(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Ngày giải thể": "01/01/2017"})]))
    assert error.row == 2
    assert_nothing_saved()


def test_unknown_place(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Xã, phường, thị trấn": "Xã Không Có"})]))
    assert (error.row, error.column) == (2, "Xã, phường, thị trấn")
    assert error.message.startswith("Không tìm thấy địa danh “Xã Không Có”")


def test_ambiguous_place_names_the_candidates(tmp_path, provincial_staff, kinds):
    error = only_error(import_rows(tmp_path, provincial_staff, [org_row(**{"Xã, phường, thị trấn": "Phường 1"})]))
    assert (error.row, error.column) == (2, "Xã, phường, thị trấn")
    assert "chưa rõ" in error.message
    assert "Phường 1, Thành phố Bạc Liêu" in error.message and "Phường 1, Thị xã Giá Rai" in error.message


def test_out_of_scope_place_says_which_unit_and_saves_nothing(tmp_path, importer):
    rows = [org_row(), org_row(**{"Xã, phường, thị trấn": "Phường 1 - TP Bạc Liêu", "Họ và tên thành viên": "B"})]
    error = only_error(import_rows(tmp_path, importer, rows))
    assert (error.row, error.column) == (3, "Xã, phường, thị trấn")
    assert "Phường 1, Thành phố Bạc Liêu" in error.message and "nằm ngoài phạm vi" in error.message
    assert_nothing_saved()


@pytest.mark.parametrize("written", ["P. Hộ Phòng, TX Giá Rai", "phuong ho phong thi xa gia rai",
                                     "Phường Hộ Phòng", "Hộ Phòng"])
def test_places_as_people_write_them(tmp_path, importer, ho_phong, written):
    result = import_rows(tmp_path, importer, [org_row(**{"Xã, phường, thị trấn": written})])
    assert result.ok, [str(e) for e in result.errors]
    assert Organization.objects.get().commune == ho_phong


def test_places_across_the_province(tmp_path, provincial_staff, kinds):
    rows = [org_row(**{"Xã, phường, thị trấn": place, "Tên tổ chức": f"Tổ {i}"})
            for i, place in enumerate(["xa Vinh Thinh huyen Hoa Binh", "Phường 1 - TP Bạc Liêu", "P.1, TX Giá Rai"])]
    result = import_rows(tmp_path, provincial_staff, rows)
    assert result.ok, [str(e) for e in result.errors]
    assert sorted(Organization.objects.values_list("commune__name", "commune__parent__name")) == [
        ("Phường 1", "Thành phố Bạc Liêu"), ("Phường 1", "Thị xã Giá Rai"), ("Xã Vĩnh Thịnh", "Huyện Hòa Bình")]


def test_missing_required_column(tmp_path, importer):
    row = org_row()
    del row["Tên tổ chức"]
    error = only_error(import_rows(tmp_path, importer, [row]))
    assert (error.row, error.column) == (1, "Tên tổ chức")
    assert "Thiếu cột bắt buộc “Tên tổ chức”" in error.message


def test_empty_required_cell(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Tên tổ chức": "  "})]))
    assert (error.row, error.column, error.message) == (2, "Tên tổ chức", "Ô này không được để trống.")


def test_organization_columns_must_agree_between_its_rows(tmp_path, importer):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "B", "Ngày thành lập": "16/03/2018"})]
    error = only_error(import_rows(tmp_path, importer, rows))
    assert (error.row, error.column) == (3, "Ngày thành lập")
    assert "Khác với dòng 2" in error.message


def test_the_same_member_twice_in_a_file(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(), org_row()]))
    assert (error.row, error.message) == (3, "Trùng với dòng 2.")


@override_settings(IMPORT_MAX_BYTES=1000)
def test_file_too_big(tmp_path, importer):
    error = only_error(import_rows(tmp_path, importer, [org_row(**{"Ghi chú tổ chức": "x" * 3000})]))
    assert error.row == 0 and "Tệp quá lớn" in error.message and "tối đa" in error.message


@override_settings(IMPORT_MAX_ROWS=3)
def test_too_many_rows(tmp_path, importer):
    rows = [org_row(**{"Họ và tên thành viên": f"Người {i}", "Số CCCD": ""}) for i in range(4)]
    error = only_error(import_rows(tmp_path, importer, rows))
    assert "hơn 3 dòng dữ liệu" in error.message and "chia thành nhiều tệp" in error.message
    assert_nothing_saved()


@pytest.mark.parametrize("name, content", [("to-chuc.xls", b"\xd0\xcf\x11\xe0"), ("to-chuc.txt", b"abc"),
                                           ("to-chuc.xlsx", b"not a zip file")])
def test_wrong_file_type(tmp_path, importer, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    error = only_error(run_import("organizations", str(path), importer))
    assert error.row == 0
    assert "không được hỗ trợ" in error.message or "không phải là bảng tính Excel" in error.message


def test_a_csv_error_names_its_row_too(tmp_path, importer):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "B", "Số CCCD": "1"})]
    result = run_import("organizations", str(write_csv(tmp_path / "a.csv", rows)), importer)
    error = only_error(result)
    assert (error.row, error.column) == (3, "Số CCCD")
    assert str(error) == "Dòng 3, cột “Số CCCD”: Số CCCD phải gồm đúng 12 chữ số."
