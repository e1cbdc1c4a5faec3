"""CSV with and without BOM, ; or , delimiters, Excel dates and dd/mm/yyyy text, formulas, NFC."""

import unicodedata
from datetime import date, datetime

import pytest

from imports.pipeline import run_import
from organizations.models import Member, Organization

from .conftest import org_row, with_cached_values, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom_and_either_delimiter(tmp_path, importer, ho_phong, delimiter, bom):
    rows = [org_row(**{"Tên tổ chức": "Tổ tự quản, khóm 1"}),
            org_row(**{"Tên tổ chức": "Tổ tự quản, khóm 1", "Họ và tên thành viên": "Đỗ Văn Em", "Số CCCD": ""})]
    path = write_csv(tmp_path / "to-chuc.csv", rows, delimiter=delimiter, bom=bom)
    result = run_import("organizations", str(path), importer)
    assert result.ok, [str(e) for e in result.errors]
    org = Organization.objects.get()
    assert (org.name, org.commune, org.founded_on) == ("Tổ tự quản, khóm 1", ho_phong, date(2018, 3, 15))
    assert org.members.count() == 2


def test_csv_in_another_encoding_is_refused_with_a_hint(tmp_path, importer):
    path = tmp_path / "to-chuc.csv"
    path.write_bytes("Tên tổ chức\nTổ 1\n".encode("utf-16"))
    result = run_import("organizations", str(path), importer)
    assert "UTF-8" in result.errors[0].message


def test_excel_date_cells_and_date_text_give_the_same_dates(tmp_path, importer):
    rows = [org_row(**{"Ngày thành lập": datetime(2018, 3, 15), "Ngày sinh": "02/05/1980"}),
            org_row(**{"Ngày thành lập": "15/03/2018", "Ngày sinh": date(1975, 9, 1),
                       "Họ và tên thành viên": "Phạm Văn Dũng", "Số CCCD": "", "Năm sinh": 1975})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), importer)
    assert result.ok, [str(e) for e in result.errors]
    assert Organization.objects.get().founded_on == date(2018, 3, 15)
    assert sorted(Member.objects.values_list("birth_date", flat=True)) == [date(1975, 9, 1), date(1980, 5, 2)]


def test_formula_cells_are_read_as_their_values(tmp_path, importer):
    rows = [org_row(**{"Tên tổ chức": '=CONCATENATE("Tổ bảo vệ ", "khóm 1")', "Năm sinh": "=1900+80"})]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    from .conftest import headers_of
    order = headers_of(rows)
    name_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[order.index("Tên tổ chức")]
    year_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[order.index("Năm sinh")]
    with_cached_values(path, {f"{name_col}2": "Tổ bảo vệ khóm 1", f"{year_col}2": "1980"})
    result = run_import("organizations", str(path), importer)
    assert result.ok, [str(e) for e in result.errors]
    assert Organization.objects.get().name == "Tổ bảo vệ khóm 1"
    assert Member.objects.get().birth_year == 1980


def test_names_typed_with_combining_marks_equal_the_precomposed_ones(tmp_path, importer):
    composed = org_row()
    decomposed = {key: unicodedata.normalize("NFD", value) if isinstance(value, str) else value
                  for key, value in org_row().items()}
    assert decomposed["Tên tổ chức"] != composed["Tên tổ chức"]
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [composed])), importer)
    result = run_import("organizations", str(write_csv(tmp_path / "b.csv", [decomposed])), importer)
    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["Tổ chức"] == {"create": 0, "update": 0, "unchanged": 1}
    assert Organization.objects.get().name == unicodedata.normalize("NFC", composed["Tên tổ chức"])
    assert Member.objects.count() == 1


def test_headers_match_without_diacritics_and_unknown_columns_are_listed(tmp_path, importer):
    rows = [{("Ten to chuc" if k == "Tên tổ chức" else k): v for k, v in org_row().items()} | {"Cột thêm": "x"}]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), importer)
    assert result.ok, [str(e) for e in result.errors]
    assert result.ignored_columns == ["Cột thêm"]
