"""Decisions and recipients for the stories: a province-wide decision honouring one person in
Hộ Phòng and one in Phường 1 of Bạc Liêu city, and one honouring only Phường 1."""

from dataclasses import dataclass
from datetime import date

import pytest

from accounts.roles import Role
from commendations.models import (
    Authority,
    CommendationForm,
    CommendationKind,
    Decision,
    Recipient,
    RecipientType,
)
from commendations.services import RecipientEntry, decision_save
from models_registry.models import CrimePreventionModel, Deployment
from organizations.models import Member, Organization, OrganizationKind
from tests.models_registry.factories import CrimePreventionModelFactory


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


@dataclass
class Linkable:
    """What a recipient row may link to, in one commune."""

    organization: Organization
    member: Member
    deployment: Deployment


def _linkable(commune, organization_name: str, model) -> Linkable:
    organization = Organization.objects.create(
        name=organization_name, kind=OrganizationKind.objects.get(name="Tổ an ninh nhân dân"), commune=commune,
        hamlet="Khóm 1")
    member = Member.objects.create(organization=organization, full_name="Lê Văn Bình", birth_year=1975)
    return Linkable(organization, member, Deployment.objects.create(model=model, commune=commune))


@pytest.fixture
def loudspeaker(bac_lieu) -> CrimePreventionModel:
    return CrimePreventionModelFactory(name="Tiếng loa về ANTT", founding_unit=bac_lieu)


@pytest.fixture
def linkable_here(ho_phong, loudspeaker) -> Linkable:
    """In Hộ Phòng: a team, its member Lê Văn Bình (1975) and the loudspeaker model."""
    return _linkable(ho_phong, "Tổ an ninh nhân dân khóm 1", loudspeaker)


@pytest.fixture
def linkable_there(phuong_1_bac_lieu, loudspeaker) -> Linkable:
    """The same in Phường 1 of Bạc Liêu city: another Lê Văn Bình, another team, the same model."""
    return _linkable(phuong_1_bac_lieu, "Tổ an ninh nhân dân khóm 7", loudspeaker)


@pytest.fixture
def commune_registrar(make_officer, ho_phong):
    """A Hộ Phòng officer who registers decisions (the reporting role), within Hộ Phòng only."""
    return make_officer("tonghop_hophong", ho_phong, Role.REPORTING)


@pytest.fixture
def form_data(director, certificate, bac_lieu, ho_phong, phuong_1_bac_lieu):
    """A decision with three recipients as the form posts it (one in Hộ Phòng, two in Phường 1)."""
    return {
        "number": "123/QĐ-CAT-PV05", "decided_on": "2018-03-01", "authority": director.pk,
        "issuing_unit": bac_lieu.pk, "form": certificate.pk, "kind": "dot_xuat", "reason": "Tố giác tội phạm",
        "recipients-TOTAL_FORMS": "3", "recipients-INITIAL_FORMS": "0",
        "recipients-0-recipient_type": "ca_nhan", "recipients-0-full_name": "Nguyễn Văn Báo",
        "recipients-0-birth_year": "1979", "recipients-0-commune": ho_phong.pk,
        "recipients-0-achievement": "Tố giác đối tượng trộm cắp",
        "recipients-1-recipient_type": "ca_nhan", "recipients-1-full_name": "Lê Thị Tin",
        "recipients-1-commune": phuong_1_bac_lieu.pk,
        "recipients-2-recipient_type": "tap_the", "recipients-2-group_name": "Tổ tự quản khóm 3",
        "recipients-2-commune": phuong_1_bac_lieu.pk,
    }
