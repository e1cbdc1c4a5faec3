"""Reports across 1/7/2025: each date in its layout (or the one asked for), each record once,
the issuing unit as it was on the report's date."""

from datetime import date

import pytest

from geography.loaders import ensure_province
from geography.models import AdministrativeUnit, Layout
from reports.official import issuer_for, layout_note, layout_on, unit_as_of
from reports.tally import compute_tally

from .factories import DecisionFactory, OrganizationFactory, RecipientFactory
from .test_pdf import pdf_text

pytestmark = pytest.mark.django_db

BEFORE, AFTER, TODAY = date(2024, 12, 31), date(2025, 9, 1), date(2026, 12, 1)


@pytest.fixture
def ca_mau(bac_lieu):
    """Today's Tỉnh Cà Mau (2025 layout, with Bạc Liêu's old → new mapping)."""
    return ensure_province("Cà Mau", layout=Layout.Y2025)


@pytest.fixture
def new_ho_phong(ca_mau, ho_phong):
    """The 2025 commune Phường Hộ Phòng became."""
    return ho_phong.successions.get(is_default=True).new_unit


@pytest.fixture
def records(ho_phong, new_ho_phong, bac_lieu, ca_mau):
    """One team filed under the old ward in 2018, one under the new ward after the change; one
    commendation before and one after 1/7/2025 (the later one issued by the new province)."""
    OrganizationFactory(commune=ho_phong, founded_on=date(2018, 1, 1))
    OrganizationFactory(commune=new_ho_phong, founded_on=AFTER)
    RecipientFactory(decision=DecisionFactory(issuing_unit=bac_lieu, decided_on=date(2025, 3, 1)), commune=ho_phong)
    RecipientFactory(decision=DecisionFactory(issuing_unit=ca_mau, decided_on=date(2025, 8, 1)),
                     commune=new_ho_phong)


def test_as_of_31_12_2024_in_todays_communes_recounts_old_records_under_the_new_units(records, ca_mau,
                                                                                      new_ho_phong):
    tally = compute_tally(unit=ca_mau, as_of=BEFORE, layout=Layout.Y2025)
    assert tally.totals.organizations.value == 1 and tally.layout == Layout.Y2025
    row = next(row for row in tally.children if row.unit_id == new_ho_phong.pk)
    assert row.organizations.value == 1


def test_a_2025_province_as_of_31_12_2024_shows_the_old_provinces_it_covers(records, ca_mau, bac_lieu, ho_phong):
    tally = compute_tally(unit=ca_mau, as_of=BEFORE, include_communes=True)
    assert tally.layout == Layout.LEGACY and tally.totals.organizations.value == 1
    assert sorted(row.name for row in tally.children) == ["Tỉnh Bạc Liêu", "Tỉnh Cà Mau"]
    assert all(row.layout == Layout.LEGACY for row in tally.children)
    assert next(row for row in tally.children if row.unit_id == bac_lieu.pk).organizations.value == 1
    # Old communes keep their own rows, under the old province; no 2025 commune among them.
    hp = next(row for row in tally.communes if row.unit_id == ho_phong.pk)
    assert (hp.organizations.value, hp.child_id) == (1, bac_lieu.pk)
    assert {row.unit_id for row in tally.communes} <= set(
        AdministrativeUnit.objects.filter(layout=Layout.LEGACY).values_list("pk", flat=True))


def test_a_2025_ward_as_of_31_12_2024_shows_only_the_old_wards_it_took_in(records, new_ho_phong, ho_phong):
    tally = compute_tally(unit=new_ho_phong, as_of=BEFORE)
    assert tally.totals.organizations.value == 1
    assert ho_phong.pk in {row.unit_id for row in tally.children}
    assert all(AdministrativeUnit.objects.get(pk=row.unit_id).successor() == new_ho_phong for row in tally.children)
    assert next(row for row in tally.children if row.unit_id == ho_phong.pk).organizations.value == 1
    # Asked in today's communes: no rows below a commune, the same totals.
    today = compute_tally(unit=new_ho_phong, as_of=BEFORE, layout=Layout.Y2025)
    assert today.children == [] and today.totals == tally.totals


