"""A decision's change history also tells who added, edited or removed which recipient."""

import pytest
from django.urls import reverse

from commendations.models import Decision, Recipient
from commendations.services import decision_save

from .conftest import individual

pytestmark = pytest.mark.django_db


def history(client, decision) -> list[dict]:
    return client.get(reverse("commendations:decision_detail", args=[decision.pk])).context["history"]


def test_recipients_added_edited_and_removed_are_in_the_decisions_history(client_for, provincial_staff,
                                                                          administrator, form_data, ho_phong):
    client_for(provincial_staff).post(reverse("commendations:decision_create"), form_data)
    decision = Decision.objects.get()
    data = {**form_data, "recipients-TOTAL_FORMS": "4", "recipients-INITIAL_FORMS": "3",
            "recipients-0-achievement": "Bắt quả tang đối tượng trộm cắp", "recipients-2-DELETE": "on",
            "recipients-3-recipient_type": "ca_nhan", "recipients-3-full_name": "Trần Văn Mới",
            "recipients-3-commune": ho_phong.pk}
    for index, recipient in enumerate(decision.recipients.order_by("id")):
        data[f"recipients-{index}-id"] = recipient.pk
    client = client_for(administrator)
    response = client.post(reverse("commendations:decision_update", args=[decision.pk]), data)
    assert response.status_code == 302, response.context["formset"].errors

    entries = {entry["action"]: entry for entry in history(client, decision)}
    editor = administrator.get_full_name()
    assert entries["Tạo mới cá nhân được khen: Trần Văn Mới"]["who"] == editor
    assert entries["Lưu trữ (xóa) tập thể được khen: Tổ tự quản khóm 3"]["who"] == editor
    edited = entries["Sửa cá nhân được khen: Nguyễn Văn Báo"]
    assert edited["who"] == editor
    assert [(c["field"], c["old"], c["new"]) for c in edited["changes"]] == [
        ("thành tích", "Tố giác đối tượng trộm cắp", "Bắt quả tang đối tượng trộm cắp")]
    assert entries["Tạo mới cá nhân được khen: Lê Thị Tin"]["who"] == provincial_staff.get_full_name()
    page = client.get(reverse("commendations:decision_detail", args=[decision.pk])).content.decode()
    assert "Lưu trữ (xóa) tập thể được khen: Tổ tự quản khóm 3" in page
    assert "<del>Tố giác đối tượng trộm cắp</del> → <ins>Bắt quả tang đối tượng trộm cắp</ins>" in page


def test_a_moved_recipient_shows_the_communes_by_name(make_decision, provincial_staff, client_for, ho_phong):
    decision = make_decision("12/QĐ-CAT", [individual("Trần Văn Hộ", ho_phong, 1980)])
    recipient = decision.recipients.get()
    other = ho_phong.parent.children.exclude(pk=ho_phong.pk).first()
    recipient.commune = other
    recipient.save()
    moved = next(e for e in history(client_for(provincial_staff), decision) if e["action"].startswith("Sửa"))
    assert [(c["old"], c["new"]) for c in moved["changes"] if c["field"] == "xã, phường, thị trấn"] == [
        (ho_phong.name, other.name)]


def test_a_commune_officer_sees_the_history_of_their_recipients_only(client_for, commune_officer, shared_decision):
    actions = [entry["action"] for entry in history(client_for(commune_officer), shared_decision)]
    assert "Tạo mới cá nhân được khen: Trần Văn Hộ" in actions
    assert not any("Lê Thị Một" in action or "khóm 2" in action for action in actions)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_detail_page_costs_the_same_for_few_or_many_recipients(client_for, provincial_staff, make_decision,
                                                                   ho_phong, rows, django_assert_max_num_queries):
    decision = make_decision("13/QĐ-CAT", [individual(f"Người Thứ {n}", ho_phong, 1970 + n) for n in range(rows)])
    recipients = list(Recipient.objects.filter(decision=decision))
    elsewhere = ho_phong.parent.children.exclude(pk=ho_phong.pk).first()
    for recipient in recipients:
        recipient.achievement, recipient.commune = "Đã sửa thành tích", elsewhere
        recipient.save()
    decision_save(decision=decision, entries=[individual("Người Mới", ho_phong)],
                  removed=recipients[:1], by=provincial_staff)
    client = client_for(provincial_staff)
    url = reverse("commendations:decision_detail", args=[decision.pk])
    client.get(url)
    with django_assert_max_num_queries(17):  # a fixed cost: no query per recipient
        response = client.get(url)
    assert len(response.context["recipients"]) == rows
    assert len(response.context["history"]) >= 2 * rows + 1
    assert elsewhere.name in response.content.decode()
