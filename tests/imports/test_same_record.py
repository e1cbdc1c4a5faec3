"""One "same record" rule per registry (antq_portal.same_record): the same record fed through the form
and through an import, spelled differently, is one record."""

import pytest
from django.urls import reverse

from imports.pipeline import run_import
from models_registry.models import CrimePreventionModel, FieldOfWork
from organizations.models import Member, Organization

from .conftest import org_row, write_xlsx

pytestmark = pytest.mark.django_db


def org_form(commune, kind, name, hamlet):
    return {"name": name, "kind": kind.pk, "commune": commune.pk, "hamlet": hamlet,
            "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
            "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0"}


def test_an_organization_from_the_form_is_found_by_an_import_without_accents(tmp_path, client_for, importer,
                                                                           ho_phong, kinds):
    client = client_for(importer)
    client.post(reverse("organizations:organization_create"),
                org_form(ho_phong, kinds[0], "Tổ an ninh nhân dân khóm 1", "Khóm 1"))
    rows = [org_row(**{"Tên tổ chức": "to an ninh nhan dan  khom 1", "Ấp, khóm": "khom 1"})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), importer)
    assert result.saved, [str(e) for e in result.errors]
    organization = Organization.objects.get()
    assert (organization.name, organization.hamlet) == ("Tổ an ninh nhân dân khóm 1", "Khóm 1")
    assert Member.objects.get().organization == organization
    assert result.counts["Tổ chức"]["create"] == 0


def test_the_form_refuses_a_second_spelling_of_an_imported_organization(tmp_path, client_for, importer,
                                                                       ho_phong, kinds):
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row()])), importer)
    response = client_for(importer).post(reverse("organizations:organization_create"),
                                         org_form(ho_phong, kinds[0], "TỔ BẢO VỆ ANTT  KHOM 1", "khóm 1"))
    assert "Đã có tổ chức cùng tên ở địa bàn này." in response.content.decode()
    assert Organization.objects.count() == 1


def test_a_member_typed_again_without_accents_is_the_same_member(tmp_path, importer, kinds):
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row(**{"Số CCCD": None})])), importer)
    again = [org_row(**{"Số CCCD": None, "Họ và tên thành viên": "le thi cuc"})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "b.xlsx", again)), importer)
    assert result.saved and Member.objects.get().full_name == "Lê Thị Cúc"


def test_a_model_from_the_form_is_found_by_an_import_in_capitals(tmp_path, client_for, provincial_staff, lists,
                                                               bac_lieu):
    hoa_binh = bac_lieu.children.get(name="Huyện Hòa Bình")
    client = client_for(provincial_staff)
    field = FieldOfWork.objects.get(name="Phòng, chống tội phạm")
    client.post(reverse("models_registry:model_create"), {
        "name": "Tiếng loa về ANTT", "field": field.pk, "founding_unit": hoa_binh.pk, "status": "active"})
    assert CrimePreventionModel.objects.count() == 1
    rows = [{"Tên mô hình": "TIENG LOA VE ANTT", "Lĩnh vực": field.name, "Đơn vị xây dựng": "Huyện Hòa Bình",
             "Trạng thái": "Đang hoạt động"}]
    result = run_import("models", str(write_xlsx(tmp_path / "m.xlsx", rows, "models")), provincial_staff)
    assert result.saved, [str(e) for e in result.errors]
    assert list(CrimePreventionModel.objects.values_list("name", flat=True)) == ["Tiếng loa về ANTT"]
