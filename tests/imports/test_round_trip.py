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


def test_export_then_import_into_an_empty_database_gives_identical_records(tmp_path, client_for, provincial_staff,
                                                                           kinds, ho_phong, gia_rai):
    # Provincial staff see full citizen IDs and phones; officers get masks (tests/security/test_personal_data.py).
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

    # Staff who may see personal data in full: a masked export does not make new records.
    response = client_for(provincial_staff).get(reverse("imports:export", args=["organizations"]))
    assert response.status_code == 200
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(response.content)

    Member.objects.all().delete()
    Organization.objects.all().delete()
    Organization.history.all().delete()
    OrganizationKind.objects.exclude(pk__in=[team.pk, self_managed.pk]).delete()

    result = run_import("organizations", str(path), provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    assert snapshot() == before


def test_export_is_scoped_and_neutralises_formulas(client_for, importer, other_commune_officer, kinds, ho_phong):
    Organization.objects.create(name="=HYPERLINK(\"x\")", kind=kinds[0], commune=ho_phong)
    outsider = client_for(other_commune_officer).get(reverse("imports:export", args=["organizations"]) + "?dinh_dang=csv")
    assert "HYPERLINK" not in outsider.content.decode()
    mine = client_for(importer).get(reverse("imports:export", args=["organizations"]) + "?dinh_dang=csv")
    assert "'=HYPERLINK" in mine.content.decode()


@pytest.mark.parametrize("registry, model_fields", [
    ("models", ["model__name", "model__field__name", "model__founding_unit_id", "model__founded_on", "model__status",
                "commune_id", "place", "started_on", "ended_on", "notes"]),
    ("commendations", ["decision__number", "decision__decided_on", "decision__authority__name",
                       "decision__issuing_unit_id", "decision__form__name", "decision__kind", "recipient_type",
                       "person__full_name", "person__birth_year", "group_name", "commune_id", "achievement"]),
])
def test_models_and_commendations_round_trip(tmp_path, client_for, provincial_staff, lists, registry, model_fields):
    from commendations.models import Decision, Person, Recipient
    from models_registry.models import CrimePreventionModel, Deployment

    from .conftest import write_xlsx
    from .test_other_registries import decision_row, model_row

    rows = {"models": [model_row(), model_row(**{"Xã, phường, thị trấn triển khai": "P. Hộ Phòng, TX Giá Rai"})],
            "commendations": [decision_row(), decision_row(**{
                "Đối tượng": "Tập thể", "Họ và tên / tên tập thể": "Tổ bảo vệ ANTT khóm 1", "Năm sinh": None,
                "Xã, phường, thị trấn của người được khen": "P. Hộ Phòng, TX Giá Rai"})]}[registry]
    assert run_import(registry, str(write_xlsx(tmp_path / "a.xlsx", rows, registry)), provincial_staff).saved
    child = Deployment if registry == "models" else Recipient
    before = sorted(child.objects.values_list(*model_fields), key=str)

    path = tmp_path / "xuat.xlsx"
    path.write_bytes(client_for(provincial_staff).get(reverse("imports:export", args=[registry])).content)
    for model in (Deployment, CrimePreventionModel, Recipient, Person, Decision):
        model.objects.all().delete()

    result = run_import(registry, str(path), provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    assert sorted(child.objects.values_list(*model_fields), key=str) == before
