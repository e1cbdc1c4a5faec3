"""Kept tallies (reports/kept.py): a dashboard opened again reads the figures kept in the database,
and never once the records under it have moved, whichever table and whichever path wrote.

Each test reads a tally (which keeps it), writes through one path, and reads again: the leader must
see the new figure. A write elsewhere leaves the kept tally to be read as it is.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from approvals.services import submission_submit
from commendations.models import Decision, Person
from geography.models import AdministrativeUnit, rolled_up_ids
from models_registry.models import Deployment, RecognitionLevel
from organizations.models import Organization, OrganizationKind
from reports.figures import Tally
from reports.kept import OTHER_WRITES, _keep, stamp
from reports.models import KeptTally
from reports.periods import ReportingPeriod
from reports.tally import OTHER_FIGURES, compute_tally, organizations_active

from .conftest import AS_OF, SINCE
from .factories import MemberFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def tally(unit, **kwargs) -> Tally:
    return compute_tally(unit=unit, as_of=AS_OF, since=SINCE, **kwargs)


def test_a_kept_tally_is_the_computed_one_read_back_in_a_few_queries(small_world, bac_lieu,
                                                                      django_assert_max_num_queries):
    computed = tally(bac_lieu, include_communes=True)
    assert KeptTally.objects.exclude(key__startswith=f"{OTHER_FIGURES}|").count() == 1  # and its models and commendations
    unit = AdministrativeUnit.objects.get(pk=bac_lieu.pk)  # as a new request reads it
    with django_assert_max_num_queries(2):  # the rollup's ids; the kept row whose stamp holds
        again = tally(unit, include_communes=True)
    assert again == computed
    assert again.totals.organizations.value == 4 and again.communes
    # Another question (no commune rows, another date) is kept apart.
    assert tally(bac_lieu).communes is None
    assert compute_tally(unit=bac_lieu, as_of=date(2018, 6, 30), since=SINCE).totals.organizations.value == 4
    assert KeptTally.objects.exclude(key__startswith=f"{OTHER_FIGURES}|").count() == 3


def test_commendations_written_any_way_move_the_figures(small_world, bac_lieu, ho_phong, administrator):
    before = tally(bac_lieu).totals.individuals.value
    recipient = RecipientFactory(decision=Decision.objects.filter(decided_on=date(2017, 11, 20)).first(),
                                 commune=ho_phong)
    assert tally(bac_lieu).totals.individuals.value == before + 1
    # The decision moved out of the period by one UPDATE: all of its recipients leave the figures.
    decision = recipient.decision
    leaving = decision.recipients.filter(recipient_type="ca_nhan").count()
    Decision.objects.filter(pk=decision.pk).update(decided_on=date(2016, 1, 1))
    assert tally(bac_lieu).totals.individuals.value == before + 1 - leaving
    Decision.objects.filter(pk=decision.pk).update(decided_on=date(2017, 11, 20))
    decision.archive(by=administrator)
    assert tally(bac_lieu).totals.individuals.value == before + 1 - leaving


def test_a_person_renamed_is_renamed_in_the_repeated_list(small_world, bac_lieu):
    assert [r.name for r in tally(bac_lieu).commendations.repeated] == ["Nguyễn Minh Chẳng"]
    Person.objects.filter(pk=small_world["chang"].pk).update(full_name="Nguyễn Minh Chẵng")
    assert [r.name for r in tally(bac_lieu).commendations.repeated] == ["Nguyễn Minh Chẵng"]


def test_deployments_and_models_written_by_raw_sql_move_the_figures(small_world, bac_lieu, ho_phong):
    kept = tally(bac_lieu)
    assert (kept.totals.deployments.value, kept.totals.models_ministry.value) == (3, 1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE models_registry_deployment SET started_on = %s WHERE commune_id = %s",
                       [date(2019, 1, 1), ho_phong.pk])
        cursor.execute("UPDATE models_registry_recognition SET level = %s WHERE level = %s",
                       [RecognitionLevel.PROVINCE, RecognitionLevel.MINISTRY])
    moved = tally(bac_lieu)
    assert moved.totals.deployments.value == Deployment.objects.current().filter(
        started_on__lte=AS_OF).count() == 1
    assert moved.totals.models_ministry.value == 0


def test_lists_and_units_renamed_are_renamed_on_the_dashboard(small_world, bac_lieu, gia_rai):
    kept = tally(bac_lieu)
    assert "Câu lạc bộ" in [row.label for row in kept.organizations.by_kind]
    OrganizationKind.objects.filter(name="Câu lạc bộ").update(name="Câu lạc bộ phòng, chống tội phạm")
    AdministrativeUnit.objects.filter(pk=gia_rai.pk).update(name="Thị xã Giá Rai (mới)")
    renamed = tally(bac_lieu)
    assert "Câu lạc bộ phòng, chống tội phạm" in [row.label for row in renamed.organizations.by_kind]
    assert "Thị xã Giá Rai (mới)" in [row.name for row in renamed.children]


def test_a_submitted_report_moves_the_line_every_report_states(small_world, bac_lieu, ho_phong, commune_officer):
    period = ReportingPeriod.from_key("2018-H1")
    since, until = period.as_period().since, period.as_period().until
    assert compute_tally(unit=bac_lieu, since=since, until=until).basis.completeness.submitted == 0
    submission_submit(by=commune_officer, commune=ho_phong, period=period)
    assert compute_tally(unit=bac_lieu, since=since, until=until).basis.completeness.submitted == 1


def test_a_write_in_another_district_leaves_the_kept_tally_valid(small_world, bac_lieu, gia_rai, phuong_1_bac_lieu,
                                                                 django_assert_max_num_queries):
    kept = tally(gia_rai)
    held = stamp(rolled_up_ids(gia_rai))
    RecipientFactory(commune=phuong_1_bac_lieu, decision__decided_on=date(2018, 1, 5),
                     decision__issuing_unit=bac_lieu)
    assert tally(bac_lieu).totals.individuals.value == 5  # counted in the province it lies in
    with django_assert_max_num_queries(2):
        assert tally(gia_rai) == kept
    assert stamp(rolled_up_ids(gia_rai)) == held


def reading(queries, table: str) -> bool:
    return any(table in query["sql"] for query in queries.captured_queries)


def test_members_written_leave_the_models_and_commendations_kept(small_world, bac_lieu, ho_phong, settings):
    """An officer adding a member (the everyday write) has the organizations and members counted again, not
    the province's models and commendations: those are kept apart, under the writes to their own rows."""
    kept = tally(bac_lieu)
    organization = organizations_active(unit=ho_phong, day=AS_OF).first()
    MemberFactory(organization=organization)
    with CaptureQueriesContext(connection) as queries:
        moved = tally(bac_lieu)
    assert moved.totals.members.value == kept.totals.members.value + 1
    assert not reading(queries, "commendations_recipient") and not reading(queries, "models_registry_deployment")
    assert moved.commendations == kept.commendations and moved.totals.deployments == kept.totals.deployments
    # Nor where each commune counts: the unit tree did not change (70 ms of the country's 10,000 communes).
    assert not reading(queries, "geography_unitsuccession")
    assert [child.name for child in moved.children] == [child.name for child in kept.children]
    # Nor the lists' labels (kept with the models and commendations, under the lists' writes too).
    for table in ("organizations_organizationkind", "models_registry_fieldofwork", "commendations_authority",
                  "commendations_commendationform"):
        assert not reading(queries, table), table
    assert moved.organizations == kept.organizations and moved.commendations.director == kept.commendations.director

    RecipientFactory(decision=Decision.objects.filter(decided_on=date(2017, 11, 20)).first(), commune=ho_phong)
    with CaptureQueriesContext(connection) as queries:
        again = tally(bac_lieu)
    assert again.totals.individuals.value == moved.totals.individuals.value + 1
    assert reading(queries, "commendations_recipient") and again.totals.members == moved.totals.members
    settings.REPORTS_KEEP_TALLIES = False
    assert again == tally(bac_lieu)  # as counted from scratch


