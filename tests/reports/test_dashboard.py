"""The dashboard: the tally's figures at a glance, drill-down within the scope, a map of communes."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from antq_portal.templatetags.portal import vn_number
from commendations.models import Decision
from geography.models import AdministrativeUnit
from models_registry.models import Deployment
from reports.formatting import signed
from reports.tally import compute_tally

from .conftest import AS_OF, SINCE
from .dashboard_helpers import DEMO, dashboard_url, figures, shapes
from .factories import RecipientFactory

pytestmark = pytest.mark.django_db


def _unit(province, name: str, parent: str | None = None) -> AdministrativeUnit:
    units = AdministrativeUnit.objects.subtree(province).filter(name=name)
    return units.filter(parent__name=parent).get() if parent else units.get()


def test_the_figures_are_the_tallys(small_world, leader, bac_lieu, client_for):
    page = client_for(leader).get(dashboard_url(), DEMO)

    assert page.status_code == 200
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE, user=leader)
    shown = figures(page.content.decode())
    assert set(shown) == {"organizations", "members", "models", "models_ministry", "models_province",
                          "collectives", "individuals"}
    for key, (value, _url) in shown.items():
        assert value == vn_number(getattr(tally.totals, key).value), key
    assert shown["organizations"][0] == "4" and shown["individuals"][0] == "4"
    content = page.content.decode()
    assert "Số liệu đến ngày 11/07/2018; khen thưởng từ 01/01/2017 đến 11/07/2018." in content
    # The change against the period before, and the district breakdown from the same tally.
    organizations = tally.totals.organizations
    assert f"{signed(organizations.delta)} so với kỳ trước ({vn_number(organizations.previous)})" in content
    for child in tally.children:
        assert f'{reverse("reports:dashboard_unit", args=[child.unit_id])}?' in content


def test_a_figure_links_to_the_list_of_the_rows_it_counts(small_world, leader, client_for):
    client = client_for(leader)
    shown = figures(client.get(dashboard_url(), DEMO).content.decode())

    organizations = client.get(shown["organizations"][1])
    assert f"{shown['organizations'][0]} tổ chức" in organizations.content.decode()
    members = client.get(shown["members"][1])
    assert f"{shown['members'][0]} lượt thành viên" in members.content.decode()


def test_defaults_are_today_and_this_year_and_a_shortcut_opens_the_articles_view(small_world, leader, client_for):
    content = client_for(leader).get(dashboard_url()).content.decode()

    today = date.today()
    assert f"Số liệu đến ngày {today:%d/%m/%Y}; khen thưởng từ 01/01/{today.year}" in content
    assert 'href="?as_of=2018-07-11&amp;since=2017-01-01"' in content
    # The date boxes hold the dates the figures are for, ready to change.
    assert re.search(rf'name="as_of"[^>]*value="{today:%d/%m/%Y}"', content)
    assert re.search(rf'name="since"[^>]*value="01/01/{today.year}"', content)


def test_a_period_that_ends_before_it_starts_is_refused_in_vietnamese(small_world, leader, client_for):
    page = client_for(leader).get(dashboard_url(), {"since": "2018-07-11", "until": "2018-01-01"})

    assert page.status_code == 200
    assert "Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc." in page.content.decode()


def test_the_root_address_opens_the_dashboard(leader, client_for):
    response = client_for(leader).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


def test_drill_down_province_district_commune_with_breadcrumbs(small_world, leader, bac_lieu, gia_rai, ho_phong,
                                                                client_for):
    client = client_for(leader)
    province = client.get(dashboard_url(), DEMO).content.decode()
    gia_rai_link = re.search(rf'<a href="({reverse("reports:dashboard_unit", args=[gia_rai.pk])}\?[^"]*)">'
                             r"Thị xã Giá Rai</a>", province)
    assert gia_rai_link, "the district table links to the district's page"

    district = client.get(gia_rai_link.group(1).replace("&amp;", "&")).content.decode()
    assert "Tổng quan phong trào — Thị xã Giá Rai" in district
    crumbs = district.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'href="{reverse("reports:dashboard_unit", args=[bac_lieu.pk])}?' in crumbs
    assert '<li aria-current="page">Thị xã Giá Rai</li>' in crumbs
    assert "Phường Hộ Phòng" in district  # communes are the district's children

    # A model's team commended in the period is named by its model and commune (fetched apart from the rows).
    team = Deployment.objects.filter(commune=ho_phong).select_related("model", "commune").first()
    RecipientFactory(recipient_type="tap_the", person=None, deployment=team, commune=ho_phong,
                     decision=Decision.objects.filter(decided_on=date(2017, 11, 20)).first())
    commune = client.get(dashboard_url(ho_phong), DEMO).content.decode()
    assert f"<li>{team.model.name} — Phường Hộ Phòng " in commune
    crumbs = commune.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", crumbs) == ["Tỉnh Bạc Liêu", "Thị xã Giá Rai",
                                                                      "Phường Hộ Phòng"]
    # A commune's page lists what it counts: its organizations, models and commendations.
    assert "Tổ chức quần chúng của địa bàn" in commune
    assert "Người hoàn lương" in commune and "Tiếng loa về ANTT" in commune
    assert "Nguyễn Minh Chẳng" in commune and "Tổ bảo vệ ANTT khóm 1" in commune
    assert "Phạm Quốc Việt" not in commune  # Phường 1, Bạc Liêu city


def test_a_district_officer_sees_their_district_only(small_world, district_officer, bac_lieu, ho_phong,
                                                     client_for):
    client = client_for(district_officer)
    own = client.get(dashboard_url(), DEMO)
    assert "Tổng quan phong trào — Thị xã Giá Rai" in own.content.decode()
    tally = compute_tally(unit=district_officer.unit, as_of=AS_OF, since=SINCE, user=district_officer)
    assert figures(own.content.decode())["organizations"][0] == vn_number(tally.totals.organizations.value)

    city = _unit(bac_lieu, "Thành phố Bạc Liêu")
    assert client.get(dashboard_url(city), DEMO).status_code == 404
    assert client.get(dashboard_url(bac_lieu), DEMO).status_code == 404
    assert client.get(dashboard_url(_unit(bac_lieu, "Phường 1", "Thành phố Bạc Liêu"))).status_code == 404

    commune = client.get(dashboard_url(ho_phong), DEMO).content.decode()
    crumbs = commune.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Tỉnh Bạc Liêu" not in crumbs  # no breadcrumb to a unit they cannot open
    assert "Thị xã Giá Rai</a>" in crumbs


def test_a_commune_officers_dashboard_is_their_communes_page(small_world, commune_officer, gia_rai, client_for):
    client = client_for(commune_officer)
    content = client.get(dashboard_url(), DEMO).content.decode()
    assert "Tổng quan phong trào — Phường Hộ Phòng" in content
    assert figures(content)["organizations"][0] == "3"
    assert client.get(dashboard_url(gia_rai)).status_code == 404


def test_the_map_has_one_linked_shape_per_commune_of_the_scope(small_world, leader, bac_lieu, gia_rai, ho_phong,
                                                               client_for):
    client = client_for(leader)
    province = shapes(client.get(dashboard_url(), DEMO).content.decode())
    assert len(province) == 64
    assert {unit for _href, _shade, unit, _title in province} == set(
        AdministrativeUnit.objects.communes_under(bac_lieu).values_list("pk", flat=True))

    district = client.get(dashboard_url(gia_rai), DEMO).content.decode()
    drawn = shapes(district)
    assert len(drawn) == 10
    ho_phong_shape = next(s for s in drawn if s[2] == ho_phong.pk)
    assert ho_phong_shape[0].startswith(reverse("reports:dashboard_unit", args=[ho_phong.pk]) + "?")
    assert ho_phong_shape[3] == "Phường Hộ Phòng: 3 tổ chức quần chúng"
    assert ho_phong_shape[1] == "q4"  # the only commune of Giá Rai with organizations
    assert {s[1] for s in drawn if s[2] != ho_phong.pk} == {"q0"}
    assert 'class="map-legend"' in district and 'class="swatch q0"' in district

    # Shaded by another figure, picked in a plain GET form.
    by_members = shapes(client.get(dashboard_url(gia_rai), {**DEMO, "figure": "members"}).content.decode())
    assert next(s for s in by_members if s[2] == ho_phong.pk)[3] == "Phường Hộ Phòng: 5 thành viên"
    assert '<select name="figure" id="map-figure">' in district


def test_no_inline_script_or_style(small_world, leader, ho_phong, client_for):
    client = client_for(leader)
    for url in (dashboard_url(), dashboard_url(ho_phong)):
        content = client.get(url, DEMO).content.decode()
        assert "style=" not in content
        assert not re.search(r"<script(?![^>]*\bsrc=)", content)
        assert "css/dashboard.css" in content


@pytest.mark.parametrize("where", ["province", "commune"])
def test_the_page_answers_with_a_fixed_number_of_queries(small_world, leader, ho_phong, client_for,
                                                         django_assert_max_num_queries, where):
    client = client_for(leader)
    url = dashboard_url() if where == "province" else dashboard_url(ho_phong)
    client.get(url, DEMO)  # warm the session and the content types
    # A fixed set, not one per row: the commune's map also draws its district's other communes (their
    # cells and names), and a scope reads the old units a 2025 unit covers.
    with django_assert_max_num_queries(48):
        assert client.get(url, DEMO).status_code == 200


def test_an_administrator_without_a_unit_picks_the_province(make_officer, bac_lieu, client_for):
    admin = make_officer("toanquoc", bac_lieu, Role.ADMINISTRATOR)
    admin.unit, admin.is_superuser = None, True
    admin.save()
    content = client_for(admin).get(dashboard_url()).content.decode()
    assert f'href="{reverse("reports:dashboard_unit", args=[bac_lieu.pk])}"' in content


def test_the_period_picker_names_the_periods_in_the_officers_language(small_world, leader, client_for):
    """The picker's names are kept per day and language: a Vietnamese page, then an English one, then
    Vietnamese again each name the periods in their own language."""
    from django.conf import settings

    client = client_for(leader)
    assert "Quý III/2018" in client.get(dashboard_url(), DEMO).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(dashboard_url(), DEMO).content.decode()
    assert "Quarter III/2018" in english and "Quý III/2018" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Quý III/2018" in client.get(dashboard_url(), DEMO).content.decode()
