"""Places of either layout: a row is read in the layout of its date, old names map to the new commune,
and a province or city outside the importer's scope is never matched to a same-named commune inside it."""

import pytest

from accounts.roles import Role
from geography.models import AdministrativeUnit, Layout
from imports.pipeline import run_import
from organizations.models import Organization

from .conftest import org_row, write_xlsx

pytestmark = pytest.mark.django_db

PLACE = "Xã, phường, thị trấn"


def import_rows(tmp_path, user, rows):
    return run_import("organizations", str(write_xlsx(tmp_path / "to-chuc.xlsx", rows)), user)


@pytest.fixture
def ca_mau_staff(make_officer, ca_mau_today, kinds):
    return make_officer("tinh_camau_moi", ca_mau_today, Role.REPORTING)


def test_an_old_name_on_a_row_dated_after_the_change_goes_to_the_new_commune(tmp_path, ca_mau_staff, ho_phong):
    rows = [org_row(**{"Tên tổ chức": "Tổ mới", "Ngày thành lập": "02/10/2026"}),
            org_row(**{"Tên tổ chức": "Tổ cũ", "Ngày thành lập": "15/03/2018"}),
            org_row(**{"Tên tổ chức": "Tổ tên mới", "Ngày thành lập": "02/10/2026", PLACE: "Phường Giá Rai"})]
    result = import_rows(tmp_path, ca_mau_staff, rows)
    assert result.ok, [str(e) for e in result.errors]
    new = ho_phong.successor()
    assert new.name == "Phường Giá Rai" and new.layout == Layout.Y2025
    assert dict(Organization.objects.values_list("name", "commune")) == {
        "Tổ mới": new.pk, "Tổ cũ": ho_phong.pk, "Tổ tên mới": new.pk}


def test_a_numbered_ward_of_ca_mau_city_is_not_taken_for_bac_lieus(tmp_path, ca_mau_staff, provincial_staff):
    ward_5 = AdministrativeUnit.objects.get(layout=Layout.LEGACY, name="Phường 5", parent__name="Thành phố Cà Mau")
    rows = [org_row(**{PLACE: "Phường 5, TP Cà Mau", "Ngày thành lập": "02/10/2026"}),
            org_row(**{PLACE: "Phường 5, TP Cà Mau", "Ngày thành lập": "15/03/2018", "Tên tổ chức": "Tổ 2018"})]
    result = import_rows(tmp_path, ca_mau_staff, rows)
    assert result.ok, [str(e) for e in result.errors]
    assert dict(Organization.objects.values_list("name", "commune")) == {
        "Tổ bảo vệ ANTT khóm 1": ward_5.successor().pk, "Tổ 2018": ward_5.pk}

    # Bạc Liêu's officer: Cà Mau city is outside their scope, not "ambiguous" between Bạc Liêu's wards.
    for place in ("Phường 5, TP Cà Mau", "Phường 1, TP Cà Mau", "Phường 5, Thành phố Cà Mau, Tỉnh Cà Mau"):
        result = import_rows(tmp_path, provincial_staff, [org_row(**{PLACE: place, "Tên tổ chức": "Tổ khác"})])
        assert len(result.errors) == 1, place
        message = result.errors[0].message
        assert "nằm ngoài phạm vi của bạn (Tỉnh Bạc Liêu)" in message, message
        assert "Bạc Liêu," not in message and "chưa rõ" not in message
    assert not Organization.objects.filter(name="Tổ khác").exists()


def test_a_city_named_outside_the_scope_is_refused_even_when_its_units_are_not_loaded(tmp_path, provincial_staff,
                                                                                   kinds):
    result = import_rows(tmp_path, provincial_staff, [org_row(**{PLACE: "Phường 5, TP Cà Mau"})])
    assert len(result.errors) == 1
    assert "nằm ngoài phạm vi của bạn" in result.errors[0].message
    assert not Organization.objects.exists()


def test_import_records_as_a_2025_officer_reads_both_layouts_by_date(tmp_path, ca_mau_staff, ho_phong, capsys):
    from .test_command import run

    rows = [org_row(**{PLACE: "Phường 5, TP Cà Mau", "Ngày thành lập": "02/10/2026"}),
            org_row(**{"Tên tổ chức": "Tổ 2018", "Ngày thành lập": "15/03/2018"})]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    assert run("organizations", path, "--as", ca_mau_staff.username) == 0, capsys.readouterr().err
    ward_5 = AdministrativeUnit.objects.get(layout=Layout.LEGACY, name="Phường 5", parent__name="Thành phố Cà Mau")
    assert dict(Organization.objects.values_list("name", "commune")) == {
        "Tổ bảo vệ ANTT khóm 1": ward_5.successor().pk, "Tổ 2018": ho_phong.pk}


def import_decisions(tmp_path, user, rows):
    return run_import("commendations", str(write_xlsx(tmp_path / "kt.xlsx", rows, "commendations")), user)


def test_a_2025_officer_imports_a_decision_issued_by_an_old_unit_inside_their_province(tmp_path, ca_mau_staff,
                                                                                       bac_lieu, ho_phong, lists):
    from commendations.models import Decision

    from .test_other_registries import decision_row

    rows = [decision_row(**{"Số, ký hiệu": "1/QĐ", "Ngày quyết định": "10/05/2018", "Đơn vị ban hành": "Tỉnh Bạc Liêu",
                            "Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"}),
            decision_row(**{"Số, ký hiệu": "2/QĐ", "Ngày quyết định": "02/10/2026", "Đơn vị ban hành": "Tỉnh Bạc Liêu",
                            "Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"})]
    result = import_decisions(tmp_path, ca_mau_staff, rows)
    assert result.ok, [str(e) for e in result.errors]
    issued = dict(Decision.objects.values_list("number", "issuing_unit"))
    # As recorded before the change; mapped to the unit it became after it.
    assert issued == {"1/QĐ": bac_lieu.pk, "2/QĐ": ca_mau_staff.unit.pk}
    places = dict(Decision.objects.values_list("number", "recipients__commune"))
    assert places == {"1/QĐ": ho_phong.pk, "2/QĐ": ho_phong.successor().pk}


def test_a_2025_ward_officer_keeps_the_old_wards_it_took_in_and_nothing_around_them(tmp_path, make_officer,
                                                                                   ca_mau_today, ho_phong, kinds):
    officer = make_officer("phuong_moi", ho_phong.successor())
    rows = [org_row(**{"Tên tổ chức": "Tổ 2018"}),
            org_row(**{"Tên tổ chức": "Tổ 2026", "Ngày thành lập": "02/10/2026"})]
    result = import_rows(tmp_path, officer, rows)
    assert result.ok, [str(e) for e in result.errors]
    assert dict(Organization.objects.values_list("name", "commune")) == {
        "Tổ 2018": ho_phong.pk, "Tổ 2026": ho_phong.successor().pk}

    # A ward of the same old town that became another commune stays outside, in either year.
    other = AdministrativeUnit.objects.filter(layout=Layout.LEGACY, parent=ho_phong.parent).exclude(
        successions__new_unit=ho_phong.successor()).first()
    for day in ("15/03/2018", "02/10/2026"):
        row = org_row(**{PLACE: f"{other.name}, Thị xã Giá Rai", "Tên tổ chức": "Tổ khác", "Ngày thành lập": day})
        result = import_rows(tmp_path, officer, [row])
        assert len(result.errors) == 1 and "nằm ngoài phạm vi của bạn" in result.errors[0].message, day
