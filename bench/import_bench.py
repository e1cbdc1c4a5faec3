"""Benchmark: the article's 4,354 organizations with 17,077 members, imported from one XLSX file.

    DATABASE_URL=postgres://… python bench/import_bench.py [--rows-file /tmp/bench.xlsx] [--keep]

Generates the file deterministically (Bạc Liêu's 64 communes, place names written the way people
write them), imports it as a throwaway province administrator, prints the timings of reading,
parsing/validating/planning and saving, then imports the same file again (nothing new: every row
resolves to an unchanged record). Without --keep the benchmark's organizations are archived-free
deleted afterwards so the database is left as found.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

ORGANIZATIONS, MEMBERS = 4354, 17077
BENCH_KIND = "Tổ bảo vệ an ninh, trật tự"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hoàng", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chẳng", "Dũng", "Em", "Giang", "Hùng", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Việt"]


def write_file(path: Path, communes) -> None:
    from imports.registries import get_registry

    spec = get_registry("organizations")
    headers = [c.header for c in spec.columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(headers)
    extra = MEMBERS - 3 * ORGANIZATIONS  # the first `extra` organizations have a fourth member
    person = 0
    for i in range(ORGANIZATIONS):
        commune = communes[i % len(communes)]
        org = {
            "Xã, phường, thị trấn": f"{commune.name}, {commune.parent.name}",
            "Ấp, khóm": f"Ấp {i // len(communes) % 12 + 1}",
            "Tên tổ chức": f"Tổ bảo vệ ANTT số {i + 1}",
            "Loại tổ chức": BENCH_KIND,
            "Số quyết định thành lập": f"{i + 1}/QĐ-UBND",
            "Ngày thành lập": "15/03/2018",
        }
        for m in range(4 if i < extra else 3):
            person += 1
            name = f"{SURNAMES[person % 10]} {MIDDLE[person % 8]} {GIVEN[person % 13]}"
            member = {
                "Họ và tên thành viên": name,
                "Giới tính": "Nữ" if person % 3 == 0 else "Nam",
                "Năm sinh": 1960 + person % 40,
                "Chức danh": "Tổ trưởng" if m == 0 else ("Tổ phó" if m == 1 else "Tổ viên / thành viên"),
                "Số CCCD": f"095{person:09d}",
                "Điện thoại thành viên": f"09{person:08d}",
            }
            cells = {**org, **member}
            sheet.append([cells.get(h) for h in headers])
    workbook.save(path)


def timed(label: str, func):
    start = time.perf_counter()
    value = func()
    print(f"{label:<46} {time.perf_counter() - start:7.2f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default="/tmp/antq-import-bench.xlsx")
    parser.add_argument("--keep", action="store_true", help="keep the imported records")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import officer_create
    from geography.loaders import ensure_province
    from geography.models import AdministrativeUnit
    from imports.pipeline.core import analyse
    from imports.pipeline.reader import read_table
    from imports.registries import get_registry
    from organizations.models import Member, Organization, OrganizationKind

    province = ensure_province("Bạc Liêu")
    communes = list(AdministrativeUnit.objects.communes_under(province).select_related("parent").order_by("path"))
    OrganizationKind.objects.get_or_create(name=BENCH_KIND, defaults={"is_statutory_team": True})
    user = User.objects.filter(username="bench_import").first() or officer_create(
        username="bench_import", unit=province, role=Role.ADMINISTRATOR, password="bench-import-2018",
        full_name="Benchmark nhập Excel")
    path = Path(args.file)
    timed("generate file", lambda: write_file(path, communes))
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB), {ORGANIZATIONS} organizations, {MEMBERS} members")

    from django.db import transaction

    spec = get_registry("organizations")
    timed("read XLSX alone (included in the next line)", lambda: read_table(str(path)))
    total = time.perf_counter()
    with transaction.atomic():
        result = timed("read + parse + validate + plan", lambda: analyse("organizations", str(path), user))
        assert result.ok, result.errors[:5]
        timed("save (bulk_create with history)", lambda: spec.save(result.plan, user))
    print(f"{'TOTAL first import (check + save)':<46} {time.perf_counter() - total:7.2f} s   counts: {result.counts}")

    again = time.perf_counter()
    result = analyse("organizations", str(path), user)
    print(f"{'re-check of the same file (nothing new)':<46} {time.perf_counter() - again:7.2f} s   counts: {result.counts}")
    print(f"in database: {Organization.objects.count()} organizations, {Member.objects.count()} members")
    if not args.keep:
        bench = Organization.objects.filter(created_by=user)
        Member.objects.filter(organization__in=bench).delete()
        bench.delete()


if __name__ == "__main__":
    main()
