import json
from datetime import date

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from reports.models import Report
from reports.schedules import period_just_ended, produce_scheduled_reports
from reports.tasks import run_scheduled_reports

pytestmark = pytest.mark.django_db


def test_the_period_just_ended_follows_decree_09_cut_offs():
    # Run on the 15th, a schedule reports the period that closed on the 14th.
    assert period_just_ended("monthly", date(2018, 8, 15)) == (date(2018, 7, 15), date(2018, 8, 14))
    assert period_just_ended("monthly", date(2018, 8, 1)) == (date(2018, 6, 15), date(2018, 7, 14))
    assert period_just_ended("monthly", date(2018, 1, 15)) == (date(2017, 12, 15), date(2018, 1, 14))
    # A third-quarter report covers 15/06–14/09, not 01/07–30/09.
    assert period_just_ended("quarterly", date(2018, 9, 15)) == (date(2018, 6, 15), date(2018, 9, 14))
    assert period_just_ended("quarterly", date(2018, 3, 15)) == (date(2017, 12, 15), date(2018, 3, 14))
    assert period_just_ended("yearly", date(2018, 12, 15)) == (date(2017, 12, 15), date(2018, 12, 14))
    assert period_just_ended("yearly", date(2019, 1, 1)) == (date(2017, 12, 15), date(2018, 12, 14))
    with pytest.raises(ValueError):
        period_just_ended("weekly", date(2018, 8, 15))


def test_setup_makes_three_editable_schedules_once(bac_lieu):
    call_command("setup_report_schedules", "--unit", "Bạc Liêu")
    call_command("setup_report_schedules", "--unit", "95")
    tasks = PeriodicTask.objects.filter(task="reports.tasks.run_scheduled_reports").order_by("name")
    assert tasks.count() == 3
    monthly = tasks.get(name__contains="hằng tháng")
    assert (monthly.crontab.day_of_month, monthly.crontab.month_of_year) == ("15", "*")
    assert tasks.get(name__contains="hằng quý").crontab.month_of_year == "3,6,9,12"
    assert json.loads(monthly.kwargs) == {"period": "monthly", "unit_id": bac_lieu.pk, "depth": 1}


def test_a_schedule_produces_every_scopes_report_once(small_world, bac_lieu, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = produce_scheduled_reports(period="monthly", unit_id=bac_lieu.pk, today=date(2018, 8, 15))
    # The province (tally, breakdown, list of commendations) and its seven districts (tally each).
    assert len(made) == 3 + 7
    assert {r.unit.name for r in made if r.kind == "provincial_tally"} >= {"Tỉnh Bạc Liêu", "Thị xã Giá Rai"}
    assert all(r.status == "done" for r in Report.objects.all())  # rendered in-process without a broker
    assert produce_scheduled_reports(period="monthly", unit_id=bac_lieu.pk, today=date(2018, 8, 15)) == []
    assert Report.objects.count() == 10
    report = Report.objects.get(unit=bac_lieu, kind="provincial_tally")
    assert (report.since, report.until, report.as_of, report.schedule) == (
        date(2018, 7, 15), date(2018, 8, 14), date(2018, 8, 14), "monthly")


def test_the_beat_task_runs_with_the_schedules_kwargs(bac_lieu):
    call_command("setup_report_schedules", "--unit", "Bạc Liêu")
    kwargs = json.loads(PeriodicTask.objects.get(name__contains="hằng năm").kwargs)
    assert run_scheduled_reports.apply(kwargs={**kwargs, "kinds": ["provincial_tally"]}).get() == 10