def test_only_writes_to_other_rows_than_organizations_and_members_move_the_other_versions(
        small_world, bac_lieu, ho_phong):
    communes = rolled_up_ids(bac_lieu)

    def stamps():
        return stamp(communes), stamp(communes, OTHER_WRITES)

    every, others = stamps()
    organization = organizations_active(unit=ho_phong, day=AS_OF).first()
    Organization.objects.filter(pk=organization.pk).update(hamlet="Ấp 3")
    MemberFactory(organization=organization)
    assert stamps()[0] > every and stamps()[1] == others
    every = stamps()[0]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE models_registry_deployment SET started_on = started_on WHERE commune_id = %s",
                       [ho_phong.pk])
    assert stamps()[0] > every and stamps()[1] > others
    every, others = stamps()
    OrganizationKind.objects.filter(name="Câu lạc bộ").update(sort_order=99)  # a list: commune 0
    assert stamps()[0] > every and stamps()[1] > others


def test_a_slower_reader_never_replaces_a_newer_kept_tally(small_world, bac_lieu):
    figures = tally(bac_lieu).as_dict()
    _keep("question", 7, figures)
    _keep("question", 5, {**figures, "stale": True})
    row = KeptTally.objects.get(key="question")
    assert row.stamp == 7 and "stale" not in row.figures
    _keep("question", 9, {**figures, "newer": True})
    assert KeptTally.objects.get(key="question").figures.get("newer") is True


