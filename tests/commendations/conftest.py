"""Decisions and recipients for the stories: a province-wide decision honouring one person in
Hộ Phòng and one in Phường 1 of Bạc Liêu city, and one honouring only Phường 1."""

from datetime import date

import pytest

from commendations.models import (
    Authority,
    CommendationForm,
    CommendationKind,
    Decision,
    Recipient,
    RecipientType,
)
from commendations.services import RecipientEntry, decision_save


@pytest.fixture
def director(db) -> Authority:
    return Authority.objects.get(name="Giám đốc Công an tỉnh")


@pytest.fixture
def certificate(db) -> CommendationForm:
    return CommendationForm.objects.get(name="Giấy khen")


def individual(name: str, commune, birth_year: int | None = None, achievement: str = "Tố giác tội phạm"):
    return RecipientEntry(Recipient(recipient_type=RecipientType.INDIVIDUAL, commune=commune,
                                    achievement=achievement), full_name=name, birth_year=birth_year)


def collective(name: str, commune):
    return RecipientEntry(Recipient(recipient_type=RecipientType.COLLECTIVE, commune=commune, group_name=name,
                                    achievement="Thành tích xuất sắc"))


@pytest.fixture
def make_decision(bac_lieu, director, certificate):
    def make(number: str, entries, *, decided_on=date(2017, 5, 1), authority=None, form=None,
             kind=CommendationKind.AD_HOC, issuing_unit=None, by=None) -> Decision:
        decision = Decision(number=number, decided_on=decided_on, authority=authority or director,
                            form=form or certificate, kind=kind, issuing_unit=issuing_unit or bac_lieu)
        return decision_save(decision=decision, entries=entries, by=by)
    return make


@pytest.fixture
def shared_decision(make_decision, ho_phong, phuong_1_bac_lieu) -> Decision:
    return make_decision("10/QĐ-CAT", [individual("Trần Văn Hộ", ho_phong, 1980),
                                      individual("Lê Thị Một", phuong_1_bac_lieu, 1985),
                                      collective("Tổ tự quản khóm 2", phuong_1_bac_lieu)])


@pytest.fixture
def outside_decision(make_decision, phuong_1_bac_lieu) -> Decision:
    return make_decision("11/QĐ-CAT", [individual("Phạm Văn Ngoài", phuong_1_bac_lieu, 1970)])
