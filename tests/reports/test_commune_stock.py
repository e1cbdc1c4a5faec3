"""The kept per-commune counts (reports/stocks.py) never show a figure the records no longer give.

Each test reads the tally once (which keeps the counts), writes through one path, and reads again:
the figure a leader sees must be the new one, whichever path wrote.
"""

from datetime import date
from unittest.mock import patch

import pytest
from django.db import connection
from django.db.models import Count

from organizations.models import Member, Organization
from reports.models import CommuneStock, CommuneVersion
from reports.stocks import COUNTED_AT, commune_stocks
from reports.tally import compute_tally, organizations_active
from tests.planner import planner_rows

from .conftest import AS_OF, SINCE
from .factories import MemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def figures(unit) -> tuple[int, int]:
    tally = compute_tally(unit=unit, as_of=AS_OF, since=SINCE)
    return tally.totals.organizations.value, tally.totals.members.value


def test_the_tally_keeps_the_counts_and_reads_them_back(small_world, bac_lieu, ho_phong):
    assert figures(bac_lieu) == (4, 6)
    assert CommuneStock.objects.filter(commune_id=ho_phong.pk, day=AS_OF).exists()
    assert figures(bac_lieu) == (4, 6)  # from the kept rows


def test_a_saved_organization_and_member_count_at_once(small_world, bac_lieu, ho_phong):
    figures(bac_lieu)
    org = OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    MemberFactory(organization=org, joined_on=date(2017, 5, 1))
    assert figures(bac_lieu) == (5, 7)


def test_queryset_updates_archiving_and_deleting_count(small_world, bac_lieu, ho_phong, administrator):
    figures(bac_lieu)
    org = organizations_active(unit=ho_phong, day=AS_OF).filter(members__isnull=False).distinct().first()
    members_of_org = Member.objects.current().filter(organization=org, left_on__isnull=True).count()
    Organization.objects.filter(pk=org.pk).update(dissolved_on=date(2018, 1, 1))  # one UPDATE, no save()
    assert figures(bac_lieu) == (3, 6 - members_of_org)
    Organization.objects.filter(pk=org.pk).update(dissolved_on=None)
    assert figures(bac_lieu) == (4, 6)
    org.archive(by=administrator)
    assert figures(bac_lieu) == (3, 6 - members_of_org)
    Member.objects.filter(organization__commune=ho_phong).delete()
    assert figures(bac_lieu)[1] == 1  # Phường 1's one member is left


def test_bulk_creates_and_raw_sql_count(small_world, bac_lieu, ho_phong):
    figures(bac_lieu)
    # An organization active on the day (by name, the factory's numbering would pick a dissolved one after
    # other tests: "số 10" sorts before "số 9").
    org = organizations_active(unit=ho_phong, day=AS_OF).first()
    Member.objects.bulk_create([Member(organization=org, full_name=f"Lê Văn {i}", joined_on=date(2017, 1, 1))
                                for i in range(3)])  # the import pipeline's path: no save(), no signal
    assert figures(bac_lieu) == (4, 9)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organizations_member SET left_on = %s WHERE organization_id = %s",
                       [date(2017, 2, 1), org.pk])
    assert figures(bac_lieu)[1] == 9 - Member.objects.filter(organization=org).count()


def test_moving_an_organization_or_a_member_counts_in_both_communes(small_world, bac_lieu, gia_rai, ho_phong,
                                                                    phuong_1_bac_lieu):
    assert figures(gia_rai) == (3, 5)
    assert figures(bac_lieu) == (4, 6)
    org = Organization.objects.get(commune=phuong_1_bac_lieu, archived_at__isnull=True)  # one member
    org.commune = ho_phong
    org.save()
    assert figures(gia_rai) == (4, 6)
    assert figures(bac_lieu) == (4, 6)
    # One of the three members of a Hộ Phòng team moves to a new team in Phường 1 (Thành phố Bạc Liêu).
    team = Organization.objects.filter(commune=ho_phong).annotate(n=Count("members")).get(n=3)
    member = team.members.first()
    member.organization = OrganizationFactory(commune=phuong_1_bac_lieu, kind=team.kind, founded_on=date(2017, 1, 1))
    member.save()
    assert figures(gia_rai) == (4, 5)
    assert figures(bac_lieu) == (5, 6)