def test_the_nightly_job_drops_tallies_kept_long_ago(small_world, bac_lieu):
    from datetime import timedelta

    from django.utils import timezone

    from reports.tasks import keep_stocks

    tally(bac_lieu)
    KeptTally.objects.create(key="an old question", stamp=1, figures={}, kept_at=timezone.now() - timedelta(days=40))
    assert keep_stocks()["forgotten_tallies"] == 1
    assert list(KeptTally.objects.values_list("key", flat=True)) != [] and not KeptTally.objects.filter(
        key="an old question").exists()


def test_the_nightly_job_keeps_the_provinces_dashboards(small_world, bac_lieu, django_assert_max_num_queries):
    from reports.dashboard.views import dashboard_tally
    from reports.kept import nightly
    from reports.periods import resolve_period

    assert nightly(date(2018, 7, 11))["dashboards"] == 1  # Bạc Liêu, the only province here
    unit = AdministrativeUnit.objects.get(pk=bac_lieu.pk)
    with django_assert_max_num_queries(2):
        kept = dashboard_tally(unit, resolve_period(as_of=date(2018, 7, 11)))
    assert kept.totals.organizations.value == 4 and len(kept.communes) == 64  # every commune on the map


# --- Recounted late (a large scope's dashboard while a worker counts it again) -----------------------

def organizations(t: Tally) -> int:
    return t.totals.organizations.value


