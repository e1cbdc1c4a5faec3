"""The main menu: one entry marked as the current page, and only entries the user may use."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu(client, url: str) -> tuple[list[str], list[str]]:
    """The menu's entries and the one(s) marked as the current page, on the page at `url`."""
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r">([^<]+)</a>", nav), re.findall(r'aria-current="page">([^<]+)<', nav)


def current(client, url: str) -> list[str]:
    return menu(client, url)[1]


def test_the_overview_is_not_also_marked_as_the_reports_archive(client, provincial_staff):
    client.force_login(provincial_staff)
    assert current(client, reverse("reports:dashboard")) == ["Tổng quan"]
    assert current(client, reverse("reports:report_list")) == ["Báo cáo"]
    assert current(client, reverse("organizations:organization_list")) == ["Tổ chức quần chúng"]


def test_a_leader_is_not_offered_the_import_they_may_not_use(client, leader, commune_officer):
    client.force_login(leader)
    entries, _current = menu(client, reverse("organizations:organization_list"))
    assert "Nhập Excel" not in entries and "Tổ chức quần chúng" in entries
    client.force_login(commune_officer)
    entries, _current = menu(client, reverse("organizations:organization_list"))
    assert "Nhập Excel" in entries


def test_every_page_names_its_icon_so_browsers_do_not_ask_for_a_missing_one(client):
    assert 'rel="icon"' in client.get(reverse("accounts:login")).content.decode()


def test_screen_readers_find_every_fields_help_text(client, commune_officer, provincial_staff):
    """Each aria-describedby a form field carries points at an element of the page."""
    checked = 0
    for user, url in ((commune_officer, reverse("organizations:organization_create")),
                      (provincial_staff, reverse("commendations:decision_create"))):
        client.force_login(user)
        html = client.get(url).content.decode()
        for described_by in re.findall(r'aria-describedby="([^"]+)"', html):
            for target in described_by.split():
                if "__prefix__" not in target:
                    assert f'id="{target}"' in html, f"{url}: nothing has id {target}"
                    checked += 1
    assert checked > 0


def test_the_header_names_the_officers_scope_as_its_units_are_named_now(client_for, district_officer, gia_rai):
    client = client_for(district_officer)
    organizations = reverse("organizations:organization_list")
    assert "Thị xã Giá Rai, Tỉnh Bạc Liêu</span>" in client.get(organizations).text
    assert "Thị xã Giá Rai, Tỉnh Bạc Liêu</span>" in client.get(organizations).text  # kept with the unit tree
    province = gia_rai.parent
    province.name = "Tỉnh Bạc Liêu mới"
    province.save()
    assert "Thị xã Giá Rai, Tỉnh Bạc Liêu mới</span>" in client.get(organizations).text
