"""The one unit parser: a name or a code, the layout chosen by the date, --layout to override."""

from datetime import date

import pytest

from geography.lookup import AmbiguousUnit, UnitNotFound, layout_on, resolve_unit
from geography.models import AdministrativeUnit, Layout, Level

pytestmark = pytest.mark.django_db

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


def test_the_date_chooses_the_layout():
    assert layout_on(date(2018, 7, 11)) == layout_on(BEFORE) == Layout.LEGACY
    assert layout_on(AFTER) == layout_on(None) == Layout.Y2025


def test_a_code_of_both_layouts_is_todays_unit_unless_the_date_or_layout_says_otherwise(ca_mau_today):
    assert resolve_unit("96") == ca_mau_today
    assert resolve_unit("96", on=date(2026, 12, 1)) == ca_mau_today
    old = resolve_unit("96", on=date(2018, 7, 11))
    assert (old.layout, old.name) == (Layout.LEGACY, "Tỉnh Cà Mau")
    assert resolve_unit("96", layout="legacy") == old
    assert resolve_unit("96", on=date(2018, 7, 11), layout="2025") == ca_mau_today


def test_a_name_of_both_layouts_follows_the_date_and_the_province_wins_over_the_city(ca_mau_today):
    assert resolve_unit("Cà Mau") == ca_mau_today
    assert resolve_unit("Tỉnh Cà Mau") == ca_mau_today
    old = resolve_unit("Cà Mau", on=date(2018, 7, 11))
    assert old.layout == Layout.LEGACY and old.level == Level.PROVINCE
    assert resolve_unit("Bạc Liêu", on=date(2018, 7, 11)).name == "Tỉnh Bạc Liêu"


def test_a_name_found_only_in_the_other_layout_is_taken_from_there(ca_mau_today, ho_phong):
    assert resolve_unit("Phường Hộ Phòng") == ho_phong  # no longer exists today: the old ward
    assert resolve_unit("Hộ Phòng, Thị xã Giá Rai") == ho_phong
    with pytest.raises(UnitNotFound):
        resolve_unit("Phường Hộ Phòng", layout="2025")


def test_short_forms_and_any_ancestor_after_a_comma_settle_a_shared_name(ca_mau_today):
    ward = resolve_unit("Phường 5, TP Cà Mau")
    assert ward.full_name() == "Phường 5, Thành phố Cà Mau, Tỉnh Cà Mau"
    assert resolve_unit("P. 5, Thành phố Cà Mau, Tỉnh Cà Mau") == ward
    assert resolve_unit("Phường 5, Bạc Liêu").full_name() == "Phường 5, Thành phố Bạc Liêu, Tỉnh Bạc Liêu"


def test_an_ambiguous_name_lists_the_candidates_with_their_layout_and_what_they_became(ca_mau_today):
    with pytest.raises(AmbiguousUnit) as caught:
        resolve_unit("Phường 5")
    message = caught.value.messages[0]
    assert "Phường 5, Thành phố Bạc Liêu, Tỉnh Bạc Liêu [trước 01/07/2025, mã 31819; nay thuộc" in message
    assert "Phường 5, Thành phố Cà Mau, Tỉnh Cà Mau [trước 01/07/2025, mã 32008; nay thuộc" in message
    assert "None" not in message and "ví dụ “Phường 5, Thành phố Bạc Liêu”" in message
    assert len(caught.value.candidates) == 2


def test_an_unknown_unit_says_so_in_vietnamese(bac_lieu):
    with pytest.raises(UnitNotFound, match="Không tìm thấy đơn vị hành chính “Xã Không Có”"):
        resolve_unit("Xã Không Có")
    with pytest.raises(UnitNotFound):
        resolve_unit("")


def test_within_limits_the_search_to_a_scope(ca_mau_today, bac_lieu):
    ward = resolve_unit("Phường 5", within=AdministrativeUnit.objects.subtree(bac_lieu))
    assert ward.parent.name == "Thành phố Bạc Liêu"
    with pytest.raises(UnitNotFound):
        resolve_unit("Cà Mau", layout="legacy", within=AdministrativeUnit.objects.subtree(bac_lieu))


def test_a_2025_unit_covers_the_old_units_wholly_inside_it_and_no_other(ca_mau_today, bac_lieu, ho_phong):
    from geography.models import AdministrativeUnit

    new_ward = ho_phong.successor()
    province = AdministrativeUnit.objects.covered_by(ca_mau_today)
    assert {bac_lieu, ho_phong.parent, ho_phong, new_ward} <= set(province)
    ward = set(AdministrativeUnit.objects.covered_by(new_ward))
    assert {new_ward, ho_phong} <= ward
    assert bac_lieu not in ward and ho_phong.parent not in ward and ca_mau_today not in ward
    assert all(unit.successor() == new_ward for unit in ward if unit.layout == "legacy")
    # An old unit covers its own subtree only.
    assert set(AdministrativeUnit.objects.covered_by(ho_phong)) == {ho_phong}
