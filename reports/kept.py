"""Kept tallies: a unit's whole tally kept in the database, read again while its data has not moved.

The country's dashboard computes over 10,000 communes; the same figures are asked for again by every
officer who opens it. A tally is kept (`KeptTally`) under the question it answers (the unit, the
dates, the layout, approved or not, with or without commune rows, the language of its labels) with
the **stamp** of the data it was computed from: the sum of the versions of the communes it counts
plus the version of commune 0, the lists every tally reads. The database's triggers
(reports/triggers.py) bump a commune's version in the transaction of every write to a row a tally
reads, so a version never goes back while the data moves forward, and the sum moves with every
committed write under the unit: a kept tally whose stamp still holds is the tally computed now.
A write elsewhere in the country leaves a province's kept tally valid.

The stamp is read before the tally is computed, so a tally computed while a write commits is kept
under the older stamp: the next reader sees the stamp moved and computes again. Rows live in the
database (not the cache) so that they roll back, restore and migrate with the data they describe.

**Recounted late** (DHIS2's analytics tables, with a visible time): a dashboard over more than
REPORTS_RECOUNT_LATE_ABOVE communes (the country: 1.2 s to count after any write anywhere) whose data
moved since its tally was kept shows the kept tally, with the time it was counted (`Tally.counted_at`),
while a Celery worker counts it again (`reports.tasks.recount_tally`); the next view reads the new one.
Never for figures a report prints, never older than REPORTS_RECOUNT_LATE_MINUTES, never without a
worker (in-process tasks, or a broker that refuses the task: counted at once, as before).
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from antq_portal.db import Ids
from antq_portal.recent import Recent

from .figures import Tally
from .triggers import GLOBAL

logger = logging.getLogger(__name__)


# What a stamp adds up: every write (`version`), or every write but to organizations and members
# (`other_version`: the tally's models and commendations, kept apart; reports/triggers.py).
EVERY_WRITE, OTHER_WRITES = "version", "other_version"


def _stamp_query(communes: Ids, versions: str = EVERY_WRITE):
    """The stamp of `communes` and the lists; of every commune for the country's (`Ids.everywhere`): a sum that
    moves with every write under them and some beside (a unit of the other layout's), never one that misses a write,
    without testing 10,000 ids (a third of the country's 1 ms)."""
    from .models import CommuneVersion

    versions_of = CommuneVersion.objects.all()
    if not getattr(communes, "everywhere", False):
        versions_of = versions_of.filter(Q(commune_id__in_ids=communes) | Q(commune_id=GLOBAL))
    return versions_of.order_by().values(one=Value(1)).annotate(s=Coalesce(Sum(versions), 0)).values("s")


def _stamp_sql(communes: Ids, versions: str) -> tuple[str, tuple]:
    """The stamp's SQL, composed once for the same ids (a unit's, kept across requests with the unit tree)."""
    key = ("stamp", connection.vendor, versions)
    memo = communes.memo if isinstance(communes, Ids) else {}
    if key not in memo:
        memo[key] = _stamp_query(communes, versions).query.sql_with_params()
    return memo[key]


def stamp(communes: Ids, versions: str = EVERY_WRITE) -> int:
    """The sum of the versions of `communes` and of the lists (commune 0)."""
    return next(iter(_stamp_query(communes, versions).values_list("s", flat=True)), 0)


def tally_key(unit, period, *, layout, approved: bool, communes: tuple) -> str:
    """The question a tally answers; `communes`: (with commune rows, up to how many)."""
    return "|".join(str(part) for part in (
        unit.pk, period.as_of, period.since, period.until, layout or "", int(approved), *communes,
        translation.get_language() or ""))


def kept_tally(key: str, communes: Ids, compute: Callable[[], Tally], *,
               recount: Callable[[], object] | None = None) -> Tally:
    """The tally kept under `key` while the stamp of `communes` holds; else `compute()`, kept.

    `recount`: sends the computation to a worker; given, a large scope's tally kept not long ago is
    shown as it was counted (`counted_at`) while the worker counts it again (see the module's note)."""
    if not settings.REPORTS_KEEP_TALLIES:
        return compute()
    kept, current = _read(key, communes)
    if kept is not None:
        figures, kept_at = kept
        if current is None:
            return _decoded(figures)
        if recount is not None and _may_recount_late(communes, kept_at) and _recount_sent(key, recount):
            return replace(_decoded(figures), counted_at=kept_at)
    tally = compute()
    _keep(key, current, tally.as_dict())
    return tally


def kept_figures(key: str, communes: Ids, compute: Callable[[], dict], versions: str = EVERY_WRITE) -> dict:
    """Any figures of `communes` (a JSON dict) kept under `key` by the same rule as a tally: read while the
    stamp of `communes` holds, else computed and kept (the tally's other part, a list's total).
    `versions`: OTHER_WRITES for figures that read no organization or member (the tally's other part)."""
    return kept_many({key: compute}, communes, versions)[key]


def kept_many(asked: dict[str, Callable[[], dict]], communes: Ids, versions: str = EVERY_WRITE) -> dict[str, dict]:
    """`kept_figures` for several keys over the same `communes`, read in one query under one stamp: a list
    page's total and its rows' ids (antq_portal.lists.ListPaginator). Those kept and holding are read, the
    others computed and kept together."""
    if not settings.REPORTS_KEEP_TALLIES:
        return {key: compute() for key, compute in asked.items()}
    current, kept = _read_many(list(asked), communes, versions)
    answers, computed = {}, {}
    for key, compute in asked.items():
        if key in kept and kept[key][1] == current:
            answers[key] = _loaded(kept[key][0])
        else:
            answers[key] = computed[key] = compute()
    if computed:
        _keep_many(current, computed)
    return answers


def _read(key: str, communes: Ids, versions: str = EVERY_WRITE) -> tuple[tuple | None, int | None]:
    """((figures as the database gives them, JSON text or decoded; kept_at) kept under `key` or None, the stamp
    to keep a new computation under, None while the kept one holds). Read before computing: a write committing
    meanwhile moves it on, so the next reader computes again."""
    current, kept = _read_many([key], communes, versions)
    if key not in kept:
        return None, current
    figures, kept_stamp, kept_at = kept[key]
    return (figures, kept_at), (None if kept_stamp == current else current)


def _read_many(keys: list[str], communes: Ids, versions: str = EVERY_WRITE) -> tuple[int, dict[str, tuple]]:
    """(the stamp of `communes` now, {key: (figures, the stamp it was kept under, kept_at)} for the keys kept).
    One query whether rows are kept or not, whether their stamps hold or not: the stamp read now, beside the
    kept rows' own."""
    from .models import KeptTally

    table = KeptTally._meta.db_table
    stamp_sql, params = _stamp_sql(communes, versions)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({stamp_sql}), k.{connection.ops.quote_name('key')}, k.figures, k.stamp, k.kept_at "
                       f"FROM (SELECT 1 AS one) q LEFT JOIN {table} k "
                       f"ON k.{connection.ops.quote_name('key')} IN ({', '.join(['%s'] * len(keys))})",
                       [*params, *keys])
        rows = cursor.fetchall()
    kept = {}
    for _, key, figures, kept_stamp, kept_at in rows:
        if key is None:
            continue
        kept_at = parse_datetime(kept_at) if isinstance(kept_at, str) else kept_at
        if timezone.is_naive(kept_at):  # SQLite: the UTC time Django stored, read without its zone
            kept_at = timezone.make_aware(kept_at, UTC)
        kept[key] = (figures, kept_stamp, kept_at)
    return rows[0][0] or 0, kept


def _loaded(figures) -> dict:
    return json.loads(figures) if isinstance(figures, str | bytes) else figures


# Tallies decoded lately in this process, by the digest of their kept JSON: the same text is the same tally, so
# a reader of a tally whose stamp holds skips decoding it (Hà Nội's: 600 commune rows, 7 of its 9 ms) whatever
# was written, rolled back or restored meanwhile. Frozen dataclasses: shared by readers, changed by none.
_DECODED = Recent(size=32)


def _decoded(figures) -> Tally:
    if not isinstance(figures, str | bytes):
        return Tally.from_dict(figures)
    digest = hashlib.sha256(figures.encode() if isinstance(figures, str) else figures).digest()
    tally = _DECODED.get(digest)
    if tally is None:
        tally = Tally.from_dict(json.loads(figures))
        _DECODED.put(digest, tally)
    return tally


def _may_recount_late(communes: Ids, kept_at) -> bool:
    from antq_portal.celery import app

    return (len(communes) > settings.REPORTS_RECOUNT_LATE_ABOVE and not app.conf.task_always_eager
            and kept_at >= timezone.now() - timedelta(minutes=settings.REPORTS_RECOUNT_LATE_MINUTES))


# A process sends one recount of a tally at most this often: readers meanwhile see the kept one.
RECOUNT_EVERY_SECONDS = 30


def _recount_sent(key: str, recount: Callable[[], object]) -> bool:
    """Whether a worker counts `key` again: sent now, or sent by this process less than
    RECOUNT_EVERY_SECONDS ago (another process's finds the stamp holding, and only reads it). A broker
    that refused it is not asked again for as long: each reader counts at once meanwhile."""
    lock = f"antq:recount:{key}"
    if not cache.add(lock, "sent", timeout=RECOUNT_EVERY_SECONDS):
        return cache.get(lock) == "sent"
    try:
        recount()
    except Exception:  # noqa: BLE001 - no broker: the reader counts at once, as without a worker
        cache.set(lock, "refused", timeout=RECOUNT_EVERY_SECONDS)
        logger.warning("Recounting %s in the background failed; counted at once", key, exc_info=True)
        return False
    return True


def _keep(key: str, current: int, figures: dict) -> None:
    _keep_many(current, {key: figures})


def _keep_many(current: int, computed: dict[str, dict]) -> None:
    """Upsert, never replacing a row kept under a newer stamp (a slower reader of older data)."""
    from .models import KeptTally

    table, quote = KeptTally._meta.db_table, connection.ops.quote_name
    field, now = KeptTally._meta.get_field("figures"), timezone.now()
    rows = [(key, current, field.get_db_prep_save(figures, connection), now) for key, figures in computed.items()]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('key')}, stamp, figures, kept_at) VALUES "
            f"{', '.join(['(%s, %s, %s, %s)'] * len(rows))} "
            f"ON CONFLICT ({quote('key')}) DO UPDATE SET stamp = excluded.stamp, figures = excluded.figures, "
            f"kept_at = excluded.kept_at WHERE {table}.stamp < excluded.stamp",
            [value for row in rows for value in row])


