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
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from antq_portal.db import Ids

from .figures import Tally
from .triggers import GLOBAL


def _stamp_query(communes: Ids):
    from .models import CommuneVersion

    return (CommuneVersion.objects.filter(Q(commune_id__in_ids=communes) | Q(commune_id=GLOBAL))
            .order_by().values(one=Value(1)).annotate(s=Coalesce(Sum("version"), 0)).values("s"))


def stamp(communes: Ids) -> int:
    """The sum of the versions of `communes` and of the lists (commune 0)."""
    return next(iter(_stamp_query(communes).values_list("s", flat=True)), 0)


def tally_key(unit, period, *, layout, approved: bool, communes: tuple) -> str:
    """The question a tally answers; `communes`: (with commune rows, up to how many)."""
    return "|".join(str(part) for part in (
        unit.pk, period.as_of, period.since, period.until, layout or "", int(approved), *communes,
        translation.get_language() or ""))


def kept_tally(key: str, communes: Ids, compute: Callable[[], Tally]) -> Tally:
    """The tally kept under `key` while the stamp of `communes` holds; else `compute()`, kept."""
    from .models import KeptTally

    if not settings.REPORTS_KEEP_TALLIES:
        return compute()
    # One query when the stamp holds: the kept row whose stamp is the sum read now.
    held = KeptTally.objects.filter(key=key, stamp=Subquery(_stamp_query(communes)))
    figures = next(iter(held.values_list("figures", flat=True)), None)
    if figures is not None:
        return Tally.from_dict(figures)
    current = stamp(communes)  # read before computing: a write committing meanwhile moves it on
    tally = compute()
    _keep(key, current, tally.as_dict())
    return tally


def _keep(key: str, current: int, figures: dict) -> None:
    """Upsert, never replacing a row kept under a newer stamp (a slower reader of older data)."""
    from .models import KeptTally

    table, quote = KeptTally._meta.db_table, connection.ops.quote_name
    value = KeptTally._meta.get_field("figures").get_db_prep_save(figures, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('key')}, stamp, figures, kept_at) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT ({quote('key')}) DO UPDATE SET stamp = excluded.stamp, figures = excluded.figures, "
            f"kept_at = excluded.kept_at WHERE {table}.stamp < excluded.stamp",
            [key, current, value, timezone.now()])


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
    commune counted for the days dashboards open on (reports/stocks.py), tallies kept long ago dropped,
    the country's and the provinces' dashboards kept."""
    from .stocks import keep_default_days

    counted = keep_default_days(today)
    return {"counted": {day.isoformat(): units for day, units in counted.items()},
            "forgotten_tallies": forget_old_tallies(), "dashboards": keep_dashboards(today)}
