"""python manage.py import_records … — the same pipeline, the user's scope, an exit code."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from organizations.models import Member, Organization

from .conftest import org_row, write_xlsx

pytestmark = pytest.mark.django_db


def run(*argv) -> int:
    """The exit status manage.py would give: run_from_argv exits with a CommandError's returncode.

    (run_from_argv itself closes every database connection, which a test cannot afford.)"""
    try:
        call_command("import_records", *map(str, argv))
    except CommandError as error:
        return error.returncode
    return 0


def test_a_good_file_is_saved_and_exits_zero(tmp_path, importer, capsys):
    path = write_xlsx(tmp_path / "a.xlsx", [org_row()])
    assert run("organizations", path, "--as", importer.username) == 0
    out = capsys.readouterr().out
    assert "Tổ chức: thêm mới 1" in out and "Đã lưu." in out
    assert (Organization.objects.count(), Member.objects.count()) == (1, 1)


def test_dry_run_prints_the_preview_and_saves_nothing(tmp_path, importer, capsys):
    path = write_xlsx(tmp_path / "a.xlsx", [org_row()])
    assert run("organizations", path, "--as", importer.username, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Thêm mới — dòng 2: Tổ chức Tổ bảo vệ ANTT khóm 1" in out and "chưa lưu" in out
    assert Organization.objects.count() == 0


def test_errors_are_printed_with_row_and_column_and_exit_non_zero(tmp_path, importer, capsys):
    path = write_xlsx(tmp_path / "a.xlsx", [org_row(), org_row(**{"Họ và tên thành viên": "B", "Số CCCD": "1"})])
    assert run("organizations", path, "--as", importer.username) == 1
    err = capsys.readouterr().err
    assert "Dòng 3, cột “Số CCCD”: Số CCCD phải gồm đúng 12 chữ số." in err
    assert Organization.objects.count() == 0


def test_the_users_scope_applies(tmp_path, importer, capsys):
    path = write_xlsx(tmp_path / "a.xlsx", [org_row(**{"Xã, phường, thị trấn": "Phường 1 - TP Bạc Liêu"})])
    assert run("organizations", path, "--as", importer.username) == 1
    assert "nằm ngoài phạm vi" in capsys.readouterr().err


def test_leadership_and_unknown_users_are_refused(tmp_path, leader, kinds):
    path = write_xlsx(tmp_path / "a.xlsx", [org_row()])
    assert run("organizations", path, "--as", leader.username) == 1
    assert run("organizations", path, "--as", "khong-co") == 1


def test_template_option_writes_the_template(tmp_path, kinds):
    out = tmp_path / "mau.xlsx"
    call_command("import_records", "models", "--template", str(out))
    assert load_workbook(out)["Dữ liệu"]["A1"].value == "Tên mô hình"
