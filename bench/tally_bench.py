"""How long the one tally takes: on the demo data, and optionally with a synthetic load on top.

    .venv/bin/python bench/tally_bench.py
    .venv/bin/python bench/tally_bench.py --organizations 100000 --members-each 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_bench .venv/bin/python bench/tally_bench.py --organizations 700000

Seeds the demo data (idempotent) in the benchmark database; the synthetic rows are inserted in a
transaction that is rolled back at the end, so the database is left as it was. Prints seconds
and query counts; asserts nothing.
"""

import statistics
import time
from datetime import date

from _setup import demo_with_synthetic_arguments, django_setup, synthetic

django_setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from geography.models import AdministrativeUnit  # noqa: E402
from reports.tally import compute_tally  # noqa: E402

AS_OF, SINCE = date(2018, 7, 11), date(2017, 1, 1)


def measure(label: str, unit, runs: int, as_of: date = AS_OF, since: date = SINCE, layout=None) -> None:
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            tally = compute_tally(unit=unit, as_of=as_of, since=since, include_communes=True, layout=layout)
            timings.append(time.perf_counter() - started)
    totals = tally.totals
    print(f"{label:<34} median {statistics.median(timings):7.3f} s  max {max(timings):7.3f} s  "
          f"{len(queries.captured_queries):3d} queries  organizations={totals.organizations.value:>8} "
          f"members={totals.members.value:>9}")


def main() -> None:
    args = demo_with_synthetic_arguments()
    province = AdministrativeUnit.objects.get(layout="legacy", level=1, name="Tỉnh Bạc Liêu")
    district = AdministrativeUnit.objects.get(parent=province, name="Thị xã Giá Rai")
    commune = AdministrativeUnit.objects.get(parent=district, name="Phường Hộ Phòng")
    with transaction.atomic():
        if args.organizations:
            synthetic(province, args.organizations, args.members_each)
        for label, unit in [("province (Bạc Liêu)", province), ("district (Giá Rai)", district),
                            ("commune (Hộ Phòng)", commune)]:
            measure(label, unit, args.runs)
        # Today's province (2025 layout): in its own communes, and before 01/07/2025 in the old units it
        # covers (the default) or re-counted under today's communes.
        today = AdministrativeUnit.objects.get(layout="2025", level=1, name="Tỉnh Cà Mau")
        measure("today's Cà Mau, 2026", today, args.runs, as_of=date(2026, 12, 1), since=date(2026, 1, 1))
        measure("today's Cà Mau, 2018 (old units)", today, args.runs)
        measure("today's Cà Mau, 2018 (2025 units)", today, args.runs, layout="2025")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
