"""Every report command reads --unit with the one parser: code 96 of both layouts, ambiguous names."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from reports.models import Report

pytestmark = pytest.mark.django_db


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_tally_of_code_96_is_todays_ca_mau_or_the_old_one_by_date_or_layout(ca_mau_today):
    today = json.loads(run("tally", "--unit", "96", "--format", "json"))
    assert today["unit"]["full_name"] == "Tỉnh Cà Mau"
    old = json.loads(run("tally", "--unit", "96", "--as-of", "2018-07-11", "--format", "json"))
    forced = json.loads(run("tally", "--unit", "96", "--layout", "legacy", "--format", "json"))
    assert old["unit"] == forced["unit"] != today["unit"]
    by_name = json.loads(run("tally", "--unit", "Cà Mau", "--format", "json"))
    assert by_name["unit"] == today["unit"]


def test_tally_refuses_an_ambiguous_name_naming_both_candidates_and_their_layout(ca_mau_today):
    with pytest.raises(CommandError, match="chỉ nhiều đơn vị") as caught:
        run("tally", "--unit", "Phường 5")
    message = str(caught.value)
    assert "Thành phố Cà Mau, Tỉnh Cà Mau [trước 01/07/2025, mã 32008" in message
    assert "Thành phố Bạc Liêu, Tỉnh Bạc Liêu [trước 01/07/2025, mã 31819" in message
    assert "None" not in message


def test_setup_report_schedules_takes_code_96_and_refuses_an_ambiguous_name(ca_mau_today):
    run("setup_report_schedules", "--unit", "96")
    assert PeriodicTask.objects.filter(name__contains="Tỉnh Cà Mau").count() == 3
    assert all(json.loads(t.kwargs)["unit_id"] == ca_mau_today.pk
               for t in PeriodicTask.objects.filter(name__contains="Tỉnh Cà Mau"))
    with pytest.raises(CommandError, match="chỉ nhiều đơn vị"):
        run("setup_report_schedules", "--unit", "Phường 5")


def test_render_report_takes_code_96_and_refuses_an_ambiguous_name(ca_mau_today):
    with pytest.raises(CommandError, match="chỉ nhiều đơn vị"):
        run("render_report", "provincial_tally", "--unit", "Phường 5")
    assert not Report.objects.exists()
    run("render_report", "provincial_tally", "--unit", "96", "--as-of", "2026-12-01")
    assert Report.objects.get().unit == ca_mau_today


def test_tally_of_a_2025_ward_before_the_change_shows_its_old_wards_unless_told_otherwise(ca_mau_today, ho_phong):
    args = ("tally", "--unit", "Phường Giá Rai, Cà Mau", "--as-of", "2024-12-31", "--format", "json")
    old = json.loads(run(*args))
    assert old["unit"]["layout"] == "2025" and old["layout"] == "legacy"
    assert ho_phong.pk in {row["unit_id"] for row in old["children"]}
    today = json.loads(run(*args, "--layout", "2025"))
    assert today["unit"] == old["unit"] and today["layout"] == "2025" and today["children"] == []
    assert today["totals"] == old["totals"]


def test_render_report_reads_a_2025_unit_before_the_change_in_the_layout_asked_for(ca_mau_today, ho_phong):
    """A report of today's Cà Mau as of 31/12/2024: in the old units by default, in today's communes with
    --layout 2025; the archived figures say which, and count the same records."""
    from datetime import date

    from reports.services import report_render, report_request

    from .factories import OrganizationFactory

    OrganizationFactory(commune=ho_phong, founded_on=date(2020, 1, 1))
    run("render_report", "provincial_tally", "--unit", "96", "--layout", "2025", "--as-of", "2024-12-31")
    report_render(report_id=report_request(kind="provincial_tally", unit=ca_mau_today, as_of=date(2024, 12, 31),
                                           since=date(2024, 1, 1), until=date(2024, 12, 31)).pk)
    today, old = Report.objects.order_by("pk")
    assert today.unit == ca_mau_today and today.layout == "2025" and today.figures["layout"] == "2025"
    assert old.layout == "" and old.figures["layout"] == "legacy"
    assert {row["unit_id"] for row in today.figures["children"]} <= set(
        ca_mau_today.children.values_list("pk", flat=True))
    assert old.unit == ca_mau_today and ho_phong.parent.parent_id in {row["unit_id"] for row in old.figures["children"]}
    assert today.figures["totals"]["organizations"] == old.figures["totals"]["organizations"]
    assert today.figures["totals"]["organizations"]["value"] == 1
