import pytest

from accounts.scope import communes_in_scope, restrict_to_scope
from geography.loaders import load_units
from geography.models import AdministrativeUnit, Layout

pytestmark = pytest.mark.django_db


def visible_communes(user):
    return set(restrict_to_scope(AdministrativeUnit.objects.communes(), user, "pk").values_list("name", flat=True))


def test_a_commune_officer_sees_only_their_commune(commune_officer):
    assert visible_communes(commune_officer) == {"Phường Hộ Phòng"}


def test_a_district_officer_sees_the_communes_of_their_district(district_officer):
    names = visible_communes(district_officer)
    assert len(names) == 10
    assert "Phường Hộ Phòng" in names and "Phường 1" in names  # Giá Rai has its own Phường 1
    assert names == set(communes_in_scope(district_officer).values_list("name", flat=True))


def test_provincial_staff_see_every_commune_of_the_province(provincial_staff):
    assert len(visible_communes(provincial_staff)) == 63  # Bạc Liêu city and Giá Rai both have a Phường 1


def test_provincial_staff_see_all_sixty_four_commune_rows(provincial_staff):
    qs = restrict_to_scope(AdministrativeUnit.objects.communes(), provincial_staff, "pk")
    assert qs.count() == 64


def test_a_user_without_unit_sees_nothing(django_user_model):
    user = django_user_model.objects.create_user("khong_pham_vi", password="x")
    assert restrict_to_scope(AdministrativeUnit.objects.all(), user, "pk").count() == 0


def test_an_officer_of_another_province_sees_nothing_of_bac_lieu(bac_lieu, make_officer):
    load_units(province="Cà Mau")
    ca_mau = AdministrativeUnit.objects.get(layout=Layout.LEGACY, name="Tỉnh Cà Mau")
    officer = make_officer("tinh_camau", ca_mau)
    qs = restrict_to_scope(AdministrativeUnit.objects.communes(), officer, "pk")
    assert not qs.filter(path__startswith=bac_lieu.path).exists()
    assert qs.count() > 0


def test_a_2025_province_officer_sees_records_kept_under_the_old_communes(bac_lieu, ho_phong, make_officer):
    load_units(province="Cà Mau", layout=Layout.Y2025)
    new_ca_mau = AdministrativeUnit.objects.get(layout=Layout.Y2025, name="Tỉnh Cà Mau")
    officer = make_officer("tinh_camau_moi", new_ca_mau)
    qs = restrict_to_scope(AdministrativeUnit.objects.communes(), officer, "pk")
    assert qs.filter(pk=ho_phong.pk).exists()
