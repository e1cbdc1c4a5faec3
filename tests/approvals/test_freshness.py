"""Freshness: the share of organizations rated in the year, and those not confirmed for two years."""

from datetime import date

import pytest
from django.urls import reverse

from approvals.freshness import freshness_by_commune, not_confirmed_for_two_years
from organizations.models import OrganizationRating
from tests.organizations.conftest import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(ho_phong, phuong_1_bac_lieu):
    rated = make_org(ho_phong, "Tổ khóm 1")
    last_year = make_org(ho_phong, "Tổ khóm 2", hamlet="Khóm 2")
    forgotten = make_org(ho_phong, "Tổ khóm 3", hamlet="Khóm 3")
    make_org(ho_phong, "Tổ khóm 4 mới", hamlet="Khóm 4", founded_on=date(2018, 1, 1))  # too young to be stale
    make_org(phuong_1_bac_lieu, "Tổ khóm 5", hamlet="Khóm 5")
    OrganizationRating.objects.create(organization=rated, year=2018, rating="tot")
    OrganizationRating.objects.create(organization=last_year, year=2017, rating="tot")
    return {"rated": rated, "forgotten": forgotten}


def test_the_share_rated_per_commune_and_the_teams_forgotten(teams, provincial_staff, commune_officer, bac_lieu,
                                                              ho_phong, django_assert_max_num_queries):
    # One grouped query, plus resolving once the communes under the user's unit and under the unit asked for.
    with django_assert_max_num_queries(3):
        rows = freshness_by_commune(user=provincial_staff, unit=bac_lieu, year=2018)
    assert sorted((r["commune"], r["total"], r["rated"], r["share"]) for r in rows) == [
        ("Phường 1", 1, 0, 0.0), ("Phường Hộ Phòng", 4, 1, 25.0)]
    assert [o.name for o in not_confirmed_for_two_years(user=commune_officer, unit=ho_phong, year=2018)] == [
        "Tổ khóm 3"]
    # The commune officer sees their commune only, even asking for the province.
    assert [r["commune"] for r in freshness_by_commune(user=commune_officer, unit=ho_phong, year=2018)] == [
        "Phường Hộ Phòng"]


def test_the_page_lists_them_for_the_commune_officer(teams, client_for, commune_officer):
    page = client_for(commune_officer).get(reverse("approvals:freshness"), {"year": 2018}).content.decode()
    assert "1/4 tổ chức đã được xếp loại năm 2018 (25,0%)" in page
    assert "Tổ khóm 3" in page and "Tổ khóm 5" not in page
