"""One "under this unit" rule: a record kept under a pre-2025 commune is found, in every list's
commune filter, under the 2025 commune it became (the tally's rollup)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from geography.models import AdministrativeUnit, Kind, Layout, Level, UnitSuccession
from tests.reports.factories import (
    DecisionFactory,
    DeploymentFactory,
    MemberFactory,
    ModelFactory,
    OrganizationFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db

TOTAL = re.compile(r'data-total="(\d+)"')
LISTS = ["organizations:organization_list", "organizations:member_list", "models_registry:model_list",
         "models_registry:deployment_list", "commendations:decision_list", "commendations:recipient_list",
         "commendations:people"]


@pytest.fixture
def new_layout(ho_phong, bac_lieu):
    """A 2025 province with one commune that Phường Hộ Phòng became, and a record of each kind there."""
    province = AdministrativeUnit.objects.create(code="96", name="Tỉnh Cà Mau", short_name="Cà Mau",
                                                 kind=Kind.PROVINCE, level=Level.PROVINCE, layout=Layout.Y2025,
                                                 path="2025/96/")
    commune = AdministrativeUnit.objects.create(code="32000", name="Phường Giá Rai", short_name="Giá Rai",
                                                kind=Kind.WARD, level=Level.COMMUNE, layout=Layout.Y2025,
                                                parent=province, path="2025/96/32000/")
    UnitSuccession.objects.create(old_unit=ho_phong, new_unit=commune, is_default=True)
    MemberFactory(organization=OrganizationFactory(commune=ho_phong))
    DeploymentFactory(model=ModelFactory(founding_unit=bac_lieu), commune=ho_phong)
    RecipientFactory(decision=DecisionFactory(issuing_unit=bac_lieu, decided_on=date(2017, 5, 1)), commune=ho_phong)
    return province, commune


def test_every_commune_filter_finds_records_of_the_old_commune_under_the_new_one(new_layout, make_officer,
                                                                                   client_for):
    province, commune = new_layout
    client = client_for(make_officer("camau", province, Role.REPORTING))
    for name in LISTS:
        everything = client.get(reverse(name)).content.decode()
        narrowed = client.get(reverse(name), {"commune": commune.pk}).content.decode()
        assert TOTAL.search(everything).group(1) == TOTAL.search(narrowed).group(1) == "1", name


def test_the_rule_is_the_scope_rule(new_layout, ho_phong):
    from organizations.models import Organization

    province, commune = new_layout
    assert list(Organization.objects.under(commune)) == list(Organization.objects.filter(commune=ho_phong))
    assert Organization.objects.under(province).count() == 1
