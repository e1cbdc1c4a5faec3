"""Linking recipients to members, organizations and deployments in the decision form."""

import pytest
from django.urls import reverse

from commendations.models import Decision, Person, Recipient, RecipientType
from commendations.services import RecipientEntry
from organizations.models import Member

from .conftest import individual

pytestmark = pytest.mark.django_db

MEMBER_LABEL = "Lê Văn Bình — sinh năm 1975 — Tổ an ninh nhân dân khóm 1 — Phường Hộ Phòng, Thị xã Giá Rai"
ORGANIZATION_LABEL = "Tổ an ninh nhân dân khóm 1 — Tổ an ninh nhân dân — Phường Hộ Phòng, Thị xã Giá Rai"
DEPLOYMENT_LABEL = "Tiếng loa về ANTT — Phường Hộ Phòng, Thị xã Giá Rai"
REFUSED = "Không có bản ghi này trong phạm vi của bạn"


@pytest.fixture
def form_data(director, certificate, ho_phong, linkable_here):
    """A Hộ Phòng decision: the member Lê Văn Bình, the team and the loudspeaker, each picked."""
    return {
        "number": "7/QĐ-CAP", "decided_on": "2018-03-01", "authority": director.pk, "issuing_unit": ho_phong.pk,
        "form": certificate.pk, "kind": "dot_xuat",
        "recipients-TOTAL_FORMS": "3", "recipients-INITIAL_FORMS": "0",
        "recipients-0-recipient_type": "ca_nhan", "recipients-0-full_name": "Lê Văn Bình",
        "recipients-0-birth_year": "1975", "recipients-0-commune": ho_phong.pk,
        "recipients-0-member": linkable_here.member.pk,
        "recipients-1-recipient_type": "tap_the", "recipients-1-commune": ho_phong.pk,
        "recipients-1-organization": linkable_here.organization.pk,
        "recipients-2-recipient_type": "tap_the", "recipients-2-commune": ho_phong.pk,
        "recipients-2-deployment": linkable_here.deployment.pk,
    }


def create(client, data):
    return client.post(reverse("commendations:decision_create"), data)


def test_a_commune_registrar_links_records_of_their_commune(client_for, commune_registrar, form_data,
                                                            linkable_here):
    response = create(client_for(commune_registrar), form_data)
    assert response.status_code == 302, response.context["formset"].errors
    recipients = Recipient.objects.filter(decision__number="7/QĐ-CAP").order_by("id")
    assert recipients[0].person.member == linkable_here.member
    assert recipients[1].organization == linkable_here.organization
    assert recipients[2].deployment == linkable_here.deployment
    page = client_for(commune_registrar).get(recipients[0].decision.get_absolute_url()).content.decode()
    assert "Tổ an ninh nhân dân khóm 1" in page and "Tiếng loa về ANTT" in page


@pytest.mark.parametrize(("row", "field"), [(0, "member"), (1, "organization"), (2, "deployment")])
def test_a_crafted_post_cannot_link_another_communes_record(client_for, commune_registrar, form_data,
                                                           linkable_there, row, field):
    data = {**form_data, f"recipients-{row}-{field}": getattr(linkable_there, field).pk}
    response = create(client_for(commune_registrar), data)
    assert response.status_code == 200
    assert REFUSED in response.context["formset"].forms[row].errors[field][0]
    body = response.content.decode()
    assert REFUSED in body
    assert "khóm 7" not in body and "Phường 1, Thành phố Bạc Liêu" not in body  # no label leaks out
    assert not Decision.objects.exists() and not Person.objects.exists() and not Recipient.objects.exists()


def test_the_edit_page_shows_the_linked_records_by_name(client_for, provincial_staff, make_decision, ho_phong,
                                                        linkable_here):
    member_entry = individual("Lê Văn Bình", ho_phong, 1975)
    member_entry.member = linkable_here.member
    decision = make_decision("8/QĐ-CAT", [
        member_entry,
        RecipientEntry(Recipient(recipient_type=RecipientType.COLLECTIVE, commune=ho_phong,
                                 organization=linkable_here.organization)),
        RecipientEntry(Recipient(recipient_type=RecipientType.COLLECTIVE, commune=ho_phong,
                                 deployment=linkable_here.deployment)),
    ])
    body = client_for(provincial_staff).get(reverse("commendations:decision_update", args=[decision.pk])).content
    body = body.decode()
    for label in (MEMBER_LABEL, ORGANIZATION_LABEL, DEPLOYMENT_LABEL):
        assert f'<span data-link-text>{label}</span>' in body
    assert f'name="recipients-0-member" value="{linkable_here.member.pk}"' in body


