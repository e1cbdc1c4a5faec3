"""Scope: a decision is seen where it was issued or where it honours someone; never more."""

import pytest
from django.urls import reverse

from commendations.models import Decision, Person, Recipient

pytestmark = pytest.mark.django_db


def test_a_commune_officer_gets_404_for_a_decision_with_nobody_from_their_commune(
        client_for, commune_officer, outside_decision):
    response = client_for(commune_officer).get(reverse("commendations:decision_detail", args=[outside_decision.pk]))
    assert response.status_code == 404


def test_a_commune_officer_sees_a_province_decision_but_only_their_own_recipients(
        client_for, commune_officer, shared_decision):
    response = client_for(commune_officer).get(reverse("commendations:decision_detail", args=[shared_decision.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trần Văn Hộ" in body
    assert "Lê Thị Một" not in body and "Tổ tự quản khóm 2" not in body
    assert response.context["individuals"] == 1 and response.context["collectives"] == 0


def test_the_decision_list_shows_and_counts_only_what_is_in_scope(
        client_for, commune_officer, shared_decision, outside_decision):
    response = client_for(commune_officer).get(reverse("commendations:decision_list"))
    rows = list(response.context["object_list"])
    assert rows == [shared_decision]
    assert (rows[0].individuals, rows[0].collectives) == (1, 0)


def test_provincial_staff_see_everything(provincial_staff, shared_decision, outside_decision):
    assert Decision.objects.visible_to(provincial_staff).count() == 2
    assert Recipient.objects.visible_to(provincial_staff).count() == 4


def test_a_decision_issued_by_a_district_is_seen_by_that_district(make_decision, gia_rai, district_officer,
                                                                   phuong_1_bac_lieu, commune_officer):
    from .conftest import individual
    decision = make_decision("5/QĐ-UBND", [individual("Ngoài Huyện", phuong_1_bac_lieu)], issuing_unit=gia_rai)
    assert list(Decision.objects.visible_to(district_officer)) == [decision]
    assert not Recipient.objects.visible_to(district_officer).exists()
    assert not Decision.objects.visible_to(commune_officer).exists()


def test_exports_hold_only_rows_in_scope(client_for, commune_officer, shared_decision, outside_decision):
    client = client_for(commune_officer)
    recipients = client.get(reverse("commendations:recipient_list") + "?export=csv").content.decode("utf-8-sig")
    assert "Trần Văn Hộ" in recipients
    assert "Lê Thị Một" not in recipients and "Phạm Văn Ngoài" not in recipients and "khóm 2" not in recipients
    decisions = client.get(reverse("commendations:decision_list") + "?export=csv").content.decode("utf-8-sig")
    assert "10/QĐ-CAT" in decisions and "11/QĐ-CAT" not in decisions
    people = client.get(reverse("commendations:people") + "?export=csv").content.decode("utf-8-sig")
    assert "Trần Văn Hộ" in people and "Phạm Văn Ngoài" not in people


def test_the_people_view_and_person_pages_stay_in_scope(client_for, commune_officer, shared_decision,
                                                        outside_decision):
    client = client_for(commune_officer)
    response = client.get(reverse("commendations:people"))
    assert [p.full_name for p in response.context["people"]] == ["Trần Văn Hộ"]
    outsider = Person.objects.get(full_name="Phạm Văn Ngoài")
    assert client.get(reverse("commendations:person_detail", args=[outsider.pk])).status_code == 404


def test_a_commune_officer_cannot_download_an_outside_scan(client_for, commune_officer, outside_decision):
    response = client_for(commune_officer).get(reverse("commendations:decision_scan", args=[outside_decision.pk]))
    assert response.status_code == 404


def test_a_commune_officer_may_read_but_not_register_decisions(client_for, commune_officer, shared_decision):
    client = client_for(commune_officer)
    assert client.get(reverse("commendations:decision_create")).status_code == 403
    assert client.post(reverse("commendations:decision_update", args=[shared_decision.pk]), {}).status_code == 403
    assert client.post(reverse("commendations:decision_archive", args=[shared_decision.pk])).status_code == 403


def test_a_forged_post_with_an_outside_commune_is_refused(client_for, make_officer, gia_rai, phuong_1_bac_lieu,
                                                          director, certificate):
    from accounts.roles import Role
    district_staff = make_officer("tonghop_giarai", gia_rai, Role.REPORTING)
    data = {
        "number": "99/QĐ-UBND", "decided_on": "2018-03-01", "authority": director.pk, "issuing_unit": gia_rai.pk,
        "form": certificate.pk, "kind": "dot_xuat",
        "recipients-TOTAL_FORMS": "1", "recipients-INITIAL_FORMS": "0",
        "recipients-0-recipient_type": "ca_nhan", "recipients-0-full_name": "Người Ngoài Phạm Vi",
        "recipients-0-commune": phuong_1_bac_lieu.pk,
    }
    response = client_for(district_staff).post(reverse("commendations:decision_create"), data)
    assert response.status_code == 200
    assert "commune" in response.context["formset"].forms[0].errors
    assert not Decision.objects.filter(number="99/QĐ-UBND").exists()


def test_a_district_officer_cannot_edit_a_province_decision_they_only_partly_see(
        client_for, make_officer, gia_rai, shared_decision):
    from accounts.roles import Role
    district_staff = make_officer("tonghop_giarai", gia_rai, Role.REPORTING)
    client = client_for(district_staff)
    assert client.get(reverse("commendations:decision_detail", args=[shared_decision.pk])).status_code == 200
    assert client.get(reverse("commendations:decision_update", args=[shared_decision.pk])).status_code == 404
