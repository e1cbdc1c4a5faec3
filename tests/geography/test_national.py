"""The national scope: a unit above the provinces ("Toàn quốc") that the Ministry's officers are given."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from geography.loaders import ensure_nation, ensure_province
from geography.models import AdministrativeUnit, Layout, Level
from organizations.models import Organization
from reports.tally import compute_tally
from tests.reports.factories import MemberFactory, OrganizationFactory

AS_OF, SINCE = date(2018, 6, 30), date(2018, 1, 1)


@pytest.fixture
def two_provinces(bac_lieu, ho_phong):
    """An organization in Hộ Phòng (Bạc Liêu) and two in a commune of Sóc Trăng."""
    soc_trang = ensure_province("Sóc Trăng")
    other = AdministrativeUnit.objects.communes_under(soc_trang).order_by("path").first()
    MemberFactory(organization=OrganizationFactory(name="Tổ Hộ Phòng", commune=ho_phong))
    for name in ("Tổ Sóc Trăng 1", "Tổ Sóc Trăng 2"):
        MemberFactory.create_batch(2, organization=OrganizationFactory(name=name, commune=other))
    return bac_lieu, soc_trang


@pytest.fixture
def nation(db):
    return ensure_nation(Layout.LEGACY)


def test_the_national_unit_sits_above_the_provinces(two_provinces, nation):
    bac_lieu, soc_trang = two_provinces
    assert (nation.level, nation.parent_id, nation.path) == (Level.NATION, None, "legacy/")
    assert list(AdministrativeUnit.objects.children_of(nation).order_by("name")) == [bac_lieu, soc_trang]
    assert nation.ancestors() == [nation] and nation.full_name() == "Toàn quốc"
    assert bac_lieu.ancestors() == [nation, bac_lieu]
    # A province still names no country above it.
    assert bac_lieu.full_name() == "Tỉnh Bạc Liêu"


def test_a_national_officer_sees_every_province_and_a_province_officer_only_theirs(two_provinces, nation,
                                                                                   make_officer):
    ministry = make_officer("bo_v05", nation, Role.REPORTING)
    province = make_officer("tinh_bl", two_provinces[0], Role.REPORTING)
    assert set(Organization.objects.visible_to(ministry).values_list("name", flat=True)) == {
        "Tổ Hộ Phòng", "Tổ Sóc Trăng 1", "Tổ Sóc Trăng 2"}
    assert list(Organization.objects.visible_to(province).values_list("name", flat=True)) == ["Tổ Hộ Phòng"]


def test_the_national_tally_breaks_down_by_province(two_provinces, nation, make_officer):
    ministry = make_officer("bo_v05", nation, Role.REPORTING)
    tally = compute_tally(unit=nation, as_of=AS_OF, since=SINCE, user=ministry)
    assert (tally.totals.organizations.value, tally.totals.members.value) == (3, 5)
    assert {(row.name, row.organizations.value, row.members.value) for row in tally.children} == {
        ("Tỉnh Bạc Liêu", 1, 1), ("Tỉnh Sóc Trăng", 2, 4)}


def test_a_province_officer_cannot_open_the_national_tally(two_provinces, nation, make_officer):
    from django.core.exceptions import PermissionDenied

    province = make_officer("tinh_bl", two_provinces[0], Role.REPORTING)
    with pytest.raises(PermissionDenied):
        compute_tally(unit=nation, as_of=AS_OF, since=SINCE, user=province)


def test_the_national_dashboard_shows_the_provinces_at_a_fixed_cost(two_provinces, nation, make_officer, client_for,
                                                                   django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ministry = make_officer("bo_v05", nation, Role.REPORTING)
    client = client_for(ministry)
    url = reverse("reports:dashboard_unit", args=[nation.pk]) + f"?as_of={AS_OF}&since={SINCE}"
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Toàn quốc" in page and "Tỉnh Sóc Trăng" in page and "Tỉnh Bạc Liêu" in page
    # Ten times the organizations, spread over both provinces: not one query more.
    communes = list(AdministrativeUnit.objects.communes_under(nation).order_by("?")[:20])
    for commune in communes:
        MemberFactory.create_batch(2, organization=OrganizationFactory(commune=commune))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_create_officer_finds_it_by_name(nation):
    call_command("create_officer", "bo_v05", "--unit", "Toàn quốc", "--layout", "legacy", "--role",
                 Role.REPORTING.value)
    assert User.objects.get(username="bo_v05").unit == nation


def test_a_province_row_of_the_national_dashboard_links_to_that_province_only(two_provinces, nation, make_officer,
                                                                              client_for):
    soc_trang = two_provinces[1]
    client = client_for(make_officer("bo_v05", nation, Role.REPORTING))
    page = client.get(reverse("reports:dashboard_unit", args=[nation.pk]) + f"?as_of={AS_OF}&since={SINCE}")
    assert f"district={soc_trang.pk}" in page.content.decode()
    listed = client.get(reverse("organizations:organization_list") + f"?district={soc_trang.pk}").content.decode()
    assert "Tổ Sóc Trăng 1" in listed and "Tổ Sóc Trăng 2" in listed and "Tổ Hộ Phòng" not in listed


def test_a_province_officer_is_offered_no_province_in_the_area_filter(two_provinces, make_officer, client_for):
    bac_lieu, soc_trang = two_provinces
    client = client_for(make_officer("tinh_bl", bac_lieu, Role.REPORTING))
    listed = client.get(reverse("organizations:organization_list") + f"?district={soc_trang.pk}").content.decode()
    assert "Tổ Sóc Trăng" not in listed and "Tổ Hộ Phòng" not in listed


def test_a_national_officer_climbs_back_from_a_province_to_the_country(two_provinces, nation, make_officer,
                                                                       client_for):
    bac_lieu = two_provinces[0]
    ministry = client_for(make_officer("bo_v05", nation, Role.REPORTING))
    url = reverse("reports:dashboard_unit", args=[bac_lieu.pk])
    assert reverse("reports:dashboard_unit", args=[nation.pk]) in ministry.get(url).content.decode()


def test_the_ministry_issues_the_national_report_in_either_layout(nation):
    from reports.official import issuer_for

    y2025 = ensure_nation(Layout.Y2025)
    for day in (date(2018, 6, 30), date(2025, 9, 30)):
        issuer = issuer_for(nation, day)
        assert (issuer.parent_body, issuer.symbol) == ("BỘ CÔNG AN", "BC-V05")
    from reports.official import unit_as_of
    assert unit_as_of(nation, date(2025, 9, 30)) == y2025 and unit_as_of(y2025, date(2018, 1, 1)) == nation


def test_the_country_is_found_by_its_code_or_its_name_in_either_layout(nation):
    from geography.lookup import resolve_unit

    today = ensure_nation(Layout.Y2025)
    assert resolve_unit("VN", layout=Layout.LEGACY) == nation
    assert resolve_unit("vn", on=date(2025, 8, 1)) == today
    assert resolve_unit("Toàn quốc", layout=Layout.LEGACY) == nation


def test_the_countrys_kept_figures_move_with_a_write_in_any_province(two_provinces, nation, make_officer,
                                                                     client_for):
    """The country's stamp is every commune's (reports.kept, `Ids.everywhere`): its kept list and tally are
    counted again after a write in any province, a province's stay kept after a write in another."""
    from geography.models import rolled_up_ids
    from reports.kept import stamp

    bac_lieu, soc_trang = two_provinces
    ministry = client_for(make_officer("bo_v05", nation, Role.REPORTING))
    listed = reverse("organizations:organization_list")
    assert 'data-total="3"' in ministry.get(listed).text
    country, province = stamp(rolled_up_ids(nation)), stamp(rolled_up_ids(bac_lieu))
    OrganizationFactory(name="Tổ Sóc Trăng 3", commune=AdministrativeUnit.objects.communes_under(soc_trang).first())
    assert stamp(rolled_up_ids(bac_lieu)) == province
    assert stamp(rolled_up_ids(nation)) != country
    body = ministry.get(listed).text
    assert 'data-total="4"' in body and "Tổ Sóc Trăng 3" in body
    assert compute_tally(unit=nation, as_of=date.today(), since=SINCE).totals.organizations.value == 4
