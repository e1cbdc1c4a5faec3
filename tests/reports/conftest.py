from datetime import date

import pytest

from models_registry.models import RecognitionLevel

from .factories import (
    AuthorityFactory,
    DecisionFactory,
    DeploymentFactory,
    MemberFactory,
    ModelFactory,
    OrganizationFactory,
    OrganizationKindFactory,
    PersonFactory,
    RecipientFactory,
    RecognitionFactory,
)

AS_OF = date(2018, 7, 11)
SINCE = date(2017, 1, 1)


@pytest.fixture
def small_world(bac_lieu, ho_phong, phuong_1_bac_lieu, administrator):
    """A hand-countable province: Hộ Phòng (Giá Rai) and Phường 1 (Bạc Liêu city).

    Active on 11/07/2018: 4 organizations (3 in Hộ Phòng), 6 members; 3 models (one ministry,
    one province level), 3 deployments; since 2017 the director commended 1 collective and 3
    individual rows (one man twice in 2017), the provincial chairman 1 individual.
    """
    team = OrganizationKindFactory(name="Tổ bảo vệ an ninh, trật tự")
    club = OrganizationKindFactory(name="Câu lạc bộ")
    a = OrganizationFactory(commune=ho_phong, kind=team)
    b = OrganizationFactory(commune=ho_phong, kind=team)
    c = OrganizationFactory(commune=ho_phong, kind=club, founded_on=date(2018, 1, 1))
    d = OrganizationFactory(commune=phuong_1_bac_lieu, kind=team)
    OrganizationFactory(commune=ho_phong, kind=team, dissolved_on=date(2018, 3, 1))  # dissolved
    OrganizationFactory(commune=ho_phong, kind=team, founded_on=date(2018, 9, 1))  # founded later
    archived = OrganizationFactory(commune=phuong_1_bac_lieu, kind=team)
    MemberFactory.create_batch(3, organization=a)
    MemberFactory(organization=b)
    MemberFactory(organization=b, left_on=date(2018, 1, 1))  # left
    MemberFactory(organization=c)
    MemberFactory(organization=d)
    MemberFactory(organization=archived)
    archived.archive(by=administrator)

    ministry = ModelFactory(name="Người hoàn lương", founding_unit=bac_lieu)
    RecognitionFactory(model=ministry, level=RecognitionLevel.MINISTRY, decided_on=date(2016, 6, 1))
    RecognitionFactory(model=ministry, level=RecognitionLevel.PROVINCE, decision_number="1/QĐ-CAT")
    province = ModelFactory(name="Tiếng loa về ANTT", founding_unit=bac_lieu)
    RecognitionFactory(model=province, level=RecognitionLevel.PROVINCE, decision_number="2/QĐ-CAT")
    plain = ModelFactory(name="Cổng ANTT", founding_unit=bac_lieu)
    expired = ModelFactory(name="Tổ tài xế taxi tự quản", founding_unit=bac_lieu, founded_on=date(2019, 1, 1))
    RecognitionFactory(model=expired, level=RecognitionLevel.MINISTRY, decision_number="9/QĐ-BCA")
    DeploymentFactory(model=ministry, commune=ho_phong)
    DeploymentFactory(model=ministry, commune=phuong_1_bac_lieu)
    DeploymentFactory(model=province, commune=ho_phong)
    DeploymentFactory(model=plain, commune=ho_phong, started_on=date(2018, 8, 1))  # not yet
    gone = DeploymentFactory(model=plain, commune=phuong_1_bac_lieu)
    gone.archive(by=administrator)

    director = AuthorityFactory(name="Giám đốc Công an tỉnh")
    chairman = AuthorityFactory(name="Chủ tịch UBND tỉnh")
    first = DecisionFactory(authority=director, issuing_unit=bac_lieu, decided_on=date(2017, 3, 2))
    second = DecisionFactory(authority=director, issuing_unit=bac_lieu, decided_on=date(2017, 11, 20))
    chang = PersonFactory(full_name="Nguyễn Minh Chẳng", commune=ho_phong)
    viet = PersonFactory(full_name="Phạm Quốc Việt", commune=phuong_1_bac_lieu)
    RecipientFactory(decision=first, commune=ho_phong, person=chang)
    RecipientFactory(decision=second, commune=ho_phong, person=chang)
    RecipientFactory(decision=second, commune=phuong_1_bac_lieu, person=viet)
    RecipientFactory(decision=second, commune=ho_phong, recipient_type="tap_the", person=None,
                     group_name="Tổ bảo vệ ANTT khóm 1")
    RecipientFactory(decision=DecisionFactory(authority=chairman, issuing_unit=bac_lieu, decided_on=date(2018, 2, 1)),
                     commune=phuong_1_bac_lieu)
    RecipientFactory(decision=DecisionFactory(authority=director, issuing_unit=bac_lieu, decided_on=date(2016, 6, 1)),
                     commune=ho_phong)  # before the period
    old = DecisionFactory(authority=director, issuing_unit=bac_lieu, decided_on=date(2018, 4, 1))
    RecipientFactory(decision=old, commune=ho_phong)
    old.archive(by=administrator)
    return {"chang": chang, "viet": viet, "director": director}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def article_figures(bac_lieu, ho_phong, phuong_1_bac_lieu):
    """The article's 4.354 organizations and 17.077 members, in bulk (no history rows needed)."""
    from organizations.models import Member, Organization

    kind = OrganizationKindFactory(name="Tổ bảo vệ an ninh, trật tự")
    orgs = [Organization(name=f"Tổ bảo vệ ANTT số {n}", kind=kind, founded_on=date(2016, 1, 1),
                         commune=ho_phong if n % 2 else phuong_1_bac_lieu) for n in range(4354)]
    for org in orgs:
        org.refresh_search_text()
    Organization.objects.bulk_create(orgs, batch_size=1000)
    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    members = [Member(organization_id=ids[n % len(ids)], full_name=f"Thành viên {n}", joined_on=date(2016, 1, 1))
               for n in range(17077)]
    for member in members:
        member.refresh_search_text()
    Member.objects.bulk_create(members, batch_size=2000)
