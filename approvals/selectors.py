"""Shared reads of the chain: completeness of a unit's communes for a period, and what waits for an officer.

Every read goes through the scope helper; completeness is one grouped query whatever the number
of communes (the list behind each number is the same queryset, filtered)."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Left, StrIndex, Substr
from django.utils import timezone

from accounts.roles import Role
from accounts.scope import restrict_to_scope, sees_nothing
from geography.models import AdministrativeUnit
from reports.periods import ReportingPeriod, reporting_period_of

from .models import LOCKING_STATUSES, SUBMITTED_STATUSES, Status, Submission

# The groups a completeness figure opens (URL value -> statuses; None stands for "nothing yet").
GROUPS = {
    "submitted": tuple(SUBMITTED_STATUSES),
    "approved": tuple(LOCKING_STATUSES),
    "accepted": (Status.ACCEPTED,),
    "waiting": (Status.SUBMITTED,),
    "missing": (None, Status.RETURNED, Status.REOPENED),
    "returned": (Status.RETURNED,),
    "not_submitted": (None, Status.REOPENED),
    "all": None,
}
# The one status a commune shows on the dashboard's unit table and the map, worst first: each chain
# status falls in exactly one.
STATUS_GROUPS = ("not_submitted", "returned", "waiting", "approved")


def default_kind() -> str:
    return settings.APPROVALS_PERIOD_KIND


def current_period(kind: str | None = None, today: date | None = None) -> ReportingPeriod:
    """The period the chain is working on: the latest one that has ended."""
    return ReportingPeriod.just_ended(kind or default_kind(), today or timezone.localdate())


def period_for_dates(*, since: date, until: date, kind: str | None = None) -> ReportingPeriod:
    """The Decree 09 period a dashboard's dates stand for: the exact one, else the latest that ended by `until`."""
    return reporting_period_of(since=since, until=until) or ReportingPeriod.just_ended(
        kind or default_kind(), until + timedelta(days=1))


def approved_commune_ids(period: ReportingPeriod):
    """The communes whose report of `period` is approved or accepted (its figures are locked)."""
    return Submission.objects.locking().for_period(period).values("commune_id")


def communes_with_status(*, user, unit: AdministrativeUnit, period: ReportingPeriod):
    """The unit's communes inside the user's scope, each annotated with `chain_status` for the period.

    `user=None` is the system (a scheduled report): the caller has decided the unit, as the tally does."""
    communes = AdministrativeUnit.objects.communes_under(unit)
    if user is not None:
        communes = restrict_to_scope(communes, user, "pk")
    # One submission per commune and period (submission_one_per_commune_period): joined, not looked up per
    # commune (a subquery per row, with Submission's default order joining each commune's unit again, read the
    # country's 10,000 statuses in 46 ms; the join, 7).
    return (communes.annotate(submission_of_period=FilteredRelation(
        "submissions", condition=Q(submissions__period=period.key)))
        .annotate(chain_status=F("submission_of_period__status")))


def communes_in_group(*, user, unit, period: ReportingPeriod, group: str):
    communes = communes_with_status(user=user, unit=unit, period=period)
    statuses = GROUPS[group]
    if statuses is None:
        return communes
    chosen = [s for s in statuses if s is not None]
    if None in statuses:
        from django.db.models import Q

        return communes.filter(Q(chain_status__in=chosen) | Q(chain_status__isnull=True))
    return communes.filter(chain_status__in=chosen)


def completeness(*, user, unit: AdministrativeUnit, period: ReportingPeriod) -> dict:
    """{"total", "submitted", "approved", "accepted", "waiting", "missing", "by_status"} in one query."""
    rows = (communes_with_status(user=user, unit=unit, period=period).order_by()
            .values("chain_status").annotate(n=Count("pk")))
    return _counts({row["chain_status"]: row["n"] for row in rows}, unit, period)


def _counts(by_status: dict, unit: AdministrativeUnit, period: ReportingPeriod) -> dict:
    counts = {group: sum(by_status.get(s, 0) for s in statuses) for group, statuses in GROUPS.items()
              if statuses is not None}
    counts["total"] = sum(by_status.values())
    counts["by_status"] = by_status
    counts["period"] = period
    counts["unit"] = unit
    return counts


