"""A list's total is kept across requests under the stamp of the officer's communes (reports.kept), as the
tallies are: the same figure as a count, never stale after a write under the officer's unit, whichever way
it was written; never kept for filters the stamp does not follow, nor shared between scopes."""

import re
from datetime import date

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


# --- A page's rows kept with the total (antq_portal.lists.ListPaginator._kept) ------------------------------------

ROW, CELL = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S), re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def page(client, url: str, query: dict) -> tuple[list[list[str]], bool]:
    """The page's rows as their cells' text, and whether the page looked its rows up in the list's order (an
    OFFSET: page 2 of the list read afresh)."""
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url, query).text
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in CELL.findall(row)] for row in ROW.findall(body)]
    return [row for row in rows if row], any(" OFFSET " in q["sql"] for q in queries.captured_queries)


@pytest.fixture
def pages_of_two(monkeypatch):
    from antq_portal.lists import RegistryListView

    monkeypatch.setattr(RegistryListView, "paginate_by", 2)


def test_a_page_is_read_once_then_kept_until_a_row_under_the_unit_is_written(
        pages_of_two, client_for, provincial_staff, ho_phong):
    from tests.reports.factories import OrganizationKindFactory

    kind = OrganizationKindFactory()
    a, b, c, d = (OrganizationFactory(commune=ho_phong, kind=kind, name=f"Tổ {letter}") for letter in "ACEG")
    MemberFactory.create_batch(2, organization=c)
    client = client_for(provincial_staff)
    rows, looked_up = page(client, ORGANIZATIONS, {"page": 2})
    assert [(row[0], row[3], row[-1]) for row in rows] == [
        ("Tổ E", "Phường Hộ Phòng, Thị xã Giá Rai", "2"), ("Tổ G", "Phường Hộ Phòng, Thị xã Giá Rai", "0")]
    assert looked_up
    assert page(client, ORGANIZATIONS, {"page": 2}) == (rows, False)  # kept: the same rows, not looked up again
    OrganizationFactory(commune=ho_phong, kind=kind, name="Tổ B")  # sorts before page 2
    rows, looked_up = page(client, ORGANIZATIONS, {"page": 2})
    assert [row[0] for row in rows] == ["Tổ C", "Tổ E"] and looked_up
    MemberFactory(organization=c, joined_on=date(2020, 1, 1))  # a member of a row shown: its count moves
    rows, looked_up = page(client, ORGANIZATIONS, {"page": 2})
    assert [(row[0], row[-1]) for row in rows] == [("Tổ C", "0"), ("Tổ E", "3")] and looked_up
    with connection.cursor() as cursor:  # no Django signal sees this: the database's triggers do
        cursor.execute("UPDATE organizations_organization SET archived_at = CURRENT_TIMESTAMP WHERE id = %s", [a.pk])
    rows, looked_up = page(client, ORGANIZATIONS, {"page": 2})
    assert [row[0] for row in rows] == ["Tổ E", "Tổ G"] and looked_up
    # The count on another day is another question: the member who joined later is not counted on it.
    assert [row[-1] for row in page(client, ORGANIZATIONS, {"page": 2, "active_on": "01/06/2018"})[0]] == ["2", "0"]
    assert [row[-1] for row in page(client, ORGANIZATIONS, {"page": 2})[0]] == ["3", "0"]
    assert b.pk and d.pk


def test_a_renamed_commune_is_shown_by_its_new_name_at_once(client_for, provincial_staff, ho_phong):
    MemberFactory(organization=OrganizationFactory(commune=ho_phong, name="Tổ A"))
    client = client_for(provincial_staff)
    assert page(client, ORGANIZATIONS, {})[0][0][3] == "Phường Hộ Phòng, Thị xã Giá Rai"
    assert page(client, MEMBERS, {})[0][0][5] == "Phường Hộ Phòng, Thị xã Giá Rai"
    ho_phong.name = "Phường Hộ Phòng Mới"
    ho_phong.save()
    assert page(client, ORGANIZATIONS, {})[0][0][3] == "Phường Hộ Phòng Mới, Thị xã Giá Rai"
    assert page(client, MEMBERS, {})[0][0][5] == "Phường Hộ Phòng Mới, Thị xã Giá Rai"


def test_each_scope_has_its_own_pages(pages_of_two, client_for, provincial_staff, commune_officer, ho_phong,
                                      phuong_1_bac_lieu):
    """The same page of the same list for two scopes: each officer's own rows, kept apart."""
    for commune in (phuong_1_bac_lieu, ho_phong):  # Phường 1's rows sort first in the province's list
        for organization in OrganizationFactory.create_batch(3, commune=commune):
            MemberFactory(organization=organization, full_name=f"Thành viên ở {commune.name}")
    for _ in range(2):  # the second time, kept
        province = page(client_for(provincial_staff), ORGANIZATIONS, {"page": 1})[0]
        commune = page(client_for(commune_officer), ORGANIZATIONS, {"page": 1})[0]
        assert {row[3] for row in province} == {"Phường 1, Thành phố Bạc Liêu"}
        assert {row[3] for row in commune} == {"Phường Hộ Phòng, Thị xã Giá Rai"}
        members = page(client_for(commune_officer), MEMBERS, {"page": 2})[0]
        assert [row[0] for row in members] == ["Thành viên ở Phường Hộ Phòng"]
        assert {row[5] for row in members} == {"Phường Hộ Phòng, Thị xã Giá Rai"}


def test_a_kept_page_gone_stale_never_shows_a_row_outside_the_scope(client_for, commune_officer, ho_phong,
                                                                    phuong_1_bac_lieu, caplog):
    """Should a kept page ever outlive a write (the stamp is the database's triggers), its rows are still the
    officer's own: one of another commune's, slipped into the kept ids, is dropped and the fault logged."""
    from reports.models import KeptTally

    mine = OrganizationFactory(commune=ho_phong, name="Tổ của xã")
    theirs = OrganizationFactory(commune=phuong_1_bac_lieu, name="Tổ của xã khác")
    client = client_for(commune_officer)
    assert [row[0] for row in page(client, ORGANIZATIONS, {"page": 1})[0]] == ["Tổ của xã"]
    kept = next(row for row in KeptTally.objects.filter(key__startswith="list|") if "ids" in row.figures)
    kept.figures = {**kept.figures, "ids": [theirs.pk, mine.pk],
                    "values": {name: [0, *values] for name, values in kept.figures["values"].items()}}
    kept.save()  # the same stamp: read as holding
    rows, looked_up = page(client, ORGANIZATIONS, {"page": 1})
    assert [row[0] for row in rows] == ["Tổ của xã"] and not looked_up
    assert "outside the scope" in caplog.text
