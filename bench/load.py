"""Officers browsing at once: gunicorn against PostgreSQL, simulated officers with think time, p95.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_national .venv/bin/python bench/load.py
    … bench/load.py --users 50 --seconds 120 --workers 3 --json load.json

Starts the production server of `make serve` (gunicorn, DEBUG off, hashed static files) on
127.0.0.1 only, signs in `--users` officers of the generated country (a few national, most of
provinces, districts and communes, as the Ministry's department and the provinces would have) over
real HTTP, and lets each of them browse for `--seconds`: their dashboard, the organization and
member lists (page 1, a deep page, a search), with a think time of 1–4 s between pages. The officers
sign in first (arriving over the first seconds, as a shift starts; the password hash is deliberately
slow), and browsing is measured once every one of them is in, so that the sign-in burst is reported
apart instead of queueing the first pages behind it. Prints the latency of every kind of page (median,
p95, max) and the errors; asserts nothing. Traffic is bounded
in count and time and goes to the server this script started.
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _setup import PRODUCTION, ROOT, collect_static, django_setup

PASSWORD = "bench-2018-national"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 4.0), metavar=("MIN", "MAX"))
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--json", help="write the results to this file too")
    parser.add_argument("--seed", type=int, default=2018)
    return parser.parse_args()


def officers(count: int, rng: random.Random) -> list[dict]:
    """`count` reporting officers spread like a department's: 2 national, then provinces, districts, communes."""
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import officer_create
    from geography.models import AdministrativeUnit, Layout, Level

    legacy = AdministrativeUnit.objects.filter(layout=Layout.LEGACY)
    pools = {level: list(legacy.filter(level=level).values_list("pk", flat=True)) for level in Level}
    plan = [Level.NATION] * 2 + [rng.choice([Level.PROVINCE, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
                                 for _ in range(max(0, count - 2))]
    result = []
    for number, level in enumerate(plan[:count]):
        unit_id = rng.choice(pools[level]) if pools[level] else pools[Level.PROVINCE][0]
        username = f"load_{number}_{unit_id}"
        if not User.objects.filter(username=username).exists():
            officer_create(username=username, unit=AdministrativeUnit.objects.get(pk=unit_id), role=Role.REPORTING,
                           password=PASSWORD, full_name=username)
        result.append({"username": username, "unit_id": unit_id, "level": int(level)})
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, **PRODUCTION, ALLOWED_HOSTS="127.0.0.1",
               SECRET_KEY=os.environ.get("SECRET_KEY", "bench-load-not-secret-" + "x" * 40))
    collect_static(env)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "antq_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
                               str(workers), "--timeout", "120", "--log-level", "warning"], cwd=ROOT, env=env)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10)
            return server
        except urllib.error.HTTPError:  # it answers; unhealthy only without a Celery worker beating (REDIS_URL set)
            return server
        except OSError:  # not listening yet, or the workers still starting
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer on /healthz")


