"""An officer adds a team with two members in the real browser, is told what is wrong, fixes it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from organizations.models import Organization

pytestmark = pytest.mark.browser


def test_an_officer_adds_an_organization_with_two_members(page, login, live_url, commune_officer):
    login(page, commune_officer)
    page.goto(live_url("organizations:organization_list"))
    page.get_by_role("link", name="Thêm tổ chức").click()

    page.get_by_label("Tên tổ chức").fill("Tổ an ninh nhân dân khóm 3")
    page.get_by_label("Loại tổ chức").select_option(label="Tổ an ninh nhân dân")
    page.get_by_label("Ấp, khóm, thôn, tổ dân phố").fill("Khóm 3")
    page.get_by_label("Ngày thành lập").fill("15/03/2017")

    add_member = page.get_by_role("button", name="Thêm thành viên")
    add_member.click()
    add_member.click()
    expect(page.locator("#members-forms fieldset")).to_have_count(2)
    page.locator("#id_members-0-full_name").fill("Trần Văn Phúc")
    page.locator("#id_members-0-role").select_option("to_truong")
    page.locator("#id_members-1-full_name").fill("Lê Thị Hồng Nhung")
    page.locator("#id_members-1-citizen_id").fill("09508000")  # too short
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text("Số CCCD phải gồm đúng 12 chữ số.")).to_be_visible()
    expect(page.get_by_label("Tên tổ chức")).to_have_value("Tổ an ninh nhân dân khóm 3")
    expect(page.locator("#id_members-0-full_name")).to_have_value("Trần Văn Phúc")
    expect(page.locator("#id_members-1-full_name")).to_have_value("Lê Thị Hồng Nhung")
    expect(page.locator("#id_members-1-citizen_id")).to_have_value("09508000")
    expect(page.get_by_label("Ngày thành lập")).to_have_value("15/03/2017")
    assert not Organization.objects.exists()

    page.locator("#id_members-1-citizen_id").fill("095180001234")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tổ an ninh nhân dân khóm 3")
    expect(page.get_by_text("Đã thêm tổ chức")).to_be_visible()
    members = page.locator("section[aria-labelledby=members-title] tbody tr")
    expect(members).to_have_count(2)
    expect(page.get_by_text("********1234")).to_be_visible()
    organization = Organization.objects.get()
    assert organization.founded_on == date(2017, 3, 15)
    assert organization.commune == commune_officer.unit and organization.created_by == commune_officer
    assert sorted(organization.members.values_list("full_name", flat=True)) == ["Lê Thị Hồng Nhung", "Trần Văn Phúc"]
    assert page.console_errors == []
