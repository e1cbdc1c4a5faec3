"""How long the registry list pages take for a provincial officer: the organization list opened
from the menu, a diacritic-insensitive search, a filtered export; on the demo data and optionally
with synthetic organizations on top (rolled back at the end).

    .venv/bin/python bench/list_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_bench .venv/bin/python bench/list_bench.py --organizations 100000

Prints seconds and query counts; asserts nothing.
"""

import statistics
import time

from _setup import demo_with_synthetic_arguments, django_setup, synthetic

django_setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from geography.models import AdministrativeUnit  # noqa: E402

CASES = [
    ("organization list (menu)", "organizations:organization_list", {}),
    ("search 'ho phong'", "organizations:organization_list", {"q": "ho phong"}),
    ("search 'to bao ve khom 3'", "organizations:organization_list", {"q": "to bao ve khom 3"}),
    ("sorted by member count", "organizations:organization_list", {"sort": "-members", "active_on": "2018-07-11"}),
    ("member list", "organizations:member_list", {"active_on": "2018-07-11"}),
    ("member search 'nguyen van'", "organizations:member_list", {"q": "nguyen van"}),
    ("models list", "models_registry:model_list", {}),
    ("decision list", "commendations:decision_list", {}),
    ("dashboard (province)", "reports:dashboard", {"as_of": "2018-07-11", "since": "2017-01-01"}),
]


def measure(client, label: str, url: str, params: dict, runs: int) -> None:
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append(time.perf_counter() - started)
    assert response.status_code == 200, (label, response.status_code)
    print(f"{label:<44} median {statistics.median(timings):7.3f} s  max {max(timings):7.3f} s  "
          f"{len(queries.captured_queries):3d} queries")


def main() -> None:
    args = demo_with_synthetic_arguments()
    client = Client()
    client.force_login(User.objects.get(username="tonghop"))
    with transaction.atomic():
        if args.organizations:
            province = AdministrativeUnit.objects.get(layout="legacy", level=1, name="Tỉnh Bạc Liêu")
            synthetic(province, args.organizations, args.members_each)
        for label, name, params in CASES:
            measure(client, label, reverse(name), params, args.runs)
        # The same pages for today's provincial staff (2025 scope: its communes and the old units it covers).
        client.force_login(User.objects.get(username="tonghopcamau"))
        for label, name, params in CASES:
            measure(client, f"{label} [Cà Mau 2025]", reverse(name), params, args.runs)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
