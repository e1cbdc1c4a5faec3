"""The organization list against Django's admin changelist, in a process that did nothing before: bench/national.py
runs this in a child process once the country and its bench officers exist. The admin at the same page number (its
page 500: rows 49,901–50,000, as it shows 100 a page; what issue 16 compared) and at the page that shows the same
rows as the list's (its page 250).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_national .venv/bin/python bench/list_vs_admin.py --page 500

In the bench's own process, after the rest of its run, the admin's page of the same rows took 150–170 ms where a
fresh process took 110–125 (why, not pinned down; the list moved little). Timed here, as a new worker of the production
server would serve them (DEBUG off, bench/_setup.PRODUCTION), two ways:

- warm, in a row (as every other row of the bench): one page discarded, then `--runs` of the list, then of the
  admin, then both again in the other order; the medians of each page's runs.
- interleaved: a list page, an admin page, `--runs` times for each admin page. Each list page then follows an
  admin page that had the processor's caches for itself (its 100 rows, its templates, the count of 705,000 rows): this is the list served
  cold, as the first page after other work (alternating with the member list instead, it takes what it takes in a
  row).

Prints one line per way and, with --json, writes them. Asserts nothing.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from _setup import PRODUCTION, django_setup

SAME_ROWS, SAME_PAGE = "admin, the same rows", "admin, its own page"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=int, default=500, help="the list's page; the admin's shows the same rows")
    parser.add_argument("--lister", default="bench_1", help="the officer whose list is timed (national.py's)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json")
    args = parser.parse_args()
    os.environ.update(PRODUCTION)
    django_setup()
    from django.test import Client
    from django.urls import reverse
    from national import _second_factor

    from accounts.models import User

    lister, admin = Client(), Client()
    lister.force_login(User.objects.get(username=args.lister))
    superuser = User.objects.get(username="bench_admin")
    admin.force_login(superuser)
    _second_factor(admin, superuser)
    # The admin shows 100 rows a page and counts pages from 0: its page `--page` (what issue 16 compared: "the admin
    # changelist at page 500"), and the page that shows the same rows as the list's page `--page` (half as deep).
    changelist = reverse("admin:organizations_organization_changelist")
    pages = {"list": (lister, reverse("organizations:organization_list") + f"?page={args.page}"),
             SAME_ROWS: (admin, f"{changelist}?p={max(0, args.page // 2 - 1)}"),
             SAME_PAGE: (admin, f"{changelist}?p={args.page - 1}")}

    def one(name: str) -> float:
        client, url = pages[name]
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    samples = {way: {name: [] for name in pages} for way in ("in a row", "interleaved")}
    for order in (tuple(pages), tuple(reversed(pages))):
        for name in order:
            one(name)  # warm
            samples["in a row"][name] += [one(name) for _ in range(args.runs)]
    for _ in range(args.runs):
        for admin_page in (SAME_ROWS, SAME_PAGE):  # each list page right after an admin page
            for name in ("list", admin_page):
                samples["interleaved"][name].append(one(name))
    results = {}
    for way, by_page in samples.items():
        medians = {name: round(statistics.median(values) * 1000, 1) for name, values in by_page.items()}
        results[way] = {"list_ms": medians["list"],
                        **{name: {"ms": medians[name], "ratio": round(medians[name] / medians["list"], 1)}
                           for name in (SAME_ROWS, SAME_PAGE)}}
        print(f"{way}: list {medians['list']} ms; " + "; ".join(
            f"{name} {row['ms']} ms: {row['ratio']}×" for name, row in results[way].items() if name != "list_ms"))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
