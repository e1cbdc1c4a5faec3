"""The organization and member lists against Django's admin changelist doing the same, in a process that did nothing
before: bench/national.py runs this in a child process once the country and its bench officers exist.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_national .venv/bin/python bench/list_vs_admin.py --page 500

Each list page against the admin's page doing the same: page 1 against its page 1; page 500 against its page 500
(rows 49,901–50,000, as it shows 100 a page: what issue 16 compared, "the admin changelist at page 500") and against
its page that shows the same rows (its page 250); the list searched for words against the admin searched for them
(its search box, `search_fields`).

In the bench's own process, after the rest of its run, the admin's page of the same rows took 150–170 ms where a
fresh process took 110–125 (why, not pinned down; the list moved little). Timed here, as a new worker of the production
server would serve them (DEBUG off, bench/_setup.PRODUCTION), two ways:

- warm, in a row (as every other row of the bench): one page discarded, then `--runs` of the list, then of each
  admin page, then all again in the other order; the medians of each page's runs.
- interleaved (the organizations' page 500 only): a list page, an admin page, `--runs` times for each admin page.
  Each list page then follows an admin page that had the processor's caches for itself (its 100 rows, its templates,
  the count of 705,000 rows): this is the list served cold, as the first page after other work (alternating with
  the member list instead, it takes what it takes in a row).

Prints one line per comparison and way and, with --json, writes them. Asserts nothing.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from _setup import PRODUCTION, django_setup

SAME_ROWS, SAME_PAGE, SEARCHED = "admin, the same rows", "admin, its own page", "admin, the same search"
DEEP = "organizations page 500"
IN_A_ROW, INTERLEAVED = "in a row", "interleaved"


def comparisons(page: int) -> dict[str, tuple[str, dict[str, str]]]:
    """{what: (the list's URL, {admin page: its URL})}. The admin shows 100 rows a page and counts pages from 0."""
    from django.urls import reverse

    organizations, members = reverse("organizations:organization_list"), reverse("organizations:member_list")
    admin = {"organizations": reverse("admin:organizations_organization_changelist"),
             "members": reverse("admin:organizations_member_changelist")}
    deep = {SAME_PAGE: f"?p={page - 1}", SAME_ROWS: f"?p={max(0, page // 2 - 1)}"}
    return {
        "organizations page 1": (organizations, {"admin, its page 1": admin["organizations"]}),
        DEEP: (organizations + f"?page={page}", {name: admin["organizations"] + q for name, q in deep.items()}),
        "organizations searched": (organizations + "?q=so+12", {SEARCHED: admin["organizations"] + "?q=so+12"}),
        "members page 1": (members, {"admin, its page 1": admin["members"]}),
        "members page 500": (members + f"?page={page}", {name: admin["members"] + q for name, q in deep.items()}),
        "members searched": (members + "?q=van+3", {SEARCHED: admin["members"] + "?q=van+3"}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=int, default=500, help="the lists' deep page")
    parser.add_argument("--lister", default="bench_1", help="the officer whose lists are timed (national.py's)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json")
    args = parser.parse_args()
    os.environ.update(PRODUCTION)
    django_setup()
    from django.test import Client
    from national import _second_factor

    from accounts.models import User

    lister, admin = Client(), Client()
    lister.force_login(User.objects.get(username=args.lister))
    superuser = User.objects.get(username="bench_admin")
    admin.force_login(superuser)
    _second_factor(admin, superuser)

    def one(client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    results: dict = {}
    for what, (listed, admins) in comparisons(args.page).items():
        pages = {"list": (lister, listed), **{name: (admin, url) for name, url in admins.items()}}
        samples = {IN_A_ROW: {name: [] for name in pages}}
        for order in (tuple(pages), tuple(reversed(pages))):
            for name in order:
                one(*pages[name])  # warm
                samples[IN_A_ROW][name] += [one(*pages[name]) for _ in range(args.runs)]
        if what == DEEP:
            samples[INTERLEAVED] = {name: [] for name in pages}
            for _ in range(args.runs):
                for name in admins:  # each list page right after an admin page
                    for page in ("list", name):
                        samples[INTERLEAVED][page].append(one(*pages[page]))
        results[what] = {}
        for way, by_page in samples.items():
            medians = {name: round(statistics.median(values) * 1000, 1) for name, values in by_page.items()}
            results[what][way] = {"list_ms": medians["list"], **{
                name: {"ms": medians[name], "ratio": round(medians[name] / medians["list"], 1)} for name in admins}}
            print(f"{what}, {way}: list {medians['list']} ms; " + "; ".join(
                f"{name} {medians[name]} ms: {results[what][way][name]['ratio']}×" for name in admins))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
