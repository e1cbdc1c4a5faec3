from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from reports.tally import compute_tally

from .conftest import AS_OF, SINCE

pytestmark = pytest.mark.django_db


def totals(tally) -> dict:
    return {name: fig.value for name, _label, fig in tally.totals.labelled()}


def test_the_province_tally_counts_what_is_active_and_not_archived(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    assert totals(tally) == {
        "organizations": 4, "members": 6, "models": 3, "models_ministry": 1, "models_province": 1,
        "models_district": 0, "deployments": 3, "collectives": 1, "individuals": 4,
        "director_collectives": 1, "director_individuals": 3,
    }


def test_organizations_and_members_by_kind_carry_the_kind_ids(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    orgs = {row.label: row.value for row in tally.organizations.by_kind}
    assert orgs == {"Tổ bảo vệ an ninh, trật tự": 3, "Câu lạc bộ": 1}
    assert all(isinstance(row.key, int) for row in tally.organizations.by_kind)
    members = {row.label: row.value for row in tally.members.by_kind}
    assert members == {"Tổ bảo vệ an ninh, trật tự": 5, "Câu lạc bộ": 1}


def test_children_of_the_province_are_its_districts_with_their_figures(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    children = {row.name: row for row in tally.children}
    assert len(children) == 7
    gia_rai = children["Thị xã Giá Rai"]
    assert gia_rai.organizations.value == 3 and gia_rai.members.value == 5
    assert gia_rai.models.value == 2 and gia_rai.deployments.value == 2
    assert gia_rai.individuals.value == 2 and gia_rai.collectives.value == 1
    city = children["Thành phố Bạc Liêu"]
    assert (city.organizations.value, city.members.value, city.models.value) == (1, 1, 1)
    assert children["Huyện Hòa Bình"].organizations.value == 0
    assert sum(row.organizations.value for row in tally.children) == tally.totals.organizations.value


def test_a_district_tally_breaks_down_by_commune(small_world, gia_rai):
    tally = compute_tally(unit=gia_rai, as_of=AS_OF, since=SINCE)
    assert totals(tally)["organizations"] == 3
    assert totals(tally)["models"] == 2  # models running in Giá Rai
    assert len(tally.children) == 10 and all(row.is_commune for row in tally.children)
    ho_phong = next(row for row in tally.children if row.name == "Phường Hộ Phòng")
    assert ho_phong.organizations.value == 3


def test_a_commune_tally_has_no_children(small_world, ho_phong):
    tally = compute_tally(unit=ho_phong, as_of=AS_OF, since=SINCE)
    assert tally.children == []
    assert totals(tally)["members"] == 5
    assert totals(tally)["director_individuals"] == 2


def test_the_previous_period_and_the_deltas(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    # 557 days back: stocks on 31/12/2016, commendations from 24/06/2015 to 31/12/2016.
    assert tally.previous_period.as_dict() == {"as_of": "2016-12-31", "since": "2015-06-24", "until": "2016-12-31"}
    # The club did not exist yet and the dissolved team was still active.
    assert tally.totals.organizations.as_dict() == {"value": 4, "previous": 4, "delta": 0}
    assert tally.totals.members.as_dict() == {"value": 6, "previous": 6, "delta": 0}
    assert tally.totals.director_individuals.previous == 1


def test_commendations_by_month_and_the_people_commended_twice_in_a_year(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    months = {row.month: (row.collectives, row.individuals) for row in tally.commendations.by_month}
    assert len(months) == 19 and months["2017-03"] == (0, 1) and months["2017-11"] == (1, 2)
    repeated = tally.commendations.repeated
    assert [(r.name, r.year, r.count) for r in repeated] == [("Nguyễn Minh Chẳng", 2017, 2)]
    authorities = {row.label: row.total.value for row in tally.commendations.by_authority}
    assert authorities == {"Giám đốc Công an tỉnh": 4, "Chủ tịch UBND tỉnh": 1}
    assert tally.commendations.director.label == "Giám đốc Công an tỉnh"


def test_a_recognition_counts_only_from_its_decision_date(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=date(2016, 5, 1), since=date(2016, 1, 1))
    assert totals(tally)["models_ministry"] == 0 and totals(tally)["models"] == 3


def test_a_user_asking_outside_their_scope_is_refused(small_world, bac_lieu, phuong_1_bac_lieu, commune_officer):
    with pytest.raises(PermissionDenied):
        compute_tally(unit=bac_lieu, as_of=AS_OF, user=commune_officer)
    with pytest.raises(PermissionDenied):
        compute_tally(unit=phuong_1_bac_lieu, as_of=AS_OF, user=commune_officer)


def test_a_commune_officer_counts_only_their_commune(small_world, ho_phong, commune_officer):
    tally = compute_tally(unit=ho_phong, as_of=AS_OF, since=SINCE, user=commune_officer)
    assert totals(tally)["organizations"] == 3 and totals(tally)["individuals"] == 2


@pytest.mark.parametrize("unit_fixture", ["bac_lieu", "gia_rai", "ho_phong"])
def test_the_tally_answers_with_a_small_fixed_number_of_queries(small_world, request, unit_fixture,
                                                                provincial_staff, django_assert_max_num_queries):
    unit = request.getfixturevalue(unit_fixture)
    # Counting the communes afresh (nothing kept yet) costs five queries more per day than reading the kept stock;
    # the models and commendations, kept apart (reports.kept.OTHER_WRITES), two more: their kept row, then kept.
    with django_assert_max_num_queries(42):
        compute_tally(unit=unit, as_of=AS_OF, since=SINCE, user=provincial_staff, include_communes=True)
    with django_assert_max_num_queries(30):
        compute_tally(unit=unit, as_of=AS_OF, since=SINCE, user=provincial_staff, include_communes=True)


def test_the_number_of_queries_does_not_grow_with_the_data(small_world, bac_lieu, ho_phong,
                                                           django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    from .factories import MemberFactory, OrganizationFactory
    for org in OrganizationFactory.create_batch(20, commune=ho_phong):
        MemberFactory.create_batch(2, organization=org)
    unit = type(bac_lieu).objects.get(pk=bac_lieu.pk)  # a fresh instance resolves its communes again
    # Counted again (its kept tally outdated): no more queries than the first time, when nothing was kept
    # (that one also reads the stamp on its own; here it comes with the kept row).
    with django_assert_max_num_queries(len(small.captured_queries)):
        tally = compute_tally(unit=unit, as_of=AS_OF, since=SINCE)
    assert tally.totals.organizations.value == 24


def test_records_of_old_communes_count_under_the_2025_province_and_its_communes(small_world, ho_phong):
    from geography.loaders import ensure_province
    from geography.models import Layout

    ca_mau = ensure_province("Cà Mau", layout=Layout.Y2025)
    # As of 2018 the rows are the old provinces unless today's communes are asked for; the same totals.
    old = compute_tally(unit=ca_mau, as_of=AS_OF, since=SINCE)
    assert [row.name for row in old.children if row.organizations.value] == ["Tỉnh Bạc Liêu"]
    tally = compute_tally(unit=ca_mau, as_of=AS_OF, since=SINCE, layout=Layout.Y2025)
    assert totals(tally) == totals(old)
    assert totals(tally)["organizations"] == 4 and totals(tally)["members"] == 6
    assert totals(tally)["director_individuals"] == 3
    assert all(row.is_commune for row in tally.children)  # two levels: no districts
    assert sum(row.organizations.value for row in tally.children) == 4
    successor = ho_phong.successions.get(is_default=True).new_unit
    row = next(row for row in tally.children if row.unit_id == successor.pk)
    assert row.organizations.value == 3
