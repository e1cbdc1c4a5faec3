"""How long the one tally takes: on the demo data, and optionally with a synthetic load on top.

    .venv/bin/python bench/tally_bench.py
    .venv/bin/python bench/tally_bench.py --organizations 100000 --members-each 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_bench .venv/bin/python bench/tally_bench.py --organizations 700000

Seeds the demo data (idempotent) in the benchmark database; the synthetic rows are inserted in a
transaction that is rolled back at the end, so the database is left as it was. Prints seconds
and query counts; asserts nothing.
"""

import argparse
import statistics
import time
from datetime import date

from _setup import django_setup

django_setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from antq_portal.db import refresh_statistics  # noqa: E402
from geography.models import AdministrativeUnit  # noqa: E402
from organizations.models import Member, Organization, OrganizationKind  # noqa: E402
from reports.tally import compute_tally  # noqa: E402

AS_OF, SINCE = date(2018, 7, 11), date(2017, 1, 1)


def measure(label: str, unit, runs: int) -> None:
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            tally = compute_tally(unit=unit, as_of=AS_OF, since=SINCE, include_communes=True)
            timings.append(time.perf_counter() - started)
    totals = tally["totals"]
    print(f"{label:<34} median {statistics.median(timings):7.3f} s  max {max(timings):7.3f} s  "
          f"{len(queries.captured_queries):3d} queries  organizations={totals['organizations']['value']:>8} "
          f"members={totals['members']['value']:>9}")


def synthetic(province, organizations: int, members_each: int) -> None:
    communes = list(AdministrativeUnit.objects.communes_under(province).values_list("pk", flat=True))
    kinds = list(OrganizationKind.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    batch = 5000
    for start in range(0, organizations, batch):
        orgs = [Organization(name=f"Tổ tổng hợp {n}", hamlet="bench", kind_id=kinds[n % len(kinds)],
                             commune_id=communes[n % len(communes)], founded_on=date(2015, 1, 1))
                for n in range(start, min(start + batch, organizations))]
        Organization.objects.bulk_create(orgs)
    ids = list(Organization.objects.filter(hamlet="bench").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        Member.objects.bulk_create([Member(organization_id=pk, full_name="Thành viên", joined_on=date(2015, 1, 1))
                                    for pk in ids[start:start + batch] for _ in range(members_each)])
    refresh_statistics([Organization, Member])  # as seed_demo and the imports do after a bulk load
    print(f"synthetic: {organizations} organizations, {organizations * members_each} members inserted "
          f"in {time.perf_counter() - started:.1f} s (rolled back at the end)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=0, help="synthetic organizations to add")
    parser.add_argument("--members-each", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    province = AdministrativeUnit.objects.get(layout="legacy", level=1, name="Tỉnh Bạc Liêu")
    district = AdministrativeUnit.objects.get(parent=province, name="Thị xã Giá Rai")
    commune = AdministrativeUnit.objects.get(parent=district, name="Phường Hộ Phòng")
    with transaction.atomic():
        if args.organizations:
            synthetic(province, args.organizations, args.members_each)
        for label, unit in [("province (Bạc Liêu)", province), ("district (Giá Rai)", district),
                            ("commune (Hộ Phòng)", commune)]:
            measure(label, unit, args.runs)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
