"""The kept per-commune counts behind the tally's organizations and members (`CommuneStock`).

A country's dashboard adds up the rows of its 10,000 communes instead of counting 700,000
organizations and 2.7 million members; a province's adds up its few hundred. What is kept is exactly
what `organizations_among` / `members_among` (reports/tally.py, THE rule for "active on a day")
count for one commune on one day; a commune missing for that day, or whose organizations or
members were written since (its `CommuneVersion.stock_version` moved: reports/triggers.py), is counted afresh
by those same querysets and kept.

Each commune has one row per kind and a row of kind 0 (MARK) with its totals: "counted for this day",
also when it has nothing to count. The version is read before counting, so a write that commits while
we count leaves rows tagged with the older version: they are never read as valid, and the next reader
counts again.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from antq_portal.db import Ids
from antq_portal.recent import Recent

MARK = 0
DUE = -1  # read beside the kept rows: a (commune, day) a write noted due (StockDue), never kept under this kind
# The commune's version (CommuneVersion) its kept counts are valid at: moved by writes to its organizations and
# members only (reports/triggers.py, migration 0010), so that a new deployment or commendation leaves them kept.
COUNTED_AT = "stock_version"
# A scope of up to this many units has its kept rows read whole, kinds and all, in one query (a commune's two days
# 0.64 ms instead of 1.6; a district's 11 communes 0.95 instead of 1.7); a larger one reads its marks, then its
# kinds added up in SQL (a province's 72 units read whole were no faster, the country's would be 120,000 rows).
READ_WHOLE_UP_TO = 32


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
    return stocks([(communes, day)])[0]


def stocks(asked: list[tuple]) -> list[Stock]:
    """What is active in each of `asked` ((communes, day) pairs: a tally's two days, maybe over different
    communes), a Stock each, read from the kept rows in one pass: one query each for every day's marks, kinds
    and versions, the communes missing counted, and kept in one transaction (a tally after a write read and
    wrote each day on its own: 18 round trips, now 8). Counting small scopes afresh instead was measured and
    lost: a commune's two figures counted in 3.2 ms, read kept in 1.6 ms."""
    asked = [(Ids(sorted(set(Ids(communes).values))), day) for communes, day in asked]
    results = [Stock() for _ in asked]
    wanted = [i for i, (communes, _day) in enumerate(asked) if communes]
    days = [asked[i][1] for i in wanted]
    if len(set(days)) < len(days):  # one pass reads each day's rows once: the same day twice, one pass each
        for i in wanted:
            results[i] = _kept_stocks([asked[i]])[0]
    elif wanted:
        for i, stock in zip(wanted, _kept_stocks([asked[i] for i in wanted]), strict=True):
            results[i] = stock
    return results


def _add(stock: Stock, rows: list[tuple], communes: Ids) -> None:
    """The rows counted (commune_id, kind_id, organizations, members) in `communes` into `stock` (a commune with
    nothing to count as 0, as when its kept rows are read)."""
    stock.by_commune.update((commune_id, (0, 0)) for commune_id in communes.values)
    stock.by_commune.update((commune_id, tuple(pair)) for commune_id, pair in _totals(rows).items())
    stock.add_kinds((kind_id, o, m) for _commune_id, kind_id, o, m in rows)


