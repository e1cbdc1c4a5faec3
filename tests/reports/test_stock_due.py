"""Kept counts a write drops are counted again as it commits (reports.stocks.keep_due), so that the next officer
reads them kept instead of counting: whichever path wrote (the triggers note what they drop), with what the
commit does not keep left to beat, and a failure there costing the writer nothing."""

from datetime import date
from unittest.mock import patch

import pytest
from django.db import connection

from geography.models import rolled_up_ids
from organizations.models import Member, Organization
from reports import stocks
from reports.models import CommuneStock, StockDue
from reports.stocks import commune_stocks, forget_old_days, keep_due
from reports.tally import compute_tally, organizations_active
from reports.tasks import keep_due_stocks
from tests.commits import commit_so_far

from .conftest import AS_OF, SINCE
from .factories import MemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def world_committed(small_world):
    commit_so_far()  # the world's saves' keeping run as their commit would have, before each test's own


def figures(unit) -> tuple[int, int]:
    tally = compute_tally(unit=unit, as_of=AS_OF, since=SINCE)
    return tally.totals.organizations.value, tally.totals.members.value


def read_kept(unit, django_assert_max_num_queries, day=AS_OF) -> tuple[int, int]:
    """The unit's two figures on `day`, read kept: the communes' marks and their kinds added up (Bạc Liêu's 72
    units are too many to read whole), nothing counted by the reader."""
    communes = rolled_up_ids(unit)
    with django_assert_max_num_queries(2):
        stock = commune_stocks(communes, day)
    return sum(o for o, _m in stock.by_commune.values()), sum(m for _o, m in stock.by_commune.values())


def due() -> set[tuple[int, date]]:
    return set(StockDue.objects.values_list("commune_id", "day"))


def test_an_officers_save_is_counted_again_as_it_commits(small_world, bac_lieu, ho_phong,
                                                         django_capture_on_commit_callbacks,
                                                         django_assert_max_num_queries):
    assert figures(bac_lieu) == (4, 6)  # Bạc Liêu's communes kept for the tally's days
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        organization = OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
        MemberFactory(organization=organization, joined_on=date(2017, 5, 1))
        # Before the commit: the database noted the days it dropped, Hộ Phòng's only.
        assert due() == {(ho_phong.pk, AS_OF), (ho_phong.pk, date(2016, 12, 31))}
    assert len(callbacks) == 1  # two rows written, one keeping
    assert due() == set()
    assert read_kept(bac_lieu, django_assert_max_num_queries) == (5, 7)
    assert figures(bac_lieu) == (5, 7)


def test_without_the_commit_the_reader_counts(small_world, bac_lieu, ho_phong, django_assert_max_num_queries):
    """The other side of the test above: the same write, its commit's keeping not run (the test's transaction
    never commits), leaves Hộ Phòng to be counted by the next reader."""
    figures(bac_lieu)
    OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    with pytest.raises(pytest.fail.Exception, match="Expected to perform 2 queries"):
        read_kept(bac_lieu, django_assert_max_num_queries)
    # The reader counted the day the write noted due and left its keeping to the commit or beat (keep_due): the
    # next reader counts it too, until then.
    assert (ho_phong.pk, AS_OF) in due()
    assert not CommuneStock.objects.filter(commune_id=ho_phong.pk, day=AS_OF).exists()
    assert figures(bac_lieu) == (5, 6)
    assert keep_due_stocks() == 2
    assert read_kept(bac_lieu, django_assert_max_num_queries) == (5, 6)


def test_a_reader_keeps_a_day_no_write_noted_due(small_world, ho_phong, django_assert_max_num_queries):
    """A day never counted (an old date a dashboard opens on) is counted by its first reader and kept for the next."""
    day = date(2015, 3, 1)
    assert not CommuneStock.objects.filter(commune_id=ho_phong.pk, day=day).exists()
    first = commune_stocks([ho_phong.pk], day).by_commune
    assert CommuneStock.objects.filter(commune_id=ho_phong.pk, day=day, kind_id=stocks.MARK).exists()
    with django_assert_max_num_queries(1):
        assert commune_stocks([ho_phong.pk], day).by_commune == first


def test_a_write_by_sql_is_kept_by_beat(small_world, bac_lieu, ho_phong, django_assert_max_num_queries):
    figures(bac_lieu)
    organization = organizations_active(unit=ho_phong, day=AS_OF).first()
    members = Member.objects.current().filter(organization=organization, left_on__isnull=True).count()
    with connection.cursor() as cursor:  # no save(), no signal: only the triggers know
        cursor.execute("UPDATE organizations_organization SET dissolved_on = %s WHERE id = %s",
                       [date(2018, 1, 1), organization.pk])
    assert (ho_phong.pk, AS_OF) in due()
    assert keep_due_stocks() == 2  # beat's task: Hộ Phòng's two days
    assert due() == set()
    assert read_kept(bac_lieu, django_assert_max_num_queries) == (3, 6 - members)
    assert figures(bac_lieu) == (3, 6 - members)


def test_the_commit_keeps_the_latest_days_and_beat_the_rest(small_world, ho_phong,
                                                            django_capture_on_commit_callbacks):
    days = [date(2018, month, 1) for month in range(1, 7)]
    for day in days:
        commune_stocks([ho_phong.pk], day)
    with django_capture_on_commit_callbacks(execute=True):
        OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    assert {day for _commune, day in due()} == set(days[:len(days) - stocks.DUE_DAYS_AT_COMMIT])
    assert keep_due(days=None) == len(days) - stocks.DUE_DAYS_AT_COMMIT
    assert due() == set()
    kept = CommuneStock.objects.filter(commune_id=ho_phong.pk, kind_id=stocks.MARK)
    assert sorted(kept.values_list("day", flat=True)) == days


