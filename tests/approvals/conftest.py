"""The chain's people besides the common ones: reporting staff of a district (the approving level
before 2025) and of another district, and Cà Mau in the two-level layout."""

import pytest

from accounts.roles import Role
from approvals.services import submission_approve, submission_submit
from geography.loaders import ensure_province
from geography.models import AdministrativeUnit, Layout
from reports.periods import QUARTER, ReportingPeriod
from tests.commendations.conftest import certificate, director, make_decision  # noqa: F401  (fixtures)
from tests.organizations.conftest import make_org

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


Q4_2025 = ReportingPeriod(QUARTER, 2025, 4)  # 15/09/2025 – 14/12/2025: the two-level layout


@pytest.fixture(params=["legacy", "2025"])
def chain(request, make_officer, q3):
    """One approved commune with a team of three, one commune that never submitted with a team of two;
    the legacy province (approved by the district) or Cà Mau in 2025 (approved by the province)."""
    if request.param == "legacy":
        province = request.getfixturevalue("bac_lieu")
        approved = request.getfixturevalue("ho_phong")
        other = request.getfixturevalue("phuong_1_bac_lieu")
        clerk = request.getfixturevalue("commune_officer")
        approver = request.getfixturevalue("district_reporter")
        admin = request.getfixturevalue("administrator")
        period = q3
    else:
        province = request.getfixturevalue("ca_mau_2025")
        approved, other = AdministrativeUnit.objects.communes_under(province).order_by("path")[:2]
        clerk = make_officer("xa_2025", approved)
        approver = make_officer("tinh_2025", province, Role.REPORTING)
        admin = make_officer("quantri_2025", province, Role.ADMINISTRATOR)
        period = Q4_2025
    team = make_org(approved, "Tổ an ninh nhân dân khóm 1", members=3)
    make_org(other, "Tổ hòa giải khóm 5", kind_name="Tổ hòa giải", hamlet="Khóm 5", members=2)
    submission_approve(by=approver, submission=submission_submit(by=clerk, commune=approved, period=period))
    return {"province": province, "period": period, "team": team, "clerk": clerk, "approved": approved,
            "approver": approver, "admin": admin}
