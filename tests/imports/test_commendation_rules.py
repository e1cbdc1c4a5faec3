"""The import keeps the commendations app's rules: people matched as the decision form matches them
(merges followed), one row per person and decision, a once-per-person form given once."""

import pytest

from commendations.models import CommendationForm, Person, Recipient
from commendations.services import person_merge
from imports.pipeline import run_import

from .conftest import write_xlsx
from .test_other_registries import decision_row

pytestmark = pytest.mark.django_db
HO_PHONG = "P. Hộ Phòng, TX Giá Rai"


def row(number: str, name: str, birth_year: int | None, **overrides) -> dict:
    return decision_row(**{"Số, ký hiệu": number, "Họ và tên / tên tập thể": name, "Năm sinh": birth_year,
                           "Xã, phường, thị trấn của người được khen": HO_PHONG, **overrides})


def imported(tmp_path, rows, user, name="kt.xlsx"):
    return run_import("commendations", str(write_xlsx(tmp_path / name, rows, "commendations")), user)


@pytest.fixture
def merged(tmp_path, provincial_staff, lists):
    """A typo in the year of birth made two entries of one person; staff merged them."""
    rows = [row("1/QĐ", "Trần Văn Hộ", 1980), row("2/QĐ", "Trần Văn Hộ", 1908)]
    assert imported(tmp_path, rows, provincial_staff).saved
    keep, absorb = Person.objects.get(birth_year=1980), Person.objects.get(birth_year=1908)
    person_merge(keep=keep, absorb=absorb)
    return rows, keep


def test_importing_the_same_file_after_a_merge_changes_nothing(tmp_path, provincial_staff, merged):
    rows, keep = merged
    again = imported(tmp_path, rows, provincial_staff, "lai.xlsx")
    assert again.saved, [str(e) for e in again.errors]
    assert again.creates() == [] and again.updates() == []
    assert keep.recipients.count() == 2 and Recipient.objects.count() == 2


def test_two_spellings_of_a_merged_person_in_one_decision_are_refused(tmp_path, provincial_staff, merged):
    result = imported(tmp_path, [row("3/QĐ", "Trần Văn Hộ", 1980), row("3/QĐ", "Tran Van Ho", 1908)],
                      provincial_staff, "moi.xlsx")
    assert [(e.row, e.message) for e in result.errors] == [(3, "Trùng với dòng 2.")]
    assert not result.saved and Recipient.objects.count() == 2


def test_a_person_taken_off_a_decision_and_listed_again_gets_the_old_row_back(tmp_path, provincial_staff,
                                                                             lists):
    rows = [row("1/QĐ", "Trần Văn Hộ", 1980)]
    assert imported(tmp_path, rows, provincial_staff).saved
    Recipient.objects.get().archive(by=provincial_staff)
    again = imported(tmp_path, rows, provincial_staff, "lai.xlsx")
    assert again.saved, [str(e) for e in again.errors]
    assert [c.action for c in again.updates()] == ["update"] and "lưu trữ lúc" in again.updates()[0].detail
    recipient = Recipient.objects.get()
    assert recipient.archived_at is None and recipient.archived_by is None
    assert Recipient.objects.current().count() == 1


def test_a_new_person_is_checked_like_the_decision_form_checks_it(tmp_path, provincial_staff, lists):
    result = imported(tmp_path, [row("1/QĐ", "Trần Văn Hộ " * 20, None)], provincial_staff)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên / tên tập thể")]
    assert "150" in result.errors[0].message
    assert Person.objects.count() == 0


@pytest.fixture
def medal(lists):
    return {"Hình thức": CommendationForm.objects.get_or_create(
        name="Kỷ niệm chương Bảo vệ an ninh Tổ quốc", defaults={"once_per_person": True})[0].name}


def test_a_once_per_person_form_names_the_earlier_decision(tmp_path, provincial_staff, merged, medal):
    imported(tmp_path, [row("5/QĐ-BCA", "Trần Văn Hộ", 1980, **medal)], provincial_staff, "a.xlsx")
    # The merged entry's spelling is the same person: the medal is refused, naming the first decision.
    result = imported(tmp_path, [row("6/QĐ-BCA", "Trần Văn Hộ", 1908, **medal,
                                     **{"Ngày quyết định": "01/12/2018"})], provincial_staff, "b.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên / tên tập thể")]
    assert "theo quyết định 5/QĐ-BCA (10/05/2018)" in result.errors[0].message
    assert not result.saved


def test_a_once_per_person_form_twice_in_one_file_is_refused(tmp_path, provincial_staff, lists, medal):
    result = imported(tmp_path, [row("5/QĐ-BCA", "Trần Văn Hộ", 1980, **medal),
                                 row("6/QĐ-BCA", "Tran Van Ho", 1980, **medal)], provincial_staff)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Họ và tên / tên tập thể")]
    assert "(dòng 2)" in result.errors[0].message and "chỉ tặng một lần" in result.errors[0].message
    assert Person.objects.count() == 0
