"""Periodic reports: the period that just ended, for a unit and each of its children, of approved figures.

The schedules themselves are django-celery-beat PeriodicTask rows (editable in the admin);
`setup_report_schedules` seeds them, `run_scheduled_reports` (tasks.py) fires here.
"""

import json
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from geography.models import AdministrativeUnit

from .models import Report, ReportKind, Schedule
from .periods import MONTH, QUARTER, YEAR, ReportingPeriod

RUN_SCHEDULED_REPORTS = "reports.tasks.run_scheduled_reports"  # the task of every report schedule
DEFAULT_KINDS = [ReportKind.PROVINCIAL_TALLY.value]
TOP_UNIT_KINDS = [ReportKind.BREAKDOWN.value, ReportKind.COMMENDATIONS.value]
# Decree 09/2019 cuts the figures off on the 14th: the reports of a period run on the 15th, 06:00.
CRONTABS = {  # minute, hour, day of month, month of year
    Schedule.MONTHLY: ("0", "6", "15", "*"),
    Schedule.QUARTERLY: ("0", "6", "15", "3,6,9,12"),
    Schedule.YEARLY: ("0", "6", "15", "12"),
}
PERIOD_KINDS = {Schedule.MONTHLY: MONTH, Schedule.QUARTERLY: QUARTER, Schedule.YEARLY: YEAR}


def reporting_period_just_ended(period: str, today: date) -> ReportingPeriod:
    """The month, quarter or year (Decree 09 cut-offs) that ended before `today`."""
    try:
        kind = PERIOD_KINDS[Schedule(period)]
    except ValueError:
        raise ValueError(f"Lịch định kỳ không hợp lệ: {period}") from None
    return ReportingPeriod.just_ended(kind, today)


def period_just_ended(period: str, today: date) -> tuple[date, date]:
    """(since, until) of the period that ended before `today`: the third quarter is 15/06–14/09."""
    ended = reporting_period_just_ended(period, today)
    return ended.since, ended.until


def produce_scheduled_reports(*, period: str, unit_id: int, kinds: list[str] | None = None, depth: int = 1,
                              today: date | None = None) -> list[Report]:
    """One report per scope and kind; running twice for the same period makes nothing new."""
    from .services import report_request

    since, until = period_just_ended(period, today or timezone.localdate())
    top = AdministrativeUnit.objects.get(pk=unit_id)
    scopes = [top]
    frontier = [top]
    for _level in range(depth):
        frontier = list(AdministrativeUnit.objects.filter(parent__in=frontier).order_by("path"))
        scopes += frontier
    made = []
    for unit in scopes:
        for kind in (kinds or DEFAULT_KINDS) + (TOP_UNIT_KINDS if unit == top else []):
            if Report.objects.filter(kind=kind, unit=unit, since=since, until=until, schedule=period).exists():
                continue
            try:
                with transaction.atomic():
                    made.append(report_request(kind=kind, unit=unit, as_of=until, since=since, until=until,
                                               schedule=period, approved_only=True))
            except IntegrityError:  # another beat tick made it meanwhile
                continue
    return made


def setup_report_schedules(*, unit: AdministrativeUnit) -> list:
    """The three periodic tasks for `unit` (idempotent; an administrator's edits are kept)."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    tasks = []
    for period, (minute, hour, day, month) in CRONTABS.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(minute=minute, hour=hour, day_of_month=day,
                                                           month_of_year=month, day_of_week="*",
                                                           timezone=timezone.get_current_timezone_name())
        task, _ = PeriodicTask.objects.get_or_create(
            name=f"Báo cáo {Schedule(period).label.lower()} — {unit.name} ({unit.code})",
            defaults={"task": RUN_SCHEDULED_REPORTS, "crontab": crontab,
                      "kwargs": json.dumps({"period": period, "unit_id": unit.pk, "depth": 1})},
        )
        tasks.append(task)
    return tasks


def scheduled_unit_id(task) -> int | None:
    """The unit a report schedule (a PeriodicTask of `RUN_SCHEDULED_REPORTS`) makes reports of; None for any
    other periodic task (the system's housekeeping) and for arguments that name no unit."""
    if task.task != RUN_SCHEDULED_REPORTS:
        return None
    try:
        unit_id = json.loads(task.kwargs or "{}").get("unit_id")
    except (ValueError, AttributeError):
        return None
    return unit_id if type(unit_id) is int else None


def schedules_in_scope(queryset, user):
    """The periodic tasks of `queryset` an officer's scope holds: the report schedules of units in it (the
    scope of the reports they make, `restrict_to_scope` on their units: one query for all of them). The system's
    own tasks are no unit's: the whole country's administrator's alone."""
    from accounts.scope import restrict_to_scope, sees_everywhere

    if sees_everywhere(user):
        return queryset
    schedules = queryset.filter(task=RUN_SCHEDULED_REPORTS).select_related(None).only("pk", "task", "kwargs")
    units = {task.pk: scheduled_unit_id(task) for task in schedules}
    named = AdministrativeUnit.objects.filter(pk__in={unit_id for unit_id in units.values() if unit_id is not None})
    inside = set(restrict_to_scope(named, user, "pk").values_list("pk", flat=True))
    return queryset.filter(pk__in=[pk for pk, unit_id in units.items() if unit_id in inside])
