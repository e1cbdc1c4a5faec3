"""Every dashboard (country, province, district, commune) answers with the same number of queries
whatever the amount of data: ten times the organizations and members, in more communes, cost nothing more."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from geography.loaders import ensure_nation

from .dashboard_helpers import DEMO, dashboard_url
from .factories import MemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url, DEMO)  # warm: the session, and the communes' counts kept for these days
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, DEMO).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("where", ["country", "province", "district", "commune"])
def test_each_dashboard_takes_the_same_queries_at_two_sizes(small_world, bac_lieu, gia_rai, ho_phong, make_officer,
                                                            client_for, where):
    unit = {"country": ensure_nation(), "province": bac_lieu, "district": gia_rai, "commune": ho_phong}[where]
    client = client_for(make_officer(f"xem_{where}", unit, Role.LEADERSHIP))
    url = dashboard_url(unit)
    small = queries(client, url)

    communes = list(gia_rai.children.all()[:6]) + [ho_phong]
    for number in range(40):
        org = OrganizationFactory(commune=communes[number % len(communes)], founded_on=date(2017, 1, 1))
        MemberFactory.create_batch(5, organization=org, joined_on=date(2017, 1, 1))

    assert queries(client, url) == small
    assert small <= 48
