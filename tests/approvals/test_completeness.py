"""Completeness: "52/64 xã đã được duyệt", each number equal to the list it opens, in fixed queries."""

import pytest

from approvals.models import Status, Submission
from approvals.selectors import GROUPS, communes_in_group, completeness
from approvals.services import submission_approve, submission_return, submission_submit
from geography.models import AdministrativeUnit, Kind, Layout, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain_under_way(make_officer, district_reporter, gia_rai, q3):
    """In Giá Rai: two communes approved, one waiting, one returned, the rest not yet."""
    communes = list(AdministrativeUnit.objects.communes_under(gia_rai).order_by("path"))
    clerk = make_officer("huyen_nhaplieu", gia_rai)
    for index, commune in enumerate(communes[:4]):
        submission = submission_submit(by=clerk, commune=commune, period=q3)
        if index < 2:
            submission_approve(by=district_reporter, submission=submission)
        elif index == 3:
            submission_return(by=district_reporter, submission=submission, reason="Thiếu số liệu")
    return communes


def test_the_figures_equal_the_lists_they_open(chain_under_way, provincial_staff, bac_lieu, gia_rai, q3):
    figures = completeness(user=provincial_staff, unit=bac_lieu, period=q3)
    assert (figures["total"], figures["submitted"], figures["approved"], figures["waiting"]) == (64, 3, 2, 1)
    assert figures["missing"] == 64 - 3
    for group in GROUPS:
        listed = communes_in_group(user=provincial_staff, unit=bac_lieu, period=q3, group=group)
        assert listed.count() == (figures["total"] if group == "all" else figures[group]), group
    approved = {c.name for c in communes_in_group(user=provincial_staff, unit=bac_lieu, period=q3, group="approved")}
    assert approved == {c.name for c in chain_under_way[:2]}
    district = completeness(user=provincial_staff, unit=gia_rai, period=q3)
    assert district["total"] == len(chain_under_way) and district["approved"] == 2


def test_an_officer_counts_only_inside_their_scope(chain_under_way, commune_officer, ho_phong, bac_lieu, q3):
    figures = completeness(user=commune_officer, unit=ho_phong, period=q3)
    assert figures["total"] == 1
    assert completeness(user=commune_officer, unit=bac_lieu, period=q3)["total"] == 1  # never the province


def test_completeness_takes_one_query_however_many_communes(chain_under_way, administrator, bac_lieu, q3,
                                                             django_assert_max_num_queries):
    # The counting query, plus resolving the communes under the user's unit and under the unit asked for
    # (once per unit instance: geography.models.rolled_up_ids).
    with django_assert_max_num_queries(4):
        small = completeness(user=administrator, unit=bac_lieu, period=q3)
    # Thousands more communes (and their periods) in the province: still the same queries.
    district = AdministrativeUnit.objects.get(parent=bac_lieu, name="Thị xã Giá Rai")
    extra = AdministrativeUnit.objects.bulk_create([
        AdministrativeUnit(code=f"X{i:05d}", name=f"Xã thử {i}", short_name=f"Thử {i}", kind=Kind.COMMUNE,
                           level=Level.COMMUNE, layout=Layout.LEGACY, parent=district,
                           path=f"{district.path}X{i:05d}/", key=f"xa thu {i}", search_name=f"xa thu {i}")
        for i in range(3000)])
    Submission.objects.bulk_create([Submission(commune=c, kind=q3.kind, period=q3.key, since=q3.since,
                                               until=q3.until, status=Status.APPROVED) for c in extra[:1000]])
    # The next request reads the units afresh.
    administrator, bac_lieu = type(administrator).objects.get(pk=administrator.pk), district.parent
    with django_assert_max_num_queries(4):
        large = completeness(user=administrator, unit=bac_lieu, period=q3)
    assert large["total"] == small["total"] + 3000 and large["approved"] == small["approved"] + 1000
