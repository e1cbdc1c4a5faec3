import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from geography.loaders import load_units
from geography.models import AdministrativeUnit, Kind, Layout, Level, UnitSuccession

pytestmark = pytest.mark.django_db


def test_it_loads_bac_lieu_as_one_province_seven_districts_sixty_four_communes(bac_lieu):
    units = AdministrativeUnit.objects.subtree(bac_lieu)
    assert units.filter(level=Level.PROVINCE).count() == 1
    assert units.filter(level=Level.DISTRICT).count() == 7
    assert units.communes().count() == 64
    assert bac_lieu.kind == Kind.PROVINCE
    assert set(units.filter(level=Level.DISTRICT).values_list("name", flat=True)) == {
        "Thành phố Bạc Liêu", "Thị xã Giá Rai", "Huyện Đông Hải", "Huyện Hòa Bình",
        "Huyện Hồng Dân", "Huyện Phước Long", "Huyện Vĩnh Lợi",
    }


def test_it_puts_phuong_ho_phong_under_thi_xa_gia_rai(ho_phong, gia_rai):
    assert ho_phong.parent == gia_rai
    assert ho_phong.kind == Kind.WARD
    assert gia_rai.kind == Kind.TOWN
    assert ho_phong.full_name() == "Phường Hộ Phòng, Thị xã Giá Rai, Tỉnh Bạc Liêu"
    assert ho_phong.latitude and ho_phong.min_latitude < ho_phong.latitude < ho_phong.max_latitude


def test_loading_twice_changes_nothing(bac_lieu):
    before = list(AdministrativeUnit.objects.values_list("id", "code", "name", "path", "parent_id"))
    result = load_units(province="Bạc Liêu")
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == 72
    assert list(AdministrativeUnit.objects.values_list("id", "code", "name", "path", "parent_id")) == before


def test_every_commune_under_a_unit_is_one_query(bac_lieu, gia_rai, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = list(AdministrativeUnit.objects.communes_under(gia_rai).values_list("name", flat=True))
    assert "Phường Hộ Phòng" in names and len(names) == 10


def test_the_2025_layout_records_which_new_commune_an_old_one_became(bac_lieu, ho_phong):
    call_command("load_units", province="Cà Mau", layout="2025")
    ca_mau = AdministrativeUnit.objects.get(layout=Layout.Y2025, level=Level.PROVINCE)
    assert ca_mau.name == "Tỉnh Cà Mau"
    assert AdministrativeUnit.objects.communes_under(ca_mau).count() == 64
    # Phường Hộ Phòng (Thị xã Giá Rai) became part of the new Phường Giá Rai.
    succession = UnitSuccession.objects.get(old_unit=ho_phong, is_default=True)
    assert succession.new_unit.name == "Phường Giá Rai"
    assert succession.new_unit.parent == ca_mau
    # Records of the old commune roll up under the new province.
    assert AdministrativeUnit.objects.rolled_up_under(ca_mau).filter(pk=ho_phong.pk).exists()


def test_a_pre_2025_province_name_loads_its_2025_successor():
    result = load_units(province="Bạc Liêu", layout=Layout.Y2025)
    assert result.provinces == ["Tỉnh Cà Mau"]


def test_an_unknown_province_names_the_closest_matches_and_changes_nothing():
    with pytest.raises(CommandError) as error:
        call_command("load_units", province="Bac Lieuu")
    assert "Bạc Liêu" in str(error.value)
    assert "Không tìm thấy" in str(error.value)
    assert AdministrativeUnit.objects.count() == 0