@pytest.fixture(autouse=True)
def no_recount_sent_yet():
    """A process sends one recount per tally every 30 s (the cache remembers): not across tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def late_above_zero(settings):
    """Bạc Liêu's 64 communes count as a large scope (the country's 10,000 do by default)."""
    settings.REPORTS_RECOUNT_LATE_ABOVE = 0


def test_a_large_scopes_dashboard_shows_its_kept_tally_while_a_worker_counts_it_again(
        small_world, bac_lieu, ho_phong, late_above_zero):
    """With a broker (kombu's in-memory one here: no worker takes the task), a write under the province
    leaves its dashboard the kept figures, said to be so (`counted_at`), while a report never is."""
    from datetime import timedelta

    from tests.reports.factories import OrganizationFactory
    from tests.worker import broker_at

    before = organizations(tally(bac_lieu, recount_late=True))
    OrganizationFactory(commune=ho_phong)
    with broker_at("memory://"):
        shown = tally(bac_lieu, recount_late=True)
        assert organizations(shown) == before and shown.counted_at is not None
        assert organizations(tally(bac_lieu)) == before + 1  # what a report prints is counted now
        # Kept longer ago than REPORTS_RECOUNT_LATE_MINUTES: counted at once, whatever the worker does.
        KeptTally.objects.update(kept_at=shown.counted_at - timedelta(minutes=16))
        OrganizationFactory(commune=ho_phong)
        fresh = tally(bac_lieu, recount_late=True)
        assert organizations(fresh) == before + 2 and fresh.counted_at is None


def test_without_a_worker_or_for_a_small_scope_the_new_figures_are_counted_at_once(
        small_world, bac_lieu, ho_phong, settings):
    from tests.reports.factories import OrganizationFactory
    from tests.worker import broker_at

    before = organizations(tally(bac_lieu, recount_late=True))
    OrganizationFactory(commune=ho_phong)
    # Bạc Liêu's 64 communes are not above the default 1,000: counted now, as every province's.
    with broker_at("memory://"):
        assert organizations(tally(bac_lieu, recount_late=True)) == before + 1
    settings.REPORTS_RECOUNT_LATE_ABOVE = 0
    OrganizationFactory(commune=ho_phong)
    # In-process tasks (`make run`): nothing would count it later.
    assert tally(bac_lieu, recount_late=True).counted_at is None
    OrganizationFactory(commune=ho_phong)
    # A broker that refuses the task (Redis down): counted now, nothing kept waiting for a worker.
    with broker_at("redis://127.0.0.1:9/0"):
        late = tally(bac_lieu, recount_late=True)
        assert organizations(late) == before + 3 and late.counted_at is None
        OrganizationFactory(commune=ho_phong)
        # Not asked again at once (each try waits for the broker's connect timeout): counted now.
        assert organizations(tally(bac_lieu, recount_late=True)) == before + 4


def test_a_kept_tally_is_decoded_once_for_the_same_kept_text(small_world, bac_lieu, ho_phong):
    """Read again while its stamp holds, the same kept text gives the tally this process decoded already; once
    an organization is written, the new text gives the new figures (never the decoded old ones), and writing
    the old text back (as a restore would) gives the old figures again."""
    computed = tally(bac_lieu, include_communes=True)
    first, second = tally(bac_lieu, include_communes=True), tally(bac_lieu, include_communes=True)
    assert first is second and first == computed
    old = KeptTally.objects.get(key__startswith=f"{bac_lieu.pk}|", key__endswith="|vi").figures
    Organization.objects.create(name="Tổ mới", commune=ho_phong, kind=OrganizationKind.objects.first(),
                                founded_on=date(2018, 1, 1))
    after = tally(bac_lieu, include_communes=True)
    assert after.totals.organizations.value == computed.totals.organizations.value + 1
    assert tally(bac_lieu, include_communes=True) is not first
    KeptTally.objects.filter(key__startswith=f"{bac_lieu.pk}|", key__endswith="|vi").update(
        figures=old, stamp=stamp(rolled_up_ids(bac_lieu)))
    assert tally(bac_lieu, include_communes=True).totals == computed.totals


def test_a_renamed_kind_or_authority_is_shown_at_once(small_world, bac_lieu):
    """The lists' labels are kept with the tally's other figures: renaming one moves the stamp they are kept
    under (the lists' pseudo-commune), so the next tally shows the new name."""
    from commendations.models import Authority
    from organizations.models import OrganizationKind

    kept = tally(bac_lieu)
    kind = OrganizationKind.objects.get(pk=kept.organizations.by_kind[0].key)
    kind.name = "Tổ tự quản về an ninh, trật tự"
    kind.save()
    director = Authority.objects.get(code=Authority.DIRECTOR)
    director.name = "Giám đốc Công an tỉnh (mới)"
    director.save()
    renamed = tally(bac_lieu)
    assert renamed.organizations.by_kind[0].label == "Tổ tự quản về an ninh, trật tự"
    assert renamed.commendations.director.label == "Giám đốc Công an tỉnh (mới)"
    assert renamed.totals == kept.totals
