import pytest

from geography.loaders import load_units
from geography.models import AdministrativeUnit, Layout, Level

pytestmark = pytest.mark.django_db


def test_it_loads_the_whole_country_in_the_old_layout():
    load_units(layout=Layout.LEGACY)
    units = AdministrativeUnit.objects.filter(layout=Layout.LEGACY)
    assert units.filter(level=Level.PROVINCE).count() == 63
    assert 690 <= units.filter(level=Level.DISTRICT).count() <= 715
    assert 10_000 <= units.filter(level=Level.COMMUNE).count() <= 10_100
    # The whole country comes with the unit above its provinces (the Ministry's scope).
    nation = units.get(level=Level.NATION)
    assert (nation.name, AdministrativeUnit.objects.children_of(nation).count()) == ("Toàn quốc", 63)
