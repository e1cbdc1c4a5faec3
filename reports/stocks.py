"""The kept per-commune counts behind the tally's organizations and members (`CommuneStock`).

A country's dashboard adds up the rows of its 10,000 communes instead of counting 700,000
organizations and 2.7 million members; a province's adds up its few hundred. What is kept is exactly
what `organizations_among` / `members_among` (reports/tally.py, THE rule for "active on a day")
count for one commune on one day; a commune missing for that day, or written since (its
`CommuneVersion` moved: reports/triggers.py), is counted afresh by those same querysets and kept.

Each commune has one row per kind and a row of kind 0 (MARK) with its totals: "counted for this day",
also when it has nothing to count. The version is read before counting, so a write that commits while
we count leaves rows tagged with the older version: they are never read as valid, and the next reader
counts again.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Sum

from antq_portal.db import Ids

MARK = 0


@dataclass
class Stock:
    """Organizations and members active on a day: {commune_id: (orgs, members)}, {kind_id: (orgs, members)}."""

    by_commune: dict[int, tuple[int, int]] = field(default_factory=dict)
    by_kind: dict[int, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add_kinds(self, rows) -> None:
        for kind_id, organizations, members in rows:
            self.by_kind[kind_id][0] += organizations
            self.by_kind[kind_id][1] += members


def commune_stocks(communes, day: date) -> Stock:
    """What is active on `day` in `communes` (ids; units other than communes simply count nothing)."""
    from .models import CommuneStock, CommuneVersion

    communes = Ids(sorted(set(Ids(communes).values)))
    stock = Stock()
    if not communes.values:
        return stock
    rows = CommuneStock.objects.filter(commune_id__in_ids=communes, day=day)
    with connection.cursor() as cursor:
        sql, params = _valid(rows.filter(kind_id=MARK), communes)
        cursor.execute(f"SELECT commune_id, organizations, members FROM ({sql}) valid", params)
        stock.by_commune.update((commune_id, (organizations, members)) for commune_id, organizations, members in cursor)
    # A commune's rows for a day are replaced together (`_keep`): beside a valid mark, its kind rows are valid (read
    # by those communes' ids, runs of them: the planner then expects the rows it reads and adds them up in a hash;
    # through the versions' join it expected 300 and sorted 108,000 on disk). Kinds are numbered from 1 (MARK is 0).
    stock.add_kinds(CommuneStock.objects.filter(day=day, kind_id__gt=MARK, commune_id__in_ids=Ids(stock.by_commune)
                                                or [0])
                    .order_by().values("kind_id").annotate(o=Sum("organizations"), m=Sum("members"))
                    .values_list("kind_id", "o", "m"))
    missing = Ids(commune_id for commune_id in communes.values if commune_id not in stock.by_commune)
    if missing:
        versions = dict(CommuneVersion.objects.filter(commune_id__in_ids=missing)
                        .values_list("commune_id", "version"))
        fresh = _count(missing, day)
        _keep(fresh, missing, day, versions)
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for commune_id, _kind_id, organizations, members in fresh:
            totals[commune_id][0] += organizations
            totals[commune_id][1] += members
        stock.by_commune.update((commune_id, tuple(pair)) for commune_id, pair in totals.items())
        stock.add_kinds((kind_id, o, m) for _commune_id, kind_id, o, m in fresh)
    return stock


def _valid(rows, communes: Ids) -> tuple[str, list]:
    """The SQL of `rows` (CommuneStock of `communes`) narrowed to those counted at their commune's current
    version: one join (a lookup per row, 10,000 of them for the country, took 40 ms and a JIT compilation),
    with the versions of `communes` only (a province's 100 then read by their index, not all 10,000)."""
    from .models import CommuneVersion

    sql, params = rows.values("commune_id", "kind_id", "organizations", "members", "version").query.sql_with_params()
    versions, more = (CommuneVersion.objects.filter(commune_id__in_ids=communes).values("commune_id", "version")
                      .query.sql_with_params())
    return (f"SELECT s.commune_id, s.kind_id, s.organizations, s.members FROM ({sql}) s "
            f"LEFT JOIN ({versions}) v ON v.commune_id = s.commune_id WHERE s.version = COALESCE(v.version, 0)",
            [*params, *more])


def _count(communes: Ids, day: date) -> list[tuple]:
    """(commune_id, kind_id, organizations, members) counted by the tally's own querysets."""
    from .tally import members_among, organizations_among

    table: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for index, (queryset, commune, kind) in enumerate((
            (organizations_among(communes, day), "commune_id", "kind_id"),
            (members_among(communes, day), "organization__commune_id", "organization__kind_id"))):
        for commune_id, kind_id, n in queryset.order_by().values_list(commune, kind).annotate(n=Count("pk")):
            table[(commune_id, kind_id)][index] = n
    return sorted((commune_id, kind_id, o, m) for (commune_id, kind_id), (o, m) in table.items())


def _keep(rows: list[tuple], communes: Ids, day: date, versions: dict[int, int]) -> None:
    from .models import CommuneStock

    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    objects = []
    for commune_id, kind_id, organizations, members in rows:
        totals[commune_id][0] += organizations
        totals[commune_id][1] += members
        objects.append(CommuneStock(commune_id=commune_id, day=day, kind_id=kind_id, organizations=organizations,
                                    members=members, version=versions.get(commune_id, 0)))
    objects += [CommuneStock(commune_id=c, day=day, kind_id=MARK, organizations=totals[c][0], members=totals[c][1],
                             version=versions.get(c, 0)) for c in Ids(communes).values]
    objects.sort(key=lambda s: (s.commune_id, s.kind_id))  # one order for every writer: no deadlock
    # Replaced whole, so that kind rows never outlive the mark they were counted with. Two readers filling
    # the same communes at once: the second one's rows give way (their versions are equal, or the marks
    # are stale anyway and counted again).
    with transaction.atomic(savepoint=False):  # one transaction: readers see the old rows or the new, never none
        CommuneStock.objects.filter(commune_id__in_ids=communes, day=day).delete()
        CommuneStock.objects.bulk_create(objects, ignore_conflicts=True)


def keep_default_days(today: date | None = None) -> dict[date, int]:  # {day: units marked}
    """Count every commune for the days a dashboard opens on (today, and the last day of the period before
    this year's: the figures' "previous"), so that the first officer of the day does not wait for the whole
    country to be counted. Run nightly by beat (reports.tasks.keep_stocks); `manage.py keep_stocks` too."""
    from django.utils import timezone

    from .periods import resolve_period

    period = resolve_period(as_of=today or timezone.localdate())
    days = [period.as_of, period.previous().as_of]
    units = keep_days(days)
    return {day: units for day in days}


def keep_days(days: list[date]) -> int:
    """Every unit counted for each of `days`; the planner then told how many rows the stock holds (a country's
    night writes 240,000 of them: read with the statistics of an empty table, a country's tally after a write
    sorted them on disk, 84 ms instead of 35). Every unit, not only communes: a scope's rollup lists its
    districts too, which have nothing to count but are marked as counted like any commune."""
    from antq_portal.db import refresh_statistics
    from geography.models import AdministrativeUnit

    from .models import CommuneStock, CommuneVersion

    communes = Ids(AdministrativeUnit.objects.values_list("pk", flat=True))
    for day in days:
        commune_stocks(communes, day)
    refresh_statistics([CommuneStock, CommuneVersion])
    return len(communes)
