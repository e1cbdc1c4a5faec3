"""Once an import saves, the database's planner knows the rows arrived (no seconds-long tally)."""

import pytest
from django.db import connection

from imports.pipeline import run_import
from organizations.models import Member

from .conftest import org_row, write_csv

pytestmark = pytest.mark.django_db


def planner_rows(model) -> int:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return int(cursor.fetchone()[0])
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return int(row[0].split()[0]) if row else 0


def test_statistics_are_refreshed_when_an_import_saves(tmp_path, commune_officer, kinds):
    rows = [org_row(**{"Tên tổ chức": f"Tổ bảo vệ ANTT số {i // 4}", "Họ và tên thành viên": f"Người {i}",
                       "Số CCCD": f"095{i:09d}"}) for i in range(200)]
    path = write_csv(tmp_path / "to_chuc.csv", rows)
    result = run_import("organizations", str(path), commune_officer)
    assert result.saved, result.errors
    assert planner_rows(Member) == 200
