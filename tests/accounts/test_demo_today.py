"""The demo of today: Tỉnh Cà Mau in the 2025 layout, its officers and records entered since 01/07/2025."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from commendations.models import Decision, Recipient
from geography.models import AdministrativeUnit, Layout
from models_registry.models import Deployment
from organizations.models import Member, Organization
from reports.tally import compute_tally
from tests.reports.dashboard_helpers import figures

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def test_the_demo_has_todays_ca_mau_with_officers_and_records_under_the_new_communes(demo, client):
    printed = demo.printed
    for username in ("lanhdaocamau", "tonghopcamau", "phuonggiarai"):
        assert username in printed
    officers = {u.username: u for u in User.objects.select_related("unit")}
    province = officers["lanhdaocamau"].unit
    assert (province.name, province.layout) == ("Tỉnh Cà Mau", Layout.Y2025)
    assert officers["lanhdaocamau"].role == Role.LEADERSHIP and officers["tonghopcamau"].role == Role.REPORTING
    ward = officers["phuonggiarai"].unit
    ho_phong = AdministrativeUnit.objects.get(layout=Layout.LEGACY, name="Phường Hộ Phòng")
    assert ho_phong.successions.get(is_default=True).new_unit == ward  # the ward Hộ Phòng became

    # Entered after 01/07/2025, directly under new communes.
    new = Organization.objects.filter(commune__layout=Layout.Y2025)
    assert new.count() >= 50 and not new.filter(founded_on__lt=date(2025, 7, 1)).exists()
    assert Member.objects.filter(organization__in=new).count() >= 200
    assert Deployment.objects.filter(commune__layout=Layout.Y2025, started_on__gte=date(2025, 7, 1)).count() >= 5
    decisions = Decision.objects.filter(issuing_unit=province)
    assert decisions.count() == 3 and not decisions.filter(decided_on__lt=date(2025, 7, 1)).exists()
    assert Recipient.objects.filter(decision__in=decisions, commune__layout=Layout.Y2025).count() >= 26

    # The ward's officer sees its new teams and those kept under Phường Hộ Phòng since 2018.
    visible = Organization.objects.visible_to(officers["phuonggiarai"])
    assert visible.filter(commune=ward).exists() and visible.filter(commune=ho_phong).exists()
    assert not visible.exclude(commune__in=[ward, *ward.predecessions.values_list("old_unit", flat=True)]).exists()

    # The dashboard "today" shows the tally of the merged province, old records rolled up.
    tally = compute_tally(unit=province, as_of=TODAY, since=date(2026, 1, 1), user=officers["lanhdaocamau"])
    assert tally.totals.organizations.value > new.count()
    assert tally.totals.individuals.value >= 18
    client.force_login(officers["lanhdaocamau"])
    response = client.get(reverse("reports:dashboard"), {"as_of": TODAY.isoformat(), "since": "2026-01-01"})
    assert response.status_code == 200
    shown = figures(response.content.decode())
    assert shown["organizations"][0] == f"{tally.totals.organizations.value:,}".replace(",", ".")
    assert shown["individuals"][0] == str(tally.totals.individuals.value)


def test_todays_officer_reads_the_2018_figures_in_the_old_units_or_in_todays_communes(demo, client):
    client.force_login(User.objects.get(username="tonghopcamau"))
    view = {"as_of": "2018-07-11", "since": "2017-01-01"}
    page = client.get(reverse("reports:dashboard"), view).content.decode()
    shown = figures(page)
    # Bạc Liêu's 2018 figures, under the old province they were counted in then.
    assert (shown["organizations"][0], shown["members"][0]) == ("4.354", "17.077")
    assert "Tỉnh Bạc Liêu" in page and "theo đơn vị hành chính trước ngày 01/07/2025 (ba cấp)" in page
    ward = User.objects.get(username="phuonggiarai").unit
    assert reverse("reports:dashboard_unit", args=[ward.pk]) not in page
    # Re-counted under today's communes: the same records, each once.
    page = client.get(reverse("reports:dashboard"), {**view, "layout": "2025"}).content.decode()
    assert (figures(page)["organizations"][0], figures(page)["members"][0]) == ("4.354", "17.077")
    assert reverse("reports:dashboard_unit", args=[ward.pk]) in page and "xã, phường kế thừa" in page
