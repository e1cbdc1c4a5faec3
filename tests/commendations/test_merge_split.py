"""Staff merge two entries that are one person and split a wrong merge, with history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commendations.models import Person
from commendations.services import person_match_or_create, person_merge, person_split

from .conftest import individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_entries(make_decision, ho_phong):
    # A typo in the year of birth made two entries of one person.
    make_decision("1/QĐ", [individual("Trần Văn Hộ", ho_phong, 1980)])
    make_decision("2/QĐ", [individual("Trần Văn Hộ", ho_phong, 1908)])
    return Person.objects.get(birth_year=1980), Person.objects.get(birth_year=1908)


def test_merge_moves_the_commendations_and_records_who(two_entries, provincial_staff):
    keep, absorb = two_entries
    person_merge(keep=keep, absorb=absorb, by=provincial_staff)
    absorb.refresh_from_db()
    assert absorb.merged_into == keep
    assert keep.recipients.count() == 2 and absorb.recipients.count() == 0
    latest = keep.history.first()
    assert latest.history_change_reason == "merge" and latest.history_user == provincial_staff
    assert absorb.history.first().history_user == provincial_staff
    # The misspelt entry now leads to the kept person.
    assert person_match_or_create(full_name="Trần Văn Hộ", commune=keep.commune, birth_year=1908) == keep


def test_two_people_of_one_decision_cannot_be_merged(make_decision, ho_phong):
    make_decision("3/QĐ", [individual("Trần Văn Hộ", ho_phong, 1980), individual("Trần Văn Hồ", ho_phong, 1981)])
    first, second = Person.objects.order_by("pk")
    with pytest.raises(ValidationError):
        person_merge(keep=first, absorb=second)


def test_split_gives_a_wrong_merge_back(two_entries, provincial_staff):
    keep, absorb = two_entries
    person_merge(keep=keep, absorb=absorb, by=provincial_staff)
    moved = keep.recipients.filter(decision__number="2/QĐ")
    back = person_split(person=keep, recipients=moved, into=absorb, by=provincial_staff)
    assert back == absorb and back.merged_into is None
    assert [r.decision.number for r in absorb.recipients.all()] == ["2/QĐ"]
    assert keep.history.first().history_change_reason == "split"


def test_split_to_a_new_person(two_entries, provincial_staff, phuong_1_bac_lieu):
    keep, absorb = two_entries
    person_merge(keep=keep, absorb=absorb)
    new = person_split(person=keep, recipients=keep.recipients.filter(decision__number="1/QĐ"),
                       full_name="Trần Văn Hổ", commune=phuong_1_bac_lieu, birth_year=1980, by=provincial_staff)
    assert new.pk not in (keep.pk, absorb.pk)
    assert new.recipients.count() == 1 and keep.recipients.count() == 1


def test_merge_and_split_through_the_pages(client_for, provincial_staff, two_entries):
    keep, absorb = two_entries
    client = client_for(provincial_staff)
    response = client.post(reverse("commendations:person_merge", args=[keep.pk]), {"other": absorb.pk})
    assert response.status_code == 302
    page = client.get(reverse("commendations:person_detail", args=[keep.pk])).content.decode()
    assert "Gộp cá nhân trùng" in page
    recipient = keep.recipients.get(decision__number="2/QĐ")
    response = client.post(reverse("commendations:person_split", args=[keep.pk]),
                           {"recipients": [recipient.pk], "into": absorb.pk})
    assert response.status_code == 302
    assert absorb.recipients.count() == 1


def test_officers_and_outsiders_cannot_merge(client_for, commune_officer, other_commune_officer, make_officer,
                                             two_entries, phuong_1_bac_lieu):
    from accounts.roles import Role
    keep, absorb = two_entries
    url = reverse("commendations:person_merge", args=[keep.pk])
    assert client_for(commune_officer).post(url, {"other": absorb.pk}).status_code == 403
    staff_elsewhere = make_officer("tonghop_p1", phuong_1_bac_lieu, Role.REPORTING)
    assert client_for(staff_elsewhere).post(url, {"other": absorb.pk}).status_code == 404
    split = reverse("commendations:person_split", args=[keep.pk])
    assert client_for(staff_elsewhere).post(split, {"recipients": []}).status_code == 404
    absorb.refresh_from_db()
    assert absorb.merged_into is None