def status_group(status: str | None) -> str:
    """"approved", "waiting" (submitted), "returned" or "not_submitted" for a commune's chain status."""
    return next(group for group in STATUS_GROUPS if status in GROUPS[group])


def commune_statuses(*, user, unit: AdministrativeUnit, period: ReportingPeriod) -> dict[int, str]:
    """Each commune of the unit inside the user's scope → its status group for the period (one query):
    what the map colours the communes by."""
    rows = communes_with_status(user=user, unit=unit, period=period).order_by().values_list("pk", "chain_status")
    return {pk: status_group(status) for pk, status in rows}


def completeness_by_child(*, user, unit: AdministrativeUnit, period: ReportingPeriod) -> list[dict]:
    """One row per child unit: {"unit", "counts" {status group: n}, "total", "status"} where `status` is
    its worst commune's (the row's colour); two queries whatever the number of communes."""
    return completeness_with_children(user=user, unit=unit, period=period)[1]


def completeness_with_children(*, user, unit: AdministrativeUnit, period: ReportingPeriod) -> tuple[dict, list[dict]]:
    """`completeness` and `completeness_by_child` from one read of the communes' statuses (the dashboard shows
    both: the status of a province's 600 communes was read twice)."""
    children = list(AdministrativeUnit.objects.filter(parent=unit).order_by("path"))
    rows = {child.path: {"unit": child, "counts": dict.fromkeys(STATUS_GROUPS, 0), "total": 0}
            for child in children}
    # Counted per child and status by the database: the path's next segment below the unit names the child (a
    # country's 10,000 statuses read and split in Python took 28 ms).
    below = Substr("path", len(unit.path) + 1)
    counted = (communes_with_status(user=user, unit=unit, period=period).order_by()
               .annotate(child_segment=Left(below, StrIndex(below, Value("/"))))
               .values("child_segment", "chain_status").annotate(n=Count("pk"))
               .values_list("child_segment", "chain_status", "n"))
    by_status: dict = defaultdict(int)
    for segment, status, n in counted:
        by_status[status] += n
        row = rows.get(f"{unit.path}{segment}")
        if row is not None:
            row["counts"][status_group(status)] += n
            row["total"] += n
    result = [row for row in rows.values() if row["total"]]
    for row in result:
        row["status"] = next(group for group in STATUS_GROUPS if row["counts"][group])
    return _counts(dict(by_status), unit, period), result


def waiting_for(user, *, today: date | None = None, limit: int = 10) -> dict:
    """What waits for the officer on the home page, for the period just ended: communes to submit
    (data entry), periods to approve (reporting staff), overdue communes (reporting staff, after
    the period's end + APPROVALS_REMINDER_DAYS) and approved periods to accept (the province)."""
    today = today or timezone.localdate()
    period = current_period(today=today)
    out = {"period": period, "to_submit": [], "to_approve": [], "overdue": [], "to_accept": 0}
    if sees_nothing(user):
        return out
    unit = user.unit or None
    if user.has_role(Role.DATA_ENTRY, Role.ADMINISTRATOR) and unit is not None:
        out["to_submit"] = list(communes_in_group(user=user, unit=unit, period=period, group="missing")
                                .order_by("path")[:limit])
    if user.has_role(Role.REPORTING, Role.ADMINISTRATOR):
        waiting = Submission.objects.visible_to(user).filter(status=Status.SUBMITTED).exclude(commune_id=user.unit_id)
        out["to_approve"] = list(waiting.select_related("commune", "commune__parent").order_by("until", "commune__path")
                                 [:limit])
        if unit is not None and today > period.until + timedelta(days=settings.APPROVALS_REMINDER_DAYS):
            out["overdue"] = list(communes_in_group(user=user, unit=unit, period=period, group="missing")
                                  .order_by("path")[:limit])
        if unit is None or unit.parent_id is None:
            out["to_accept"] = Submission.objects.visible_to(user).filter(status=Status.APPROVED).count()
    out["any"] = bool(out["to_submit"] or out["to_approve"] or out["overdue"] or out["to_accept"])
    return out
