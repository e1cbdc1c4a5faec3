"""The chain's people besides the common ones: reporting staff of a district (the approving level
before 2025) and of another district, and Cà Mau in the two-level layout."""

import pytest

from accounts.roles import Role
from geography.loaders import ensure_province
from geography.models import AdministrativeUnit, Layout
from reports.periods import QUARTER, ReportingPeriod

Q3_2018 = ReportingPeriod(QUARTER, 2018, 3)  # 15/06/2018 – 14/09/2018


@pytest.fixture
def q3():
    return Q3_2018


@pytest.fixture
def district_reporter(make_officer, gia_rai):
    return make_officer("huyen_tonghop", gia_rai, Role.REPORTING)


@pytest.fixture
def other_district_reporter(make_officer, bac_lieu):
    city = AdministrativeUnit.objects.get(parent=bac_lieu, name="Thành phố Bạc Liêu")
    return make_officer("tp_tonghop", city, Role.REPORTING)


@pytest.fixture
def ca_mau_2025(db):
    return ensure_province("Cà Mau", Layout.Y2025)
