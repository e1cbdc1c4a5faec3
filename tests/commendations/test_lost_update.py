"""Two staff members edit the same decision and its recipients: the stale save is refused."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from commendations.models import Decision, Recipient

pytestmark = pytest.mark.django_db


def version_of(page: str) -> str:
    return re.search(r'name="_version" value="([^"]+)"', page).group(1)


def test_a_stale_decision_save_is_refused_and_shows_the_recipient_change(browser_for, make_officer,
                                                                         provincial_staff, bac_lieu, form_data):
    first = browser_for(provincial_staff)
    second = browser_for(make_officer("tinh_tonghop_2", bac_lieu, Role.REPORTING))
    assert first.post(reverse("commendations:decision_create"), form_data).status_code == 302
    decision = Decision.objects.get()
    url = reverse("commendations:decision_update", args=[decision.pk])
    opened = {**form_data, "recipients-TOTAL_FORMS": "3", "recipients-INITIAL_FORMS": "3"}
    for index, recipient in enumerate(decision.recipients.order_by("id")):
        opened[f"recipients-{index}-id"] = recipient.pk
        opened[f"recipients-{index}-decision"] = decision.pk
    mine = {**opened, "_version": version_of(first.get(url).text),
            "recipients-2-group_name": "Tổ tự quản khóm 3 (mới)"}
    theirs = {**opened, "_version": version_of(second.get(url).text), "reason": "Bắt quả tang trộm cắp"}
    assert first.post(url, mine).status_code == 302

    response = second.post(url, theirs)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Tổ tự quản khóm 3 (mới)" in body and "Bắt quả tang trộm cắp" in body
    decision.refresh_from_db()
    assert decision.reason == "Tố giác tội phạm"

    merged = {**theirs, "recipients-2-group_name": "Tổ tự quản khóm 3 (mới)", "_version": version_of(body)}
    assert second.post(url, merged).status_code == 302
    decision.refresh_from_db()
    assert decision.reason == "Bắt quả tang trộm cắp"
    assert Recipient.objects.filter(group_name="Tổ tự quản khóm 3 (mới)").exists()