class Officer(threading.Thread):
    def __init__(self, base: str, paths: dict, who: dict, seconds: float, think: tuple[float, float],
                 rng: random.Random, samples: list, errors: list, lock: threading.Lock, all_in: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.paths, self.who, self.seconds, self.think, self.rng = base, paths, who, seconds, think, rng
        self.all_in = all_in  # every officer has signed in (or failed to): browsing starts
        self.samples, self.errors, self.lock = samples, errors, lock
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.pages_of: dict[str, int] = {}  # list path → its number of pages, as page 1 showed it

    def fetch(self, kind: str, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as exc:
            text, status = "", exc.code
        except OSError as exc:
            text, status = "", repr(exc)
        elapsed = time.perf_counter() - started
        with self.lock:
            if status == 200:
                self.samples.append((kind, elapsed))
            else:
                self.errors.append((kind, path, status))
        return text

    def sign_in(self) -> bool:
        page = self.fetch("sign-in form", self.paths["login"])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            return False
        landing = self.fetch("sign in", self.paths["login"], {
            "csrfmiddlewaretoken": token.group(1), "username": self.who["username"], "password": PASSWORD})
        return self.paths["logout"] in landing

    def run(self) -> None:
        time.sleep(self.rng.uniform(0, self.think[1]))  # officers do not all arrive in the same second
        signed_in = self.sign_in()
        if not signed_in:
            with self.lock:
                self.errors.append(("sign in", self.who["username"], "not signed in"))
        self.all_in.wait()
        if not signed_in:
            return
        time.sleep(self.rng.uniform(*self.think))  # each officer's first page comes after a look at the last one
        until = time.time() + self.seconds
        while time.time() < until:
            kind, path = self.rng.choice(self.paths["pages"])
            base, deep = path.split("?")[0], "{page}" in path
            pages = self.pages_of.get(base, 0)
            if deep and pages < 2:  # an officer pages on from a page 1 that offers more pages
                kind, path = kind.replace("deep page", "page 1"), base
            text = self.fetch(kind, path.format(unit=self.who["unit_id"], page=self.rng.randint(2, max(2, min(pages, 600))),
                                                n=self.rng.randint(1, 99)))
            if path == base and (shown := re.search(r"Trang 1 / ([\d.]+)", text)):
                self.pages_of[base] = int(shown.group(1).replace(".", ""))
            time.sleep(self.rng.uniform(*self.think))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(samples: list, errors: list, seconds: float) -> dict:
    by_kind: dict[str, list[float]] = {}
    for kind, elapsed in samples:
        by_kind.setdefault(kind, []).append(elapsed)
    every = [elapsed for _kind, elapsed in samples if not _kind.startswith("sign")]
    rows = {kind: {"requests": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
                   "p95_ms": round(percentile(values, 0.95) * 1000, 1), "max_ms": round(max(values) * 1000, 1)}
            for kind, values in sorted(by_kind.items())}
    overall = {"requests": len(every), "per_second": round(len(every) / seconds, 1),
               "median_ms": round(statistics.median(every) * 1000, 1) if every else None,
               "p95_ms": round(percentile(every, 0.95) * 1000, 1) if every else None,
               "errors": len(errors)}
    return {"pages": rows, "overall": overall, "errors": [list(map(str, e)) for e in errors[:20]]}


def urls() -> dict:
    """The paths the officers use, from the URLconf."""
    from django.urls import reverse

    organizations, members = reverse("organizations:organization_list"), reverse("organizations:member_list")
    return {
        "login": reverse("accounts:login"),
        "logout": reverse("accounts:logout"),
        "pages": [
            ("dashboard", reverse("reports:dashboard_unit", args=[0]).replace("/0/", "/{unit}/")),
            ("organizations page 1", organizations),
            ("organizations deep page", organizations + "?page={page}"),
            ("organizations searched", organizations + "?q=so+{n}"),
            ("members page 1", members),
            ("members deep page", members + "?page={page}"),
        ],
    }


def main() -> None:
    args = arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/load.py needs DATABASE_URL=postgres://… (the production database)")
    django_setup()
    paths = urls()
    rng = random.Random(args.seed)
    who = officers(args.users, rng)
    from reports.kept import nightly

    started = time.perf_counter()
    nightly()  # what beat does each night (reports.tasks.keep_stocks)
    print(f"nightly job (every commune counted, the provinces' dashboards kept): {time.perf_counter() - started:.1f} s")
    port = args.port or free_port()
    server = start_server(port, args.workers)
    samples, errors, lock = [], [], threading.Lock()
    try:
        all_in = threading.Barrier(len(who))
        threads = [Officer(f"http://127.0.0.1:{port}", paths, w, args.seconds, tuple(args.think),
                           random.Random(rng.random()), samples, errors, lock, all_in) for w in who]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 300)
    finally:
        server.terminate()
        server.wait(30)
    result = summary(samples, errors, args.seconds)
    result["setup"] = {"users": args.users, "seconds": args.seconds, "workers": args.workers,
                       "think_s": list(args.think), "cores": os.cpu_count()}
    print(f"\n{args.users} officers for {args.seconds} s, gunicorn {args.workers} workers, think {args.think} s")
    print(f"{'page':<28} {'requests':>8} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")
    for kind, row in result["pages"].items():
        print(f"{kind:<28} {row['requests']:>8} {row['median_ms']:>10} {row['p95_ms']:>10} {row['max_ms']:>10}")
    o = result["overall"]
    print(f"{'all pages':<28} {o['requests']:>8} {o['median_ms']!s:>10} {o['p95_ms']!s:>10}   "
          f"{o['per_second']}/s, {o['errors']} errors")
    for error in result["errors"]:
        print("error:", *error)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False))
        print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