def _totals(rows: list[tuple]) -> dict[int, list[int]]:
    """{commune_id: [organizations, members]} of counted rows (commune_id, kind_id, organizations, members)."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for commune_id, _kind_id, organizations, members in rows:
        totals[commune_id][0] += organizations
        totals[commune_id][1] += members
    return totals


def _either(pairs: list[tuple[Ids, date]]) -> Q:
    """Rows of any of `pairs` (never empty): their day, one of their communes."""
    return reduce(operator.or_, (Q(day=day, commune_id__in_ids=ids) for ids, day in pairs))


def _kept_stocks(asked: list[tuple[Ids, date]]) -> list[Stock]:
    """Stocks from the kept rows, each day's communes missing counted and kept; every day in one query each
    for the marks, the kinds, the versions, the counting and one transaction for the keeping."""
    from .models import CommuneStock, StockDue

    results = [Stock() for _ in asked]
    index = {day: i for i, (_ids, day) in enumerate(asked)}
    everywhere = Ids(sorted({c for ids, _day in asked for c in ids.values}))
    whole = len(everywhere) <= READ_WHOLE_UP_TO  # a small scope's rows, kinds and all, read in the one query
    kinds: dict[tuple, list[tuple]] = defaultdict(list)
    due: set[tuple[int, int]] = set()  # (index in asked, commune): noted due by a write (StockDue), read alongside
    with connection.cursor() as cursor:
        rows = CommuneStock.objects.filter(_either(asked))
        sql, params = _valid(rows if whole else rows.filter(kind_id=MARK), everywhere)
        noted, more = StockDue.objects.filter(_either(asked)).values("day", "commune_id").query.sql_with_params()
        cursor.execute(f"SELECT day, commune_id, kind_id, organizations, members FROM ({sql}) valid "
                       f"UNION ALL SELECT day, commune_id, {DUE}, 0, 0 FROM ({noted}) due", [*params, *more])
        for day, commune_id, kind_id, organizations, members in cursor:
            i = index[_as_date(day)]
            if kind_id == DUE:
                due.add((i, commune_id))
            elif kind_id == MARK:
                results[i].by_commune[commune_id] = (organizations, members)
            else:
                kinds[(i, commune_id)].append((kind_id, organizations, members))
    # A commune's rows for a day are replaced together (`_keep`): beside a valid mark, its kind rows are valid. A
    # large scope's kinds are added up in SQL, read by the valid communes' ids, runs of them: the planner then
    # expects the rows it reads and adds them up in a hash (through the versions' join it expected 300 and sorted
    # 108,000 on disk). Kinds are numbered from 1 (MARK is 0).
    if whole:
        for (i, commune_id), kind_rows in kinds.items():
            if commune_id in results[i].by_commune:
                results[i].add_kinds(kind_rows)
    elif valid := [(Ids(results[i].by_commune), day) for i, (_ids, day) in enumerate(asked) if results[i].by_commune]:
        for day, kind_id, organizations, members in (
                CommuneStock.objects.filter(_either(valid), kind_id__gt=MARK).order_by().values("day", "kind_id")
                .annotate(o=Sum("organizations"), m=Sum("members")).values_list("day", "kind_id", "o", "m")):
            results[index[_as_date(day)]].add_kinds([(kind_id, organizations, members)])
    missing = [(Ids(c for c in ids.values if c not in results[i].by_commune), day)
               for i, (ids, day) in enumerate(asked)]
    if any(ids for ids, _day in missing):
        for stock, (ids, _when), rows in zip(results, missing, _count_and_keep(missing, leave=due), strict=True):
            _add(stock, rows, ids)
    return results


def _count_and_keep(asked: list[tuple[Ids, date]], *, due: bool = False,
                    leave: set[tuple[int, int]] = frozenset()) -> list[list[tuple]]:
    """`_count` of `asked`, kept under the versions read before counting (a write committing meanwhile leaves
    the rows stale: counted again by the next reader); `due`: see `_keep`. `leave`: (index in `asked`, commune)
    counted but not kept, a reader's days that a write noted due (StockDue): its commit or beat keeps them
    (`keep_due`), and the first reader after a write by SQL pays for counting a commune, not for keeping it too
    (a commune's first tally after it 7.4 → 6.3 ms, its hand-written SQL about 6.6)."""
    from .models import CommuneVersion

    kept = [(Ids(c for c in ids.values if (i, c) not in leave), day) for i, (ids, day) in enumerate(asked)]
    versions = {}
    if any(ids for ids, _day in kept):
        versions = dict(CommuneVersion.objects.filter(
            commune_id__in_ids=Ids(sorted({c for ids, _day in kept for c in ids.values})))
            .values_list("commune_id", COUNTED_AT))
    counted = _count(asked)
    keeping = [(ids, day, [row for row in rows if row[0] in ids] if len(ids) < len(whole) else rows)
               for (ids, day), (whole, _day), rows in zip(kept, asked, counted, strict=True) if ids]
    if keeping:
        _keep(keeping, versions, due=due)
    return counted


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value  # SQLite's raw cursor: text


def _valid(rows, communes: Ids) -> tuple[str, list]:
    """The SQL of `rows` (CommuneStock of `communes`) narrowed to those counted at their commune's current
    version: one join (a lookup per row, 10,000 of them for the country, took 40 ms and a JIT compilation),
    with the versions of `communes` only (a province's 100 then read by their index, not all 10,000)."""
    from .models import CommuneVersion

    sql, params = (rows.values("day", "commune_id", "kind_id", "organizations", "members", "version")
                   .query.sql_with_params())
    versions, more = (CommuneVersion.objects.filter(commune_id__in_ids=communes)
                      .values("commune_id", counted_at=F(COUNTED_AT)).query.sql_with_params())
    return (f"SELECT s.day, s.commune_id, s.kind_id, s.organizations, s.members FROM ({sql}) s "
            f"LEFT JOIN ({versions}) v ON v.commune_id = s.commune_id WHERE s.version = COALESCE(v.counted_at, 0)",
            [*params, *more])


def _count(asked: list[tuple[Ids, date]]) -> list[list[tuple]]:
    """For each (communes, day) of `asked`: (commune_id, kind_id, organizations, members) counted by the
    tally's own querysets, grouped by commune and kind. A query per figure and day: in one UNION ALL, PostgreSQL
    planned a parallel append whose workers took longer to start (5–8 ms) than a district's counts took."""
    tables: list[dict[tuple, list[int]]] = [defaultdict(lambda: [0, 0]) for _ in asked]
    same: dict[tuple, Ids] = {}  # the same communes asked on several days: their SQL composed once
    with connection.cursor() as cursor:
        for table, (communes, day) in zip(tables, asked, strict=True):
            if not communes:
                continue
            communes = same.setdefault(tuple(communes.values), communes)
            for figure, (sql, params) in enumerate(_counting_sql(communes, day)):
                cursor.execute(sql, params)
                for commune_id, kind_id, n in cursor.fetchall():
                    table[(commune_id, kind_id)][figure] = n
    return [sorted((commune_id, kind_id, o, m) for (commune_id, kind_id), (o, m) in table.items())
            for table in tables]


# The day the counting querysets are composed with, then replaced by each day counted (never a real day).
_ANY_DAY = date(1, 1, 1)
# The counting SQL of a few communes, kept in the process for the next reader or commit that counts the same ones
# (a commune's, recounted after each write): its SQL names nothing but their ids and the day, a parameter.
_COMPOSED = Recent(size=1024)
_COMPOSED_KEPT_UP_TO = 64  # communes


def _counting_sql(communes: Ids, day: date) -> list[tuple[str, list]]:
    """The SQL of the two counting querysets of `communes` (organizations, members by commune and kind) on `day`.
    The day is only a parameter of their SQL: composed once per set of ids (1.6 ms of the ORM's work, where
    running both takes 0.9 for a commune) and run for each day, as a write's commit counts its communes' days;
    for a few communes, kept in the process for the next set of the same ones (`_COMPOSED`)."""
    key = ("counting", connection.vendor)
    if key not in communes.memo:
        few = len(communes) <= _COMPOSED_KEPT_UP_TO
        shared = (connection.alias, connection.vendor, tuple(communes.values))
        composed = _COMPOSED.get(shared) if few else None
        if composed is None:
            composed = _compose_counting(communes)
            if few:
                _COMPOSED.put(shared, composed)
        communes.memo[key] = composed
    value = connection.ops.adapt_datefield_value(day)
    return [(sql, [value if i in at else param for i, param in enumerate(params)])
            for sql, params, at in communes.memo[key]]


def _compose_counting(communes: Ids) -> list[tuple[str, list, list[int]]]:
    """(SQL, its parameters, where the day goes in them) of each counting queryset of `communes`."""
    from .tally import members_among, organizations_among

    composed, any_day = [], connection.ops.adapt_datefield_value(_ANY_DAY)
    for queryset, commune, kind in ((organizations_among(communes, _ANY_DAY), "commune_id", "kind_id"),
                                    (members_among(communes, _ANY_DAY), "organization__commune_id",
                                     "organization__kind_id")):
        sql, params = queryset.order_by().values_list(commune, kind).annotate(n=Count("pk")).query.sql_with_params()
        at = [i for i, param in enumerate(params) if param == any_day]
        if not at:
            raise RuntimeError(f"the counting query names no day: {sql}")
        composed.append((sql, list(params), at))
    return composed


def _keep(counted: list[tuple[Ids, date, list[tuple]]], versions: dict[int, int], *, due: bool = False) -> None:
    """Each (communes, day, rows counted) replaces those communes' rows of that day, in one transaction; `due`:
    and no longer due (`keep_due`; a reader keeps only days no write noted due: `_count_and_keep`'s `leave`)."""
    from .models import CommuneStock, StockDue

    objects = []
    for communes, day, rows in counted:
        totals = _totals(rows)
        objects += [CommuneStock(commune_id=commune_id, day=day, kind_id=kind_id, organizations=organizations,
                                 members=members, version=versions.get(commune_id, 0))
                    for commune_id, kind_id, organizations, members in rows]
        objects += [CommuneStock(commune_id=c, day=day, kind_id=MARK, organizations=totals[c][0],
                                 members=totals[c][1], version=versions.get(c, 0)) for c in Ids(communes).values]
    objects.sort(key=lambda s: (s.commune_id, s.day, s.kind_id))  # one order for every writer: no deadlock
    # Replaced whole, so that kind rows never outlive the mark they were counted with. Two readers filling
    # the same communes at once: the second one's rows give way (their versions are equal, or the marks
    # are stale anyway and counted again). A write noted due meanwhile and no longer due here has left these
    # rows stale: its day is counted by the next reader instead.
    kept = _either([(Ids(communes), day) for communes, day, _rows in counted])
    with transaction.atomic(savepoint=False):  # one transaction: readers see the old rows or the new, never none
        CommuneStock.objects.filter(kept).delete()
        CommuneStock.objects.bulk_create(objects, ignore_conflicts=True)
        if due:
            StockDue.objects.filter(kept).delete()


# A write's commit counts again at most this many days (the latest) of the kept counts dropped, and at most this
# many (commune, day) pairs of them (what a bulk tool's UPDATE of a whole province left due is not an officer's
# save to pay); the rest wait for beat's keep_due_stocks, or for the next reader.
DUE_DAYS_AT_COMMIT, DUE_AT_COMMIT = 4, 200


def keep_due(days: int | None = None, most: int | None = None) -> int:
    """The kept counts that writes dropped (`StockDue`, noted by the triggers) counted again and kept, so that
    the next officer reads them kept instead of counting: those of the latest `days` days, at most `most`
    (commune, day) pairs, the latest first (None: every one). Runs as a write commits (`keep_due_on_commit`)
    and every minute under beat. Returns the pairs kept."""
    from .models import StockDue

    due = StockDue.objects.order_by("-day", "commune_id")
    if days is not None:  # in the same query: the latest days' rows
        due = due.filter(day__in=StockDue.objects.order_by("-day").values("day").distinct()[:days])
    pairs = due.values_list("commune_id", "day")
    by_day: dict[date, list[int]] = defaultdict(list)
    for commune_id, day in (pairs[:most] if most is not None else pairs):
        by_day[_as_date(day)].append(commune_id)
    if not by_day:
        return 0
    _count_and_keep([(Ids(sorted(communes)), day) for day, communes in by_day.items()], due=True)
    return sum(len(communes) for communes in by_day.values())


def _keep_due_at_commit() -> int:
    return keep_due(DUE_DAYS_AT_COMMIT, DUE_AT_COMMIT)


def drops_counts(model) -> bool:
    """Whether writes to `model`'s rows drop its communes' kept counts (reports/triggers.py, migration 0010 on:
    organizations and members)."""
    from .triggers import FIRST_TABLES

    return model._meta.db_table in FIRST_TABLES


def written(**_kwargs) -> None:
    """post_save / post_delete of an organization or a member, whose writes drop kept counts (reports/apps.py):
    kept again when the transaction commits."""
    keep_due_on_commit()


def keep_due_on_commit() -> None:
    """`keep_due` (the latest days, a bounded number of pairs) once the current transaction commits (at once
    outside one), once however many rows it wrote: called for every save and delete of an organization or a
    member (reports/apps.py) and by the import pipeline's bulk writes, which send no signal. A failure is
    logged, never the officer's: the counts are then counted by their next reader, as without it."""
    if not any(callback is _keep_due_at_commit for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_keep_due_at_commit, robust=True)


def keep_default_days(today: date | None = None) -> dict[date, int]:  # {day: units marked}
    """Count every commune for the days a dashboard opens on (today, and the last day of the period before
    this year's: the figures' "previous"), so that the first officer of the day does not wait for the whole
    country to be counted. Run nightly by beat (reports.tasks.keep_stocks); `manage.py keep_stocks` too."""
    days = default_days(today)
    units = keep_days(days)
    return {day: units for day in days}


def default_days(today: date | None = None) -> list[date]:
    """The days a dashboard opens on: `today` (by default the local date), and the last day of the period
    before this year's (the figures' "previous")."""
    from django.utils import timezone

    from .periods import resolve_period

    period = resolve_period(as_of=today or timezone.localdate())
    return [period.as_of, period.previous().as_of]


def forget_old_days(today: date | None = None) -> int:
    """Drop the kept counts (and what is due of them) of days more than REPORTS_KEPT_TALLY_DAYS before `today`
    but the days dashboards open on (nightly): every night keeps a new day for every commune, 100,000 rows for
    the country, and a write would then count every day its commune ever kept again. Returns the rows dropped."""
    from django.conf import settings
    from django.utils import timezone

    from .models import CommuneStock, StockDue

    today = today or timezone.localdate()
    old = Q(day__lt=today - timedelta(days=settings.REPORTS_KEPT_TALLY_DAYS)) & ~Q(day__in=default_days(today))
    StockDue.objects.filter(old).delete()
    return CommuneStock.objects.filter(old).delete()[0]


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
