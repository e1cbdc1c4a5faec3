"""The leader opens the portal, sees the article's 4.354 and drills down to a district."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User

pytestmark = pytest.mark.browser


def test_the_leader_sees_the_figures_and_drills_down_to_a_district(page, login, live_url):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    login(page, User.objects.get(username="lanhdao"), password="antq-demo-2018")

    page.goto(live_url("home"))
    page.get_by_role("link", name="Số liệu ngày 11/07/2018, khen thưởng từ 01/01/2017 (bài báo Bạc Liêu 2018)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan phong trào — Tỉnh Bạc Liêu")
    expect(page.locator("[data-figure=organizations] .value")).to_have_text("4.354")
    expect(page.locator("[data-figure=members] .value")).to_have_text("17.077")

    page.locator("#children-table").get_by_role("link", name="Thị xã Giá Rai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan phong trào — Thị xã Giá Rai")
    crumbs = page.get_by_role("navigation", name="Vị trí")
    expect(crumbs.get_by_role("link", name="Tỉnh Bạc Liêu")).to_be_visible()
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Thị xã Giá Rai")
    expect(page.locator(".commune-map .commune-shape")).to_have_count(10)
    # The chosen dates follow the drill-down.
    expect(page.get_by_label("Số liệu đến ngày")).to_have_value("11/07/2018")

    crumbs.get_by_role("link", name="Tỉnh Bạc Liêu").click()
    expect(page.locator("[data-figure=organizations] .value")).to_have_text("4.354")
    assert page.console_errors == []
