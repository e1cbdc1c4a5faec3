"""Once an import saves, the database's planner knows the rows arrived (no seconds-long tally), and its communes'
counts are kept again."""

from datetime import date

import pytest

from imports.pipeline import run_import
from organizations.models import Member
from reports.models import StockDue
from reports.stocks import commune_stocks
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


def test_the_communes_counts_are_kept_again_as_an_import_commits(tmp_path, commune_officer, ho_phong, kinds,
                                                                django_capture_on_commit_callbacks,
                                                                django_assert_max_num_queries):
    """Bulk writes send no signal: the import asks for its communes' dropped counts to be kept at its commit, so
    that the first dashboard after it reads them kept (reports.stocks.keep_due)."""
    day = date(2018, 7, 11)
    assert commune_stocks([ho_phong.pk], day).by_commune == {ho_phong.pk: (0, 0)}  # kept: nothing there yet
    rows = [org_row(**{"Tên tổ chức": f"Tổ bảo vệ ANTT số {i // 4}", "Họ và tên thành viên": f"Người {i}",
                       "Số CCCD": f"095{i:09d}"}) for i in range(20)]
    with django_capture_on_commit_callbacks(execute=True):
        result = run_import("organizations", str(write_csv(tmp_path / "to_chuc.csv", rows)), commune_officer)
        assert result.saved, result.errors
        assert StockDue.objects.filter(commune_id=ho_phong.pk, day=day).exists()
    assert not StockDue.objects.exists()
    with django_assert_max_num_queries(1):  # read kept, nothing counted
        assert commune_stocks([ho_phong.pk], day).by_commune == {ho_phong.pk: (5, 20)}