def test_a_period_spanning_the_change_read_in_the_old_layout_counts_each_record_once(records, ca_mau, bac_lieu):
    tally = compute_tally(unit=ca_mau, as_of=date(2025, 6, 30), since=date(2025, 1, 1), until=date(2025, 12, 31),
                          include_communes=True)
    assert tally.layout == Layout.LEGACY
    assert tally.totals.individuals.value == 2  # the old ward's and the new ward's, each once
    # The rows are old units: the one kept under the new ward is in the totals only, never twice.
    assert sum(row.individuals.value for row in tally.children) == 1
    assert sum(row.individuals.value for row in tally.communes) == 1


def test_the_same_date_in_the_legacy_layout_counts_under_the_old_units(records, bac_lieu, ho_phong):
    # An old province's rows are its old districts whatever the date (and the note says so).
    assert compute_tally(unit=bac_lieu, as_of=TODAY).layout == Layout.LEGACY
    tally = compute_tally(unit=bac_lieu, as_of=BEFORE, include_communes=True)
    assert tally.totals.organizations.value == 1
    assert next(row for row in tally.communes if row.unit_id == ho_phong.pk).organizations.value == 1


def test_a_period_spanning_the_change_counts_each_record_once(records, ca_mau, new_ho_phong):
    tally = compute_tally(unit=ca_mau, as_of=TODAY, since=date(2025, 1, 1), until=date(2025, 12, 31),
                          include_communes=True)
    assert tally.totals.organizations.value == 2
    assert tally.totals.individuals.value == 2
    assert sum(row.individuals.value for row in tally.children) == 2
    assert [row.individuals.value for row in tally.communes if row.unit_id == new_ho_phong.pk] == [2]
    months = {m.month: m.individuals for m in tally.commendations.by_month if m.individuals}
    assert months == {"2025-03": 1, "2025-08": 1}


def test_the_layout_follows_the_date():
    assert layout_on(date(2025, 6, 30)) == Layout.LEGACY and layout_on(date(2025, 7, 1)) == Layout.Y2025


def test_the_issuing_unit_is_the_one_of_the_reports_date(bac_lieu, ca_mau, ho_phong, new_ho_phong):
    assert issuer_for(bac_lieu, date(2018, 7, 11)).issuing_body == "CÔNG AN TỈNH BẠC LIÊU"
    assert issuer_for(bac_lieu, date(2018, 7, 11)).place_and_date(date(2018, 7, 11)).startswith("Bạc Liêu, ngày")
    for unit in (ca_mau, bac_lieu):  # the old province's figures reproduced in 2026 are issued by Cà Mau
        issuer = issuer_for(unit, TODAY)
        assert issuer.issuing_body == "CÔNG AN TỈNH CÀ MAU"
        assert issuer.place_and_date(TODAY) == "Cà Mau, ngày 01 tháng 12 năm 2026"
    assert unit_as_of(ho_phong, TODAY) == new_ho_phong
    assert unit_as_of(ho_phong, date(2018, 7, 11)) == ho_phong


def test_the_note_says_which_layout_the_figures_use():
    assert "từ ngày 01/07/2025" in layout_note(Layout.Y2025, TODAY)
    assert "xã, phường kế thừa" in layout_note(Layout.Y2025, BEFORE)
    assert "trước ngày 01/07/2025" in layout_note(Layout.LEGACY, date(2018, 7, 11))