def test_counts_kept_under_an_older_version_are_never_read(small_world, bac_lieu, ho_phong):
    """A reader that counted before a write committed keeps rows tagged with the version it read first;
    the write moved the version on, so those rows are counted again instead of being shown."""
    figures(bac_lieu)
    before = CommuneVersion.objects.filter(commune_id=ho_phong.pk).values_list(COUNTED_AT, flat=True).first() or 0
    OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    # The slow reader's rows land after the write: the old count (3) under the old version.
    CommuneStock.objects.filter(commune_id=ho_phong.pk).delete()
    from antq_portal.db import Ids
    from reports.stocks import _keep
    kind_id = Organization.objects.filter(commune=ho_phong).first().kind_id
    _keep([(Ids([ho_phong.pk]), AS_OF, [(ho_phong.pk, kind_id, 3, 5)])], {ho_phong.pk: before})
    assert figures(bac_lieu) == (5, 6)


def test_a_commune_with_nothing_is_kept_as_counted(small_world, bac_lieu, django_assert_max_num_queries):
    communes = [unit.pk for unit in bac_lieu.children.first().children.all()]
    commune_stocks(communes, AS_OF)
    with django_assert_max_num_queries(1):  # the rows read, nothing counted again
        stock = commune_stocks(communes, AS_OF)
    assert set(stock.by_commune) == set(communes)


def test_the_nightly_count_prepares_the_days_a_dashboard_opens_on(small_world, bac_lieu, ho_phong,
                                                                  django_assert_max_num_queries):
    from django.core.management import call_command

    from geography.models import AdministrativeUnit

    call_command("keep_stocks", "--today", "2018-07-11", stdout=open("/dev/null", "w"))  # noqa: SIM115
    communes = AdministrativeUnit.objects.count()
    for day in (date(2018, 7, 11), date(2017, 12, 31)):  # today, and the end of the period before this year's
        assert CommuneStock.objects.filter(day=day, kind_id=0).count() == communes  # every unit marked
    with django_assert_max_num_queries(30):  # nothing left to count: the warm tally's queries
        tally = compute_tally(unit=bac_lieu, as_of=date(2018, 7, 11))
    assert (tally.totals.organizations.value, tally.totals.members.value) == (4, 6)
    assert CommuneStock.objects.get(day=date(2018, 7, 11), commune_id=ho_phong.pk, kind_id=0).organizations == 3
    # The planner told how many rows the night wrote (a country's tally read 240,000 of them as if none).
    assert planner_rows(CommuneStock) >= 2 * communes


def test_a_tallys_two_days_are_read_counted_and_kept_in_one_pass(small_world, bac_lieu, ho_phong,
                                                                   django_assert_max_num_queries):
    from geography.models import rolled_up_ids
    from reports.stocks import stocks

    communes, before = rolled_up_ids(bac_lieu), date(2017, 12, 31)
    # Nothing kept yet: the marks, the kinds, the versions, each figure counted each day, the keeping (delete,
    # insert; a transaction's begin and commit are no queries here).
    with django_assert_max_num_queries(9):
        now, then = stocks([(communes, AS_OF), (communes, before)])
    assert set(CommuneStock.objects.filter(kind_id=0).values_list("day", flat=True)) == {AS_OF, before}
    assert (sum(o for o, _m in now.by_commune.values()), sum(m for _o, m in now.by_commune.values())) == (4, 6)
    # The club of Hộ Phòng was founded on 01/01/2018 with its one member; the team dissolved on 01/03/2018 was
    # still active and the member who left on 01/01/2018 still a member.
    assert then.by_commune[ho_phong.pk] == (3, 5)
    assert set(now.by_commune) == set(communes.values)  # a commune with nothing to count counts 0
    with django_assert_max_num_queries(2):  # both days read back: the marks, the kinds added up
        assert stocks([(communes, AS_OF), (communes, before)]) == [now, then]
    with django_assert_max_num_queries(1), patch("reports.stocks.READ_WHOLE_UP_TO", len(communes)):
        assert stocks([(communes, AS_OF), (communes, before)]) == [now, then]  # a small scope's: read whole
    OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))  # both days move, in Hộ Phòng alone
    with django_assert_max_num_queries(9):
        now, then = stocks([(communes, AS_OF), (communes, before)])
    assert (now.by_commune[ho_phong.pk], then.by_commune[ho_phong.pk]) == ((4, 5), (4, 5))


