"""A file saves completely or not at all; importing it again changes nothing; scope is enforced."""

import pytest

from accounts.scope import communes_in_scope
from imports.pipeline import run_import
from organizations.models import Member, Organization

from .conftest import org_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

CCCD = "Số CCCD"


def big_rows(communes, rows: int = 17_000):
    """4 members per organization, spread over the district's communes, as people write places."""
    out = []
    for i in range(rows):
        commune = communes[(i // 4) % len(communes)]
        out.append(org_row(**{
            "Xã, phường, thị trấn": f"{commune.name}, {commune.parent.name}",
            "Tên tổ chức": f"Tổ bảo vệ ANTT số {i // 4 + 1}",
            "Họ và tên thành viên": f"Thành viên {i + 1}",
            CCCD: f"095{i:09d}",
        }))
    return out


def test_a_bad_row_near_the_end_of_17000_rows_saves_nothing(tmp_path, district_officer, kinds):
    communes = list(communes_in_scope(district_officer).select_related("parent"))
    rows = big_rows(communes)
    rows[16_990][CCCD] = "095-sai-so"
    path = write_csv(tmp_path / "lon.csv", rows, delimiter=";")
    result = run_import("organizations", str(path), district_officer)
    assert [(e.row, e.column) for e in result.errors] == [(16_992, CCCD)]
    assert not result.saved
    assert Organization.objects.count() == 0 and Member.objects.count() == 0

    rows[16_990][CCCD] = "095999999999"
    result = run_import("organizations", str(write_csv(tmp_path / "lon.csv", rows, delimiter=";")), district_officer)
    assert result.saved, [str(e) for e in result.errors[:3]]
    assert (Organization.objects.count(), Member.objects.count()) == (4250, 17_000)


def test_importing_the_same_file_twice_creates_nothing_new(tmp_path, importer):
    rows = [org_row(), org_row(**{"Họ và tên thành viên": "Phạm Văn Dũng", CCCD: "", "Năm sinh": 1975}),
            org_row(**{"Tên tổ chức": "Tổ nhân dân tự quản khóm 2", "Ấp, khóm": "Khóm 2",
                       "Loại tổ chức": "Tổ nhân dân tự quản", "Họ và tên thành viên": "", "Giới tính": "",
                       "Năm sinh": "", "Chức danh": "", CCCD: ""})]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    first = run_import("organizations", str(path), importer)
    assert first.saved, [str(e) for e in first.errors]
    assert first.counts == {"Tổ chức": {"create": 2, "update": 0, "unchanged": 0},
                            "Thành viên": {"create": 2, "update": 0, "unchanged": 0}}
    history = Organization.history.count() + Member.history.count()
    second = run_import("organizations", str(path), importer)
    assert second.saved and second.creates() == [] and second.updates() == []
    assert second.counts == {"Tổ chức": {"create": 0, "update": 0, "unchanged": 2},
                             "Thành viên": {"create": 0, "update": 0, "unchanged": 2}}
    assert (Organization.objects.count(), Member.objects.count()) == (2, 2)
    assert Organization.history.count() + Member.history.count() == history


def test_a_changed_cell_is_an_update_with_its_history(tmp_path, importer):
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row()])), importer)
    changed = org_row(**{"Người đứng đầu": "Lê Thị Cúc", "Giới tính": "Nam"})
    result = run_import("organizations", str(write_xlsx(tmp_path / "b.xlsx", [changed])), importer)
    assert [(c.entity, c.action) for c in result.changes] == [("Tổ chức", "update"), ("Thành viên", "update")]
    assert "người đứng đầu" in result.changes[0].detail
    org = Organization.objects.get()
    assert org.leader_name == "Lê Thị Cúc" and org.members.get().gender == "nam"
    assert org.history.count() == 2 and org.history.first().history_user == importer


def test_a_member_is_matched_by_citizen_id_even_when_the_name_is_corrected(tmp_path, importer):
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row()])), importer)
    fixed = org_row(**{"Họ và tên thành viên": "Lê Thị Cúc Hoa"})
    result = run_import("organizations", str(write_xlsx(tmp_path / "b.xlsx", [fixed])), importer)
    assert result.counts["Thành viên"] == {"create": 0, "update": 1, "unchanged": 0}
    assert Member.objects.get().full_name == "Lê Thị Cúc Hoa"


def test_a_commune_officer_cannot_import_into_another_commune(tmp_path, importer, phuong_1_bac_lieu):
    rows = [org_row(), org_row(**{"Xã, phường, thị trấn": "Phường 1, TP Bạc Liêu", "Họ và tên thành viên": "B",
                                  CCCD: ""})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), importer)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Xã, phường, thị trấn")]
    assert "nằm ngoài phạm vi của bạn (Phường Hộ Phòng)" in result.errors[0].message
    assert Organization.objects.count() == 0


def test_an_existing_organization_of_another_commune_is_not_touched(tmp_path, other_commune_officer, importer,
                                                                      phuong_1_bac_lieu):
    other = org_row(**{"Xã, phường, thị trấn": "Phường 1, TP Bạc Liêu"})
    run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [other])), other_commune_officer)
    result = run_import("organizations", str(write_xlsx(tmp_path / "b.xlsx", [other | {"Người đứng đầu": "X"}])),
                        importer)
    assert not result.ok
    assert Organization.objects.get().leader_name == ""


def test_member_columns_without_a_name_say_the_name_is_missing(tmp_path, importer):
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row(**{"Họ và tên thành viên": ""})])),
                        importer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên thành viên")]


def test_dry_run_saves_nothing(tmp_path, importer):
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [org_row()])), importer, dry_run=True)
    assert result.ok and not result.saved
    assert result.counts["Tổ chức"]["create"] == 1
    assert Organization.objects.count() == 0
