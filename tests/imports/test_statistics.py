"""Once an import saves, the database's planner knows the rows arrived (no seconds-long tally)."""

import pytest

from imports.pipeline import run_import
from organizations.models import Member
from tests.planner import planner_rows

from .conftest import org_row, write_csv

pytestmark = pytest.mark.django_db


def test_statistics_are_refreshed_when_an_import_saves(tmp_path, commune_officer, kinds):
    rows = [org_row(**{"Tên tổ chức": f"Tổ bảo vệ ANTT số {i // 4}", "Họ và tên thành viên": f"Người {i}",
                       "Số CCCD": f"095{i:09d}"}) for i in range(200)]
    path = write_csv(tmp_path / "to_chuc.csv", rows)
    result = run_import("organizations", str(path), commune_officer)
    assert result.saved, result.errors
    assert planner_rows(Member) == 200
