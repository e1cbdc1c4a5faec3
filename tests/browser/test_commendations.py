"""An officer links commendation recipients to a member, a team and a model's deployment by typing names."""

import pytest
from playwright.sync_api import expect

from commendations.models import Recipient
from tests.commendations import conftest as stories

pytestmark = pytest.mark.browser
# The commendations stories' fixtures, for this directory too.
certificate, director, commune_registrar = stories.certificate, stories.director, stories.commune_registrar
linkable_here, linkable_there, loudspeaker = stories.linkable_here, stories.linkable_there, stories.loudspeaker


def pick(page, row: int, field: str, typed: str, option: str):
    page.locator(f"#id_recipients-{row}-{field}_search").fill(typed)
    page.locator(f"#id_recipients-{row}-{field}_options").get_by_role("button", name=option).click()


def test_an_officer_picks_linked_records_by_name_in_scope_only(page, login, live_url, commune_registrar, ho_phong,
                                                               director, certificate, linkable_here, linkable_there):
    login(page, commune_registrar)
    page.goto(live_url("commendations:decision_create"))
    page.locator("#id_number").fill("15/QĐ-CAP")
    page.locator("#id_decided_on").fill("01/03/2018")
    page.locator("#id_authority").select_option(str(director.pk))
    page.locator("#id_issuing_unit").select_option(str(ho_phong.pk))
    page.locator("#id_form").select_option(str(certificate.pk))
    page.locator("#id_kind").select_option("dot_xuat")

    # Row 1: a person who is a member of the Hộ Phòng team; the namesake in Phường 1 is not offered.
    # Choosing the member writes their name, year of birth and commune into the empty row.
    expect(page.locator("#id_recipients-0-member")).to_be_hidden()
    page.get_by_label("thành viên tổ chức").first.fill("le van binh")
    options = page.locator("#id_recipients-0-member_options").get_by_role("button")
    expect(options).to_have_count(1)
    expect(options).to_contain_text("Tổ an ninh nhân dân khóm 1")
    options.click()
    expect(page.locator("#id_recipients-0-member")).to_have_value(str(linkable_here.member.pk))
    expect(page.locator("[data-link-chosen]").first).to_contain_text("Lê Văn Bình — sinh năm 1975")
    expect(page.locator("#id_recipients-0-recipient_type")).to_have_value("ca_nhan")
    expect(page.locator("#id_recipients-0-full_name")).to_have_value("Lê Văn Bình")
    expect(page.locator("#id_recipients-0-birth_year")).to_have_value("1975")
    expect(page.locator("#id_recipients-0-commune")).to_have_value(str(ho_phong.pk))

    # Row 2, by keyboard only: the team.
    page.locator("#id_recipients-1-recipient_type").select_option("tap_the")
    page.locator("#id_recipients-1-commune").select_option(str(ho_phong.pk))
    search = page.locator("#id_recipients-1-organization_search")
    search.fill("to an ninh")
    expect(page.locator("#id_recipients-1-organization_options").get_by_role("button")).to_have_count(1)
    search.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#id_recipients-1-organization")).to_have_value(str(linkable_here.organization.pk))

    # A row added with the button: the loudspeaker deployed in Hộ Phòng.
    page.get_by_role("button", name="Thêm dòng").click()
    page.locator("#id_recipients-3-recipient_type").select_option("tap_the")
    page.locator("#id_recipients-3-commune").select_option(str(ho_phong.pk))
    pick(page, 3, "deployment", "tieng loa", "Tiếng loa về ANTT")
    expect(page.locator("#id_recipients-3-deployment")).to_have_value(str(linkable_here.deployment.pk))

    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu quyết định")).to_be_visible()
    recipients = list(Recipient.objects.filter(decision__number="15/QĐ-CAP").order_by("id"))
    assert recipients[0].person.member == linkable_here.member
    assert recipients[1].organization == linkable_here.organization
    assert recipients[2].deployment == linkable_here.deployment

    # Editing shows the links by name; one is unlinked with the clear button.
    page.get_by_role("link", name="Sửa", exact=True).click()
    expect(page.locator("#id_recipients-1-organization").locator("..")).to_contain_text(
        "Tổ an ninh nhân dân khóm 1 — Tổ an ninh nhân dân — Phường Hộ Phòng")
    page.locator("#id_recipients-0-member").locator("..").get_by_role("button", name="Bỏ liên kết").click()
    expect(page.locator("#id_recipients-0-member")).to_have_value("")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu quyết định")).to_be_visible()
    recipients[0].person.refresh_from_db()
    assert recipients[0].person.member is None
    assert page.console_errors == []
