"""The same person is one Person across decisions, never twice in one decision."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commendations.models import CommendationForm, Person, Recipient, RecipientType
from commendations.services import person_match_or_create

from .conftest import individual

pytestmark = pytest.mark.django_db


def test_matching_ignores_diacritics_case_and_spacing(ho_phong):
    first = person_match_or_create(full_name="Nguyễn Minh Chẳng", commune=ho_phong, birth_year=1972)
    again = person_match_or_create(full_name="  nguyen  minh   CHANG ", commune=ho_phong, birth_year=1972)
    assert again.pk == first.pk
    assert Person.objects.count() == 1


def test_another_commune_or_birth_year_is_another_person(ho_phong, phuong_1_bac_lieu):
    first = person_match_or_create(full_name="Nguyễn Minh Chẳng", commune=ho_phong, birth_year=1972)
    assert person_match_or_create(full_name="Nguyễn Minh Chẳng", commune=phuong_1_bac_lieu,
                                  birth_year=1972).pk != first.pk
    assert person_match_or_create(full_name="Nguyễn Minh Chẳng", commune=ho_phong, birth_year=1990).pk != first.pk


def test_a_person_commended_again_is_the_same_person(make_decision, ho_phong):
    make_decision("1/QĐ", [individual("Trần Văn Hộ", ho_phong, 1980)])
    make_decision("2/QĐ", [individual("Tran Van  Ho", ho_phong, 1980)])
    person = Person.objects.get()
    assert person.recipients.count() == 2


def test_the_same_person_twice_in_one_decision_is_refused(make_decision, ho_phong):
    with pytest.raises(ValidationError) as error:
        make_decision("3/QĐ", [individual("Trần Văn Hộ", ho_phong, 1980), individual("TRẦN VĂN HỘ", ho_phong, 1980)])
    assert "hai lần trong quyết định" in str(error.value)
    assert not Recipient.objects.exists()


def test_the_database_refuses_a_duplicate_as_well(make_decision, ho_phong):
    decision = make_decision("4/QĐ", [individual("Trần Văn Hộ", ho_phong, 1980)])
    person = Person.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(decision=decision, recipient_type=RecipientType.INDIVIDUAL, person=person,
                                 commune=ho_phong)


def test_a_once_per_person_medal_is_not_given_twice(make_decision, ho_phong):
    medal = CommendationForm.objects.get(once_per_person=True)
    make_decision("5/QĐ-BCA", [individual("Trần Văn Hộ", ho_phong, 1960)], form=medal)
    with pytest.raises(ValidationError) as error:
        make_decision("6/QĐ-BCA", [individual("Trần Văn Hộ", ho_phong, 1960)], form=medal)
    assert "chỉ tặng một lần" in str(error.value)