def forget_old_tallies() -> int:
    """Drop the tallies kept more than REPORTS_KEPT_TALLY_DAYS ago (nightly, with reports.tasks.keep_stocks)."""
    from .models import KeptTally

    since = timezone.now() - timedelta(days=settings.REPORTS_KEPT_TALLY_DAYS)
    return KeptTally.objects.filter(kept_at__lt=since).delete()[0]


def keep_dashboards(today=None) -> int:
    """Compute and keep the dashboards of the country and the provinces (both layouts) for the default
    period as of `today`, in Vietnamese: the first leader of the day reads them kept."""
    from geography.models import AdministrativeUnit, Level

    from .dashboard.views import dashboard_tally
    from .periods import resolve_period

    period = resolve_period(as_of=today or timezone.localdate())
    units = AdministrativeUnit.objects.filter(level__lte=Level.PROVINCE).order_by("path")
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units:
            dashboard_tally(unit, period)
    return len(units)


def nightly(today=None) -> dict:
    """What beat runs each night (reports.tasks.keep_stocks) and `manage.py keep_stocks` at will: every
    commune counted for the days dashboards open on (reports/stocks.py), tallies kept long ago and the counts
    of days long past dropped, the country's and the provinces' dashboards kept."""
    from .stocks import forget_old_days, keep_default_days

    counted = keep_default_days(today)
    return {"counted": {day.isoformat(): units for day, units in counted.items()},
            "forgotten_tallies": forget_old_tallies(), "forgotten_stock_rows": forget_old_days(today),
            "dashboards": keep_dashboards(today)}
