"""Export (the template's own columns) then import into an empty database: the same records."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from imports.pipeline import run_import
from organizations.models import Member, Organization, OrganizationKind

pytestmark = pytest.mark.django_db

ORG_FIELDS = ["name", "kind__name", "commune_id", "hamlet", "decision_number", "decision_date", "decision_signer",
              "founded_on", "dissolved_on", "leader_name", "leader_phone", "notes"]
MEMBER_FIELDS = ["organization__name", "full_name", "gender", "birth_date", "birth_year", "role", "origin", "phone",
                 "citizen_id", "joined_on", "left_on", "prior_service_years", "age_exception_decision"]


def snapshot():
    return (sorted(Organization.objects.values_list(*ORG_FIELDS)),
            sorted(Member.objects.values_list(*MEMBER_FIELDS), key=str))


def test_export_then_import_into_an_empty_database_gives_identical_records(tmp_path, client_for, district_officer,
                                                                           kinds, ho_phong, gia_rai):
    team, self_managed = kinds
    lang_tron = ho_phong.parent.children.get(name="Phường Láng Tròn")
    org = Organization.objects.create(
        name="Tổ bảo vệ ANTT khóm 1", kind=team, commune=ho_phong, hamlet="Khóm 1", decision_number="12/QĐ-UBND",
        decision_date=date(2018, 3, 1), decision_signer="Nguyễn Văn A", founded_on=date(2018, 3, 15),
        leader_name="Trần Văn Bình", leader_phone="0291385123", notes="=1+1 không phải công thức")
    Member.objects.create(organization=org, full_name="Lê Thị Cúc", gender="nu", birth_date=date(1980, 5, 2),
                          birth_year=1980, role="to_truong", origin="bao_ve_dan_pho", phone="0912345678",
                          citizen_id="095180001234", joined_on=date(2018, 3, 15), prior_service_years=Decimal("2.5"))
    Member.objects.create(organization=org, full_name="Phạm Văn Dũng", birth_year=1975, left_on=date(2020, 1, 1))
    Organization.objects.create(name="Tổ nhân dân tự quản số 3", kind=self_managed, commune=lang_tron,
                                dissolved_on=date(2021, 6, 30))
    before = snapshot()

    response = client_for(district_officer).get(reverse("imports:export", args=["organizations"]))
    assert response.status_code == 200
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(response.content)

    Member.objects.all().delete()
    Organization.objects.all().delete()
    Organization.history.all().delete()
    OrganizationKind.objects.exclude(pk__in=[team.pk, self_managed.pk]).delete()

    result = run_import("organizations", str(path), district_officer)
    assert result.saved, [str(e) for e in result.errors]
    assert snapshot() == before


def test_export_is_scoped_and_neutralises_formulas(client_for, importer, other_commune_officer, kinds, ho_phong):
    Organization.objects.create(name="=HYPERLINK(\"x\")", kind=kinds[0], commune=ho_phong)
    outsider = client_for(other_commune_officer).get(reverse("imports:export", args=["organizations"]) + "?dinh_dang=csv")
    assert "HYPERLINK" not in outsider.content.decode()
    mine = client_for(importer).get(reverse("imports:export", args=["organizations"]) + "?dinh_dang=csv")
    assert "'=HYPERLINK" in mine.content.decode()