def test_a_failed_keeping_costs_the_officer_nothing(small_world, bac_lieu, ho_phong,
                                                    django_capture_on_commit_callbacks, caplog):
    figures(bac_lieu)
    with patch("reports.stocks._count", side_effect=RuntimeError("the database went away")), \
            django_capture_on_commit_callbacks(execute=True):
        organization = OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    assert Organization.objects.filter(pk=organization.pk).exists()
    assert "the database went away" in caplog.text
    assert (ho_phong.pk, AS_OF) in due()  # still due: beat or the next reader counts it
    assert figures(bac_lieu) == (5, 6)


def test_a_write_committing_while_the_commit_keeps_is_never_hidden(small_world, bac_lieu, ho_phong,
                                                                   django_capture_on_commit_callbacks):
    """A second officer's write lands between the keeping's read of the versions and its counting: the rows kept
    carry the older version, so the next reader counts again and shows both writes."""
    figures(bac_lieu)
    counting = stocks._count

    def second_write_first(asked):
        OrganizationFactory(commune=ho_phong, founded_on=date(2017, 6, 1))  # its own keeping runs at once
        return counting(asked)

    with patch("reports.stocks._count", side_effect=second_write_first, autospec=True):
        with django_capture_on_commit_callbacks(execute=True):
            OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    assert figures(bac_lieu) == (6, 6)


def test_the_night_forgets_days_long_past_but_those_dashboards_open_on(small_world, ho_phong):
    today = date(2018, 7, 11)
    old, recent, opens_on = date(2018, 3, 1), date(2018, 7, 1), [today, date(2017, 12, 31)]
    for day in [old, recent, *opens_on]:
        commune_stocks([ho_phong.pk], day)
    StockDue.objects.create(commune_id=ho_phong.pk, day=old)
    assert forget_old_days(today) > 0
    kept = set(CommuneStock.objects.filter(kind_id=stocks.MARK).values_list("day", flat=True))
    assert kept == {recent, *opens_on}
    assert due() == set()


def test_the_keeping_at_commit_takes_a_fixed_number_of_queries(small_world, bac_lieu, ho_phong, phuong_1_bac_lieu,
                                                                django_capture_on_commit_callbacks,
                                                                django_assert_num_queries):
    """What every save pays as it commits, pinned: the due days (one query), the versions, two counts a day (not
    a commune), the keeping (replace the rows, no longer due). Two communes written cost what one does."""
    figures(bac_lieu)
    for communes in ([ho_phong], [ho_phong, phuong_1_bac_lieu]):
        with django_capture_on_commit_callbacks() as callbacks:
            for commune in communes:
                OrganizationFactory(commune=commune, founded_on=date(2017, 5, 1))
        assert len(callbacks) == 1
        with django_assert_num_queries(2 + 2 * 2 + 3):
            commit_so_far()  # the one keeping, as the commit runs it
        assert due() == set()


def test_a_commit_keeps_a_bounded_number_and_beat_the_rest(small_world, ho_phong, phuong_1_bac_lieu, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    """What a bulk tool left due is not an officer's save to pay: the save's commit keeps at most DUE_AT_COMMIT
    (commune, day) pairs, the latest first, and beat the rest."""
    monkeypatch.setattr(stocks, "DUE_AT_COMMIT", 3)
    days = [date(2018, 5, 1), date(2018, 6, 1), AS_OF]
    for day in days:
        commune_stocks([ho_phong.pk, phuong_1_bac_lieu.pk], day)
    with connection.cursor() as cursor:  # a bulk tool's UPDATE of every organization: no signal
        cursor.execute("UPDATE organizations_organization SET name = name")
    assert due() == {(commune.pk, day) for commune in (ho_phong, phuong_1_bac_lieu) for day in days}
    with django_capture_on_commit_callbacks(execute=True):
        OrganizationFactory(commune=ho_phong, founded_on=date(2017, 5, 1))
    # The latest first (then by commune): both communes' AS_OF, then the first commune's June.
    first, second = sorted([ho_phong.pk, phuong_1_bac_lieu.pk])
    assert due() == {(second, date(2018, 6, 1)), (first, date(2018, 5, 1)), (second, date(2018, 5, 1))}
    assert keep_due_stocks() == 3
    assert due() == set()


def test_a_deployment_or_a_commendation_shows_at_once_and_leaves_the_counts_kept(
        small_world, bac_lieu, ho_phong, django_assert_max_num_queries):
    """Only organizations and members move the kept counts (reports 0010): a new deployment or commendation in
    Hộ Phòng shows in the tally at once, while its organizations and members are read kept, none due."""
    from .factories import DecisionFactory, DeploymentFactory, ModelFactory, RecipientFactory

    before = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE).totals
    DeploymentFactory(model=ModelFactory(name="Camera an ninh", founding_unit=bac_lieu), commune=ho_phong)
    RecipientFactory(decision=DecisionFactory(authority=small_world["director"], issuing_unit=bac_lieu,
                                              decided_on=date(2018, 5, 2)), commune=ho_phong)
    assert due() == set()
    assert read_kept(bac_lieu, django_assert_max_num_queries) == (4, 6)
    after = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE).totals
    assert after.deployments.value == before.deployments.value + 1
    assert after.director_individuals.value == before.director_individuals.value + 1
    assert (after.organizations.value, after.members.value) == (4, 6)
