"""Completeness costs a fixed number of queries however many communes a province has, in both layouts:
the figures, the unit table's rows and the per-commune statuses the map reads, at two sizes, one bound."""

import pytest

from approvals.models import Status, Submission
from approvals.selectors import (
    commune_statuses,
    completeness,
    completeness_by_child,
    completeness_with_children,
)
from geography.models import AdministrativeUnit, Kind, Layout, Level, forget_rollup

pytestmark = pytest.mark.django_db

SIZES = (300, 3000)


def _more_communes(chain, count: int, start: int) -> None:
    """`count` more communes under the province's first child unit (a district before 2025, the province
    itself after), a third of them approved and a third waiting for the period."""
    province, period = chain["province"], chain["period"]
    legacy = province.layout == Layout.LEGACY
    parent = AdministrativeUnit.objects.filter(parent=province).order_by("path").first() if legacy else province
    communes = AdministrativeUnit.objects.bulk_create([
        AdministrativeUnit(code=f"X{i:05d}", name=f"Xã thử {i}", short_name=f"Thử {i}", kind=Kind.COMMUNE,
                           level=Level.COMMUNE, layout=province.layout, parent=parent,
                           path=f"{parent.path}X{i:05d}/", key=f"xa thu {i}", search_name=f"xa thu {i}")
        for i in range(start, start + count)])
    Submission.objects.bulk_create([
        Submission(commune=c, kind=period.kind, period=period.key, since=period.since, until=period.until,
                   status=Status.APPROVED if n % 3 == 0 else Status.SUBMITTED)
        for n, c in enumerate(communes) if n % 3 != 2])
    forget_rollup(province)  # as the next request, which reads the unit afresh, would see them


def _read(chain):
    who = {"user": chain["admin"], "unit": chain["province"], "period": chain["period"]}
    return completeness(**who), completeness_by_child(**who), commune_statuses(**who)


def test_completeness_takes_the_same_queries_at_two_sizes(chain, django_assert_max_num_queries):
    before, _rows, _statuses = _read(chain)
    added = 0
    for size in SIZES:
        _more_communes(chain, size - added, start=added)
        added = size
        with django_assert_max_num_queries(5):  # the rollup resolved once, completeness 1, the unit table 2, the statuses 1
            figures, rows, statuses = _read(chain)
        assert figures["total"] == before["total"] + size
        assert figures["approved"] == before["approved"] + len(range(0, size, 3))
        assert sum(row["total"] for row in rows) == figures["total"] == len(statuses)
        assert list(statuses.values()).count("approved") == figures["approved"]


def test_the_dashboard_panel_reads_the_communes_statuses_once(chain, django_assert_max_num_queries):
    """The dashboard shows a period's completeness and its unit table: both from one read of the statuses."""
    _more_communes(chain, 12, start=0)
    who = {"user": chain["admin"], "unit": chain["province"], "period": chain["period"]}
    apart = completeness(**who), completeness_by_child(**who)
    with django_assert_max_num_queries(2):  # the unit table's children, the communes' statuses
        together = completeness_with_children(**who)
    assert together == apart
    assert together[0]["total"] == sum(row["total"] for row in together[1]) > 12
