"""Shared start-up for benchmarks: a throwaway SQLite database unless DATABASE_URL is set."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Settings as production runs them (`make serve`): DEBUG off (no SQL logged, hashed static files, templates without
# their debug bookkeeping), over plain HTTP on 127.0.0.1. What a page costs with DEBUG on is not what officers wait for.
PRODUCTION = {"DEBUG": "false", "SECURE_COOKIES": "false", "SECURE_SSL_REDIRECT": "false"}


def collect_static(env: dict | None = None) -> None:
    """The hashed static files DEBUG off serves (as `make serve` collects them)."""
    import subprocess

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env=env, check=True)


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq_portal.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")


def synthetic(province, organizations: int, members_each: int) -> None:
    """Insert `organizations` more organizations with `members_each` members each across the
    province's communes (the caller's transaction decides whether they stay)."""
    from datetime import date

    from antq_portal.db import refresh_statistics
    from geography.models import AdministrativeUnit
    from organizations.models import Member, Organization, OrganizationKind

    communes = list(AdministrativeUnit.objects.communes_under(province).values_list("pk", flat=True))
    kinds = list(OrganizationKind.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    batch = 5000
    for start in range(0, organizations, batch):
        orgs = [Organization(name=f"Tổ tổng hợp {n}", hamlet="bench", kind_id=kinds[n % len(kinds)],
                             commune_id=communes[n % len(communes)], founded_on=date(2015, 1, 1),
                             search_text=f"to tong hop {n} bench")  # searched like real rows
                for n in range(start, min(start + batch, organizations))]
        Organization.objects.bulk_create(orgs)
    ids = list(Organization.objects.filter(hamlet="bench").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        Member.objects.bulk_create([Member(organization_id=pk, full_name="Thành viên", joined_on=date(2015, 1, 1),
                                           search_text="thanh vien")
                                    for pk in ids[start:start + batch] for _ in range(members_each)])
    refresh_statistics([Organization, Member])  # as seed_demo and the imports do after a bulk load
    print(f"synthetic: {organizations} organizations, {organizations * members_each} members inserted "
          f"in {time.perf_counter() - started:.1f} s (rolled back at the end)")


def demo_with_synthetic_arguments() -> argparse.Namespace:
    """The options of the benchmarks that measure the demo data with synthetic rows on top; seeds
    the demo data (idempotent) before returning them."""
    from django.core.management import call_command

    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=0, help="synthetic organizations to add")
    parser.add_argument("--members-each", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return args