def test_the_2026_pdf_is_issued_by_ca_mau_and_says_its_layout(records, ca_mau):
    from reports.services import report_render, report_request

    report = report_request(kind="provincial_tally", unit=ca_mau, as_of=TODAY, since=date(2025, 1, 1),
                            until=TODAY)
    _reader, text = pdf_text(report_render(report_id=report.pk))
    flat = " ".join(text.split())
    assert "CÔNG AN TỈNH CÀ MAU" in flat and "BẠC LIÊU" not in flat.upper().split("BÁO CÁO")[0]
    assert "Cà Mau, ngày 01 tháng 12 năm 2026" in flat
    assert "theo đơn vị hành chính từ ngày 01/07/2025 (hai cấp)" in flat


def test_the_2018_pdf_is_still_issued_by_bac_lieu(records, bac_lieu):
    from reports.services import report_render, report_request

    day = date(2018, 7, 11)
    report = report_request(kind="provincial_tally", unit=bac_lieu, as_of=day, since=date(2017, 1, 1), until=day)
    flat = " ".join(pdf_text(report_render(report_id=report.pk))[1].split())
    assert "CÔNG AN TỈNH BẠC LIÊU" in flat and "Bạc Liêu, ngày 11 tháng 7 năm 2018" in flat
    assert "theo đơn vị hành chính trước ngày 01/07/2025 (ba cấp)" in flat


def test_the_dashboard_says_which_layout_it_counts_in(records, ca_mau, client_for, make_officer):
    from django.urls import reverse

    officer = make_officer("tinh_camau", ca_mau)
    client = client_for(officer)
    body = client.get(reverse("reports:dashboard"), {"as_of": "2024-12-31", "layout": "2025"}).content.decode()
    assert "xã, phường kế thừa" in body
    body = client.get(reverse("reports:dashboard"), {"as_of": "2024-12-31"}).content.decode()
    assert "trước ngày 01/07/2025 (ba cấp)" in body


def test_a_2025_officers_dashboard_before_the_change_opens_the_old_units_it_covers(records, ca_mau, bac_lieu,
                                                                                   ho_phong, new_ho_phong,
                                                                                   client_for, make_officer):
    from django.urls import reverse

    from organizations.models import Organization

    province = client_for(make_officer("tinh_camau", ca_mau))
    page = province.get(reverse("reports:dashboard"), {"as_of": "2024-12-31"})
    old_bac_lieu = reverse("reports:dashboard_unit", args=[bac_lieu.pk])
    assert old_bac_lieu in page.content.decode()
    old_page = province.get(old_bac_lieu, {"as_of": "2024-12-31"})
    assert old_page.status_code == 200
    # The old province's row has no list to open (the lists filter by district and commune), so its figures
    # link nowhere; inside it, the old town's figure opens the list of exactly its team.
    assert f"district={ho_phong.parent.pk}&amp;active_on=2024-12-31" in old_page.content.decode()
    listed = province.get(reverse("organizations:organization_list"),
                          {"district": ho_phong.parent.pk, "active_on": "2024-12-31"})
    assert listed.status_code == 200 and Organization.objects.get(commune=ho_phong).name in listed.content.decode()
    # Today's communes asked for: the rows are the new wards, and their links keep the choice.
    page = province.get(reverse("reports:dashboard"), {"as_of": "2024-12-31", "layout": "2025"}).content.decode()
    assert reverse("reports:dashboard_unit", args=[new_ho_phong.pk]) + "?" in page and "layout=2025" in page
    assert old_bac_lieu not in page

    ward = client_for(make_officer("phuong_moi", new_ho_phong))
    page = ward.get(reverse("reports:dashboard"), {"as_of": "2024-12-31"}).content.decode()
    assert reverse("reports:dashboard_unit", args=[ho_phong.pk]) in page
    assert ward.get(reverse("reports:dashboard_unit", args=[ho_phong.pk]), {"as_of": "2024-12-31"}).status_code == 200
    # Nothing around what the ward covers: not the old town, not the old province.
    for unit in (ho_phong.parent, bac_lieu):
        assert ward.get(reverse("reports:dashboard_unit", args=[unit.pk]), {"as_of": "2024-12-31"}).status_code == 404
