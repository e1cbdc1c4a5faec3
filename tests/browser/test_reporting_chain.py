"""The reporting chain in a real browser, in both layouts: the commune officer submits the quarter,
the unit above approves it, and the dashboard's completeness for that quarter counts it."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from geography.loaders import ensure_province
from geography.models import AdministrativeUnit, Layout
from reports.periods import QUARTER, ReportingPeriod
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LAYOUTS = {
    # province, the approving level's unit (None: the province itself), the quarter
    "legacy": ("Bạc Liêu", Layout.LEGACY, ReportingPeriod(QUARTER, 2018, 3)),
    "2025": ("Cà Mau", Layout.Y2025, ReportingPeriod(QUARTER, 2025, 4)),
}


def _people(layout: str, make_officer):
    name, unit_layout, period = LAYOUTS[layout]
    province = ensure_province(name, unit_layout)
    commune = AdministrativeUnit.objects.communes_under(province).order_by("path").first()
    above = commune.parent  # the district before 2025, the province after
    assert (above.pk == province.pk) == (layout == "2025")
    clerk = make_officer(f"xa_{layout}", commune)
    approver = make_officer(f"tonghop_{layout}", above, Role.REPORTING)
    leader = make_officer(f"lanhdao_{layout}", province, Role.LEADERSHIP)
    total = AdministrativeUnit.objects.communes_under(province).count()
    return province, commune, period, clerk, approver, leader, total


def _signed_in(browser, login, user):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return login(context.new_page(), user, PASSWORD)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_submit_then_approve_shows_on_the_dashboard(layout, page, browser, login, live_url, make_officer):
    province, commune, period, clerk, approver, leader, total = _people(layout, make_officer)
    commune_page = live_url("approvals:commune_period", period.key, commune.pk)

    login(page, clerk)
    page.goto(commune_page)
    page.get_by_label("Số liệu đã cập nhật đầy đủ đến hết kỳ").check()
    page.get_by_label("Ghi chú").fill("Đã rà soát đủ tổ và thành viên")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator(".badge")).to_have_text("Đã nộp, chờ duyệt")
    expect(page.get_by_role("button", name="Duyệt số liệu")).to_have_count(0)  # a commune never approves itself

    above = _signed_in(browser, login, approver)
    above.goto(commune_page)
    above.get_by_role("button", name="Duyệt số liệu").click()
    expect(above.locator(".badge")).to_have_text("Đã duyệt")
    expect(above.get_by_role("table")).to_contain_text("Cán bộ " + approver.username)

    reader = _signed_in(browser, login, leader)
    reader.goto(live_url("reports:dashboard_unit", province.pk))
    # The Decree 09 period picker sets the dashboard's dates to the quarter's cut-offs (15th → 14th).
    reader.get_by_label("Kỳ báo cáo (Nghị định 09)").select_option(period.key)
    reader.get_by_role("button", name="Xem số liệu").click()
    expect(reader.get_by_label("Khen thưởng từ ngày")).to_have_value(f"{period.since:%d/%m/%Y}")
    completeness = reader.locator(".chain-completeness")
    expect(completeness).to_contain_text(f"Tình hình báo cáo {period.name}")
    # The unit table: the approved commune's unit is coloured by its worst commune's status.
    row = reader.locator("#chain-units-table tbody tr", has_text=commune.parent.name if layout == "legacy"
                         else commune.name).first
    expect(row).to_have_class("chain-status-approved" if layout == "2025" else "chain-status-not_submitted")
    expect(completeness).to_contain_text(f"1/{total:,}".replace(",", ".") + " xã đã được duyệt")
    completeness.get_by_role("link", name="xã đã được duyệt").first.click()
    expect(reader.get_by_role("main")).to_contain_text(commune.name)
    assert page.console_errors == []
