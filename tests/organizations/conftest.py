"""Organizations in two communes: Hộ Phòng (Giá Rai) and Phường 1 (Bạc Liêu city)."""

from datetime import date

import pytest

from organizations.models import Member, Organization, OrganizationKind


def kind(name: str = "Tổ an ninh nhân dân") -> OrganizationKind:
    return OrganizationKind.objects.get(name=name)


def make_org(commune, name: str = "Tổ an ninh nhân dân khóm 1", *, kind_name: str = "Tổ an ninh nhân dân",
             hamlet: str = "Khóm 1", members: int = 0, **fields) -> Organization:
    fields.setdefault("founded_on", date(2015, 3, 1))
    org = Organization.objects.create(name=name, kind=kind(kind_name), commune=commune, hamlet=hamlet, **fields)
    for index in range(members):
        Member.objects.create(organization=org, full_name=f"Nguyễn Văn {chr(65 + index)}",
                              joined_on=date(2016, 1, 1), birth_year=1980)
    return org


@pytest.fixture
def ho_phong_org(ho_phong):
    return make_org(ho_phong, "Tổ an ninh nhân dân khóm 1", members=3)


@pytest.fixture
def phuong_1_org(phuong_1_bac_lieu):
    return make_org(phuong_1_bac_lieu, "Tổ hòa giải khóm 5", kind_name="Tổ hòa giải", hamlet="Khóm 5", members=2)
