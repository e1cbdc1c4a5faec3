"""A list's total is kept across requests under the stamp of the officer's communes (reports.kept), as the
tallies are: the same figure as a count, never stale after a write under the officer's unit, whichever way
it was written; never kept for filters the stamp does not follow, nor shared between scopes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import OrganizationRating, Rating
from tests.reports.factories import MemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

ORGANIZATIONS, MEMBERS = reverse("organizations:organization_list"), reverse("organizations:member_list")
TOTAL = re.compile(r'data-total="(\d+)"')


def total(client, url: str, query: dict | None = None) -> tuple[int, bool]:
    """The total the list shows, and whether the page counted its rows to show it."""
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url, query or {}).text
    counted = any(q["sql"].startswith('SELECT COUNT(*) FROM (SELECT "organizations_') for q in queries.captured_queries)
    return int(TOTAL.search(body).group(1)), counted


def test_a_total_is_counted_once_then_kept_until_a_row_under_the_unit_is_written(
        client_for, provincial_staff, ho_phong, phuong_1_bac_lieu):
    client = client_for(provincial_staff)
    OrganizationFactory.create_batch(3, commune=ho_phong)
    assert total(client, ORGANIZATIONS) == (3, True)
    assert total(client, ORGANIZATIONS) == (3, False)  # kept: the same figure, not counted again
    organization = OrganizationFactory(commune=phuong_1_bac_lieu)
    assert total(client, ORGANIZATIONS) == (4, True)
    with connection.cursor() as cursor:  # no Django signal sees this: the database's triggers do
        cursor.execute("UPDATE organizations_organization SET archived_at = CURRENT_TIMESTAMP WHERE id = %s",
                       [organization.pk])
    assert total(client, ORGANIZATIONS) == (3, True)
    MemberFactory.create_batch(2, organization=organization.__class__.objects.filter(commune=ho_phong).first())
    assert total(client, MEMBERS) == (2, True)
    MemberFactory(organization=organization.__class__.objects.filter(commune=ho_phong).first())
    assert total(client, MEMBERS) == (3, True)
    assert total(client, MEMBERS) == (3, False)


def test_a_write_in_another_province_leaves_the_total_kept(client_for, provincial_staff, ho_phong):
    from geography.loaders import ensure_province
    from geography.models import AdministrativeUnit

    elsewhere = AdministrativeUnit.objects.communes_under(ensure_province("Sóc Trăng")).first()  # (units: a global change)
    client = client_for(provincial_staff)
    OrganizationFactory.create_batch(2, commune=ho_phong)
    assert total(client, ORGANIZATIONS) == (2, True)
    OrganizationFactory(commune=elsewhere)
    assert total(client, ORGANIZATIONS) == (2, False)


def test_a_filter_on_rows_the_stamp_does_not_follow_is_counted_every_time(client_for, provincial_staff, ho_phong):
    client = client_for(provincial_staff)
    first, second = OrganizationFactory.create_batch(2, commune=ho_phong)
    OrganizationRating.objects.create(organization=first, year=2018, rating=Rating.choices[0][0])
    rated = {"rating": Rating.choices[0][0], "rating_year": 2018}
    assert total(client, ORGANIZATIONS, rated) == (1, True)
    OrganizationRating.objects.create(organization=second, year=2018, rating=Rating.choices[0][0])
    assert total(client, ORGANIZATIONS, rated) == (2, True)


def test_each_scope_has_its_own_total(client_for, provincial_staff, commune_officer, ho_phong, phuong_1_bac_lieu):
    OrganizationFactory.create_batch(2, commune=ho_phong)
    OrganizationFactory.create_batch(5, commune=phuong_1_bac_lieu)
    assert total(client_for(provincial_staff), ORGANIZATIONS)[0] == 7
    assert total(client_for(commune_officer), ORGANIZATIONS)[0] == 2
    assert total(client_for(provincial_staff), ORGANIZATIONS, {"commune": ho_phong.pk}) == (2, True)
    assert total(client_for(provincial_staff), ORGANIZATIONS) == (7, False)
