"""The registries' domain rules reach imported rows too, each error naming its row and column."""

from datetime import date

import pytest
from openpyxl import load_workbook

from imports.pipeline import run_import
from imports.registries import get_registry
from imports.workbook import template_bytes
from organizations.models import Member, Organization

from .conftest import org_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
NEXT_YEAR = date.today().year + 1


def import_rows(tmp_path, user, rows):
    return run_import("organizations", str(write_xlsx(tmp_path / "to-chuc.xlsx", rows)), user)


def errors_of(result) -> list[str]:
    return [str(error) for error in result.errors]


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({"Ngày thành lập": f"01/01/{NEXT_YEAR}"}, "Ngày thành lập", "không được sau ngày hôm nay"),
    ({"Ngày tham gia": f"01/01/{NEXT_YEAR}"}, "Ngày tham gia", "không được sau ngày hôm nay"),
    ({"Ngày tham gia": "01/01/2017"}, "Ngày tham gia", "không được trước ngày thành lập tổ chức"),
    ({"Năm sinh": 1890}, "Năm sinh", "tuổi phải từ 0 đến 120"),
    ({"Số năm công tác trước đó": -3}, "Số năm công tác trước đó", "không được là số âm"),
    ({"Điện thoại thành viên": "0912 345"}, "Điện thoại thành viên", "không đúng dạng số điện thoại"),
])
def test_a_row_breaking_a_rule_is_refused_naming_row_and_column(tmp_path, importer, ho_phong, cells, column,
                                                                 words):
    result = import_rows(tmp_path, importer, [org_row(**cells)])
    assert not result.saved and not Organization.objects.exists()
    assert any(f"Dòng 2, cột “{column}”" in e and words in e for e in errors_of(result)), errors_of(result)


def test_phone_numbers_are_stored_in_vietnamese_form(tmp_path, importer, ho_phong):
    rows = [org_row(**{"Điện thoại tổ chức": "+84 291 3851 234", "Điện thoại thành viên": 912345678}),
            org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng", "Số CCCD": "095175004321",
                       "Điện thoại tổ chức": "0291-3851-234", "Điện thoại thành viên": "0912.345.679"})]
    result = import_rows(tmp_path, importer, rows)
    assert result.saved, errors_of(result)
    assert Organization.objects.get().leader_phone == "02913851234"
    assert sorted(Member.objects.values_list("phone", flat=True)) == ["0912345678", "0912345679"]


def test_a_csv_written_from_a_number_cell_gets_its_leading_zero_back(tmp_path, importer, ho_phong):
    path = write_csv(tmp_path / "to-chuc.csv", [org_row(**{"Điện thoại thành viên": "912345678"})])
    result = run_import("organizations", str(path), importer)
    assert result.saved, errors_of(result)
    assert Member.objects.get().phone == "0912345678"


def test_the_same_citizen_id_twice_in_one_organization_is_refused(tmp_path, importer, ho_phong):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng"})]
    result = import_rows(tmp_path, importer, rows)
    assert not result.saved and "Dòng 3" in errors_of(result)[0]


def test_the_template_formats_whole_text_and_phone_columns_as_text():
    spec = get_registry("organizations")
    sheet = load_workbook(__import__("io").BytesIO(template_bytes(spec)))["Dữ liệu"]
    headers = [cell.value for cell in sheet[1]]
    for header in ("Điện thoại thành viên", "Điện thoại tổ chức", "Số CCCD"):
        letter = sheet.cell(row=1, column=headers.index(header) + 1).column_letter
        assert sheet.column_dimensions[letter].number_format == "@", header
        # A row typed far below the examples is in the same column style.
        assert sheet[f"{letter}2"].number_format == "@"


def test_a_decision_dated_in_the_future_or_an_honoree_born_in_year_0_is_refused(tmp_path, provincial_staff, lists):
    from .test_other_registries import decision_row

    rows = [decision_row(**{"Ngày quyết định": f"10/05/{NEXT_YEAR}"}),
            decision_row(**{"Số, ký hiệu": "99/QĐ-CAT", "Năm sinh": 0})]
    result = run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")),
                        provincial_staff)
    errors = errors_of(result)
    assert not result.saved
    assert any("Dòng 2, cột “Ngày quyết định”" in e and "không được sau ngày hôm nay" in e for e in errors), errors
    assert any("Dòng 3, cột “Năm sinh”" in e and "tuổi phải từ 0 đến 120" in e for e in errors), errors


def test_a_model_founded_in_the_future_is_refused(tmp_path, provincial_staff, lists):
    from .test_other_registries import model_row

    rows = [model_row(**{"Ngày xây dựng": f"01/06/{NEXT_YEAR}"})]
    result = run_import("models", str(write_xlsx(tmp_path / "m.xlsx", rows, "models")), provincial_staff)
    assert any("cột “Ngày xây dựng”" in e and "không được sau ngày hôm nay" in e for e in errors_of(result))