def test_counted_and_kept_counts_agree_for_every_unit_of_the_demo(demo):
    """Every unit of Bạc Liêu and Cà Mau, in both layouts, on the article's day and on a day years before:
    counted (nothing kept yet), and read back from the kept rows, whether asked one day or two at a time."""
    from geography.models import AdministrativeUnit, rolled_up_ids
    from reports.stocks import stocks

    days = (date(2018, 7, 11), date(2016, 12, 31))
    units = [rolled_up_ids(unit) for unit in AdministrativeUnit.objects.all()]
    counted = []
    for ids in units:
        CommuneStock.objects.all().delete()  # counted afresh, then kept
        counted.append(stocks([(ids, days[0])]) + stocks([(ids, days[1])]))
    for ids in units:
        stocks([(ids, days[0]), (ids, days[1])])
    kept = [stocks([(ids, days[0]), (ids, days[1])]) for ids in units]
    assert kept == counted
    with patch("reports.stocks.READ_WHOLE_UP_TO", 0):  # the kinds added up in SQL, as for a large scope
        assert [stocks([(ids, days[0]), (ids, days[1])]) for ids in units] == counted
    totals = {(sum(o for o, _m in s.by_commune.values()), sum(m for _o, m in s.by_commune.values()))
              for s, _before in counted}
    assert (4354, 17077) in totals  # the province of 2018 among them, as the article counts it


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="readers on their own connections at once: the tests' in-memory SQLite is one connection")
@pytest.mark.django_db(transaction=True)
def test_readers_counting_the_same_days_at_once_while_an_officer_writes(small_world, bac_lieu, ho_phong):
    """Two dashboards recounting the same communes' two days at once, while members are added in Hộ Phòng: no
    reader fails (no deadlock, no duplicate row), and what is kept afterwards is what the records give."""
    import threading

    from django.db import connections

    from antq_portal.db import Ids
    from geography.models import rolled_up_ids
    from reports.stocks import _count, stocks

    communes, before = rolled_up_ids(bac_lieu), date(2017, 12, 31)
    organization = organizations_active(unit=ho_phong, day=AS_OF).first()
    errors, start = [], threading.Barrier(3)

    def reader():
        try:
            start.wait()
            for _ in range(15):
                stocks([(communes, AS_OF), (communes, before)])
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    def officer():
        try:
            start.wait()
            for n in range(15):
                Member.objects.create(organization=organization, full_name=f"Thành viên {n}",
                                      joined_on=date(2017, 1, 1))
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader), threading.Thread(target=reader), threading.Thread(target=officer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    kept = stocks([(communes, AS_OF), (communes, before)])
    for stock, counted in zip(kept, _count([(Ids(communes), AS_OF), (Ids(communes), before)]), strict=True):
        assert sum(m for _o, m in stock.by_commune.values()) == sum(row[3] for row in counted)
    assert kept[0].by_commune[ho_phong.pk] == (3, 5 + 15)
    # Every kept commune-day is whole: its kind rows add up to its mark.
    marks = {(s.commune_id, s.day): (s.organizations, s.members) for s in CommuneStock.objects.filter(kind_id=0)}
    sums: dict = {}
    for row in CommuneStock.objects.exclude(kind_id=0):
        o, m = sums.get((row.commune_id, row.day), (0, 0))
        sums[(row.commune_id, row.day)] = (o + row.organizations, m + row.members)
    assert {key: value for key, value in marks.items() if value != (0, 0)} == sums