def test_a_rejected_form_keeps_the_picked_records(client_for, commune_registrar, form_data):
    response = create(client_for(commune_registrar), {**form_data, "number": ""})
    assert response.status_code == 200
    body = response.content.decode()
    for label in (MEMBER_LABEL, ORGANIZATION_LABEL, DEPLOYMENT_LABEL):
        assert f'<span data-link-text>{label}</span>' in body
    assert not Decision.objects.exists()


def test_the_form_without_javascript_still_offers_an_id_box(client_for, commune_registrar):
    body = client_for(commune_registrar).get(reverse("commendations:decision_create")).content.decode()
    assert 'type="number" name="recipients-0-member"' in body
    assert 'type="number" name="recipients-__prefix__-organization"' in body  # rows added by the button too
    assert "commendations/link_picker.js" in body
    assert reverse("commendations:link_search", args=["noi-trien-khai"]) in body


@pytest.mark.parametrize("rows", [3, 12])
def test_the_edit_page_costs_the_same_for_few_or_many_linked_rows(client_for, provincial_staff, make_decision,
                                                                  ho_phong, linkable_here, rows,
                                                                  django_assert_max_num_queries):
    entries = []
    for index in range(rows):
        entry = individual(f"Lê Văn Bình {index}", ho_phong, 1975)
        entry.member = linkable_here.member
        entries.append(entry)
        entries.append(RecipientEntry(Recipient(recipient_type=RecipientType.COLLECTIVE, commune=ho_phong,
                                                organization=linkable_here.organization, group_name=f"Tổ {index}")))
    decision = make_decision("9/QĐ-CAT", entries)
    client = client_for(provincial_staff)
    url = reverse("commendations:decision_update", args=[decision.pk])
    client.get(url)
    with django_assert_max_num_queries(18):  # a fixed cost: no query per row
        response = client.get(url)
    assert response.content.decode().count(MEMBER_LABEL) == rows


def edit_data(decision, data: dict) -> dict:
    data = {**data, "recipients-INITIAL_FORMS": str(decision.recipients.count())}
    for index, recipient in enumerate(decision.recipients.order_by("id")):
        data[f"recipients-{index}-id"] = recipient.pk
    return data


def test_an_officer_unlinks_or_changes_a_persons_member_when_editing(client_for, commune_registrar, form_data,
                                                                     linkable_here):
    client = client_for(commune_registrar)
    create(client, form_data)
    decision = Decision.objects.get()
    url = reverse("commendations:decision_update", args=[decision.pk])
    assert client.post(url, edit_data(decision, {**form_data, "recipients-0-member": ""})).status_code == 302
    assert Person.objects.get().member is None
    again = Member.objects.create(organization=linkable_here.organization, full_name="Lê Văn Bình",
                                  birth_year=1975, phone="0912345678")
    assert client.post(url, edit_data(decision, {**form_data, "recipients-0-member": again.pk})).status_code == 302
    assert Person.objects.get().member == again


def test_a_later_decision_without_a_member_keeps_the_persons_link(client_for, commune_registrar, form_data,
                                                                  linkable_here):
    client = client_for(commune_registrar)
    create(client, form_data)
    later = {**form_data, "number": "8/QĐ-CAP", "recipients-0-member": "", "recipients-TOTAL_FORMS": "1"}
    assert create(client, later).status_code == 302
    assert Person.objects.get().member == linkable_here.member


def test_communes_of_the_same_name_are_told_apart_by_their_district(client_for, provincial_staff):
    body = client_for(provincial_staff).get(reverse("commendations:decision_create")).content.decode()
    assert ">Phường 1 — Thành phố Bạc Liêu</option>" in body and ">Phường 1 — Thị xã Giá Rai</option>" in body
