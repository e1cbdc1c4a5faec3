"""The whole country on one PostgreSQL: generate the national dataset, then measure the pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_national .venv/bin/python bench/national.py
    … bench/national.py --scale 0.05            # a twentieth of the country (quick)
    … bench/national.py --skip-load --runs 7    # measure again on the data already generated
    … bench/national.py --json national.json    # also write the results as JSON

At --scale 1 the dataset is the one issue 16 measured: every commune of the country in both
layouts (about 10,000 pre-2025 communes), 705,094 organizations skewed like the country (Hà Nội
about 106,000), 2.7 million members, 30,181 deployments of about 2,000 models, 331,000
commendation recipients. Rows are written with COPY, so generating takes minutes, not hours.

Measured warm with production's settings (DEBUG off: bench/_setup.PRODUCTION), one run discarded, then --runs runs
(median and max): dashboards of the country (when a national unit exists), a big province, a small province, a district and a commune; the
tally; both again right after an officer's save under the unit (the kept tally computed afresh:
reports/kept.py, so "after a write" is the cost of the first view after any change, the plain row the
repeated view's; the save, which keeps its commune's counts again as it commits, timed apart); the tally's
organizations and members figures alone, as a new request reads them (the unit and its communes resolved)
and with the communes in hand (as the hand-written SQL has the unit's path), kept, after an officer's save
and after a write by SQL (counted by the reader); the organization and member lists (page 1, page 500,
filtered, searched, sorted); the same list pages through Django's admin changelist; the same
aggregates as hand-written SQL: every headline figure of the tally (reports.figures.Totals) for both periods,
which the tally's rows are compared with, and the organizations and members alone, which the figures' rows
are compared with (`hand_sql_tally`, `hand_sql`); the PDFs
(time and peak memory, rendered by `manage.py render_report` in a child process). Prints a table
and the ratios; asserts nothing.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from _setup import PRODUCTION, ROOT, collect_static, django_setup

TARGET = {"organizations": 705_094, "members": 2_702_995, "deployments": 30_181, "recipients": 331_000,
          "models": 2_000}
# Share of the country's organizations per province beyond its share of communes (the cities are
# denser); Hà Nội ends near 106,000 of 705,094 at scale 1.
DENSITY = {"Thành phố Hà Nội": 2.55, "Thành phố Hồ Chí Minh": 1.9, "Thành phố Hải Phòng": 1.3,
           "Thành phố Đà Nẵng": 1.3, "Tỉnh Bạc Liêu": 1.0}
AS_OF, SINCE = date(2024, 6, 30), date(2023, 1, 1)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the country's rows (1 = all)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-load", action="store_true", help="measure the rows already generated")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurements")
    parser.add_argument("--json", help="write the results to this file too")
    parser.add_argument("--seed", type=int, default=2018)
    return parser.parse_args()


# --- Generating ------------------------------------------------------------------------------------

def copy_rows(model, rows: list[dict]) -> None:
    """COPY `rows` into the model's table; columns a row leaves out take the field's default."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]

    def value(field, row):
        if field.attname in row:
            return row[field.attname]
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.has_default():
            return field.get_default()
        return "" if field.empty_strings_allowed and not field.null else None

    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([value(f, row) for f in fields])


def _ids(model, **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def _spread(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """`total` split over the weights, each share rounded, the remainder given out at random."""
    whole = sum(weights)
    counts = [int(total * w / whole) for w in weights]
    for index in rng.choices(range(len(weights)), weights=weights, k=total - sum(counts)):
        counts[index] += 1
    return counts


def generate(scale: float, seed: int) -> dict:
    from django.db import connection, transaction

    from antq_portal.db import refresh_statistics
    from commendations.models import Authority, CommendationForm, Decision, Person, Recipient
    from geography.loaders import load_units
    from geography.models import AdministrativeUnit, Layout, Level
    from models_registry.models import CrimePreventionModel, Deployment, FieldOfWork
    from organizations.models import Member, Organization, OrganizationKind

    rng = random.Random(seed)
    timings = {}
    started = time.perf_counter()
    load_units(layout=Layout.LEGACY)
    load_units(layout=Layout.Y2025)
    timings["units"] = time.perf_counter() - started

    registry = [Recipient, Person, Decision, Deployment, CrimePreventionModel, Member, Organization]
    tables = [m._meta.db_table for m in registry] + [m.history.model._meta.db_table for m in registry
                                                     if hasattr(m, "history")]
    # TRUNCATE fires no row or statement triggers: the kept counts (reports/stocks.py) go with the rows.
    from reports.models import CommuneStock, CommuneVersion, KeptTally

    tables += [CommuneStock._meta.db_table, CommuneVersion._meta.db_table, KeptTally._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")

    communes = list(AdministrativeUnit.objects.filter(layout=Layout.LEGACY, level=Level.COMMUNE)
                    .values_list("pk", "path"))
    provinces = dict(AdministrativeUnit.objects.filter(layout=Layout.LEGACY, level=Level.PROVINCE)
                     .values_list("path", "name"))
    weights = [DENSITY.get(provinces.get("/".join(path.split("/")[:2]) + "/", ""), 1.0)
               * rng.lognormvariate(0, 0.5) for _pk, path in communes]
    kinds = _ids(OrganizationKind)
    n = {key: max(1, int(value * scale)) for key, value in TARGET.items()}
    founded = date(2010, 1, 1)

    with transaction.atomic():
        step = time.perf_counter()
        org_rows = []
        for (commune_id, _path), count in zip(communes, _spread(n["organizations"], weights, rng), strict=True):
            for i in range(count):
                day = founded + timedelta(days=rng.randrange(4000))
                org_rows.append({"name": f"Tổ an ninh nhân dân số {i + 1}", "hamlet": f"Ấp {i % 12 + 1}",
                                 "kind_id": kinds[rng.randrange(len(kinds))], "commune_id": commune_id,
                                 "founded_on": day, "search_text": f"to an ninh nhan dan so {i + 1} ap {i % 12 + 1}"})
        copy_rows(Organization, org_rows)
        timings["organizations"] = time.perf_counter() - step

        step = time.perf_counter()
        org_ids = _ids(Organization)
        per_org = _spread(n["members"], [1.0] * len(org_ids), rng)
        member_rows = []
        for org_id, org_row, count in zip(org_ids, org_rows, per_org, strict=True):
            for i in range(count):
                member_rows.append({"organization_id": org_id, "full_name": f"Nguyễn Văn {i + 1}",
                                    "birth_year": 1950 + rng.randrange(50), "joined_on": org_row["founded_on"],
                                    "role": "to_vien" if i else "to_truong",
                                    "search_text": f"nguyen van {i + 1}"})
            if len(member_rows) > 200_000:
                copy_rows(Member, member_rows)
                member_rows = []
        copy_rows(Member, member_rows)
        timings["members"] = time.perf_counter() - step

        step = time.perf_counter()
        fields = _ids(FieldOfWork)
        province_ids = dict(AdministrativeUnit.objects.filter(layout=Layout.LEGACY, level=Level.PROVINCE)
                            .values_list("path", "pk"))
        province_list = list(province_ids.values())
        copy_rows(CrimePreventionModel, [
            {"name": f"Mô hình tự quản về ANTT số {i + 1}", "field_id": fields[i % len(fields)],
             "founding_unit_id": province_list[i % len(province_list)], "founded_on": founded,
             "search_text": f"mo hinh tu quan ve antt so {i + 1}"} for i in range(n["models"])])
        model_ids = _ids(CrimePreventionModel)
        pairs = set()
        while len(pairs) < n["deployments"]:
            pairs.add((model_ids[int(rng.paretovariate(1.2)) % len(model_ids)],
                       communes[rng.randrange(len(communes))][0]))
        copy_rows(Deployment, [{"model_id": m, "commune_id": c, "place": "", "started_on": founded}
                               for m, c in pairs])
        timings["deployments"] = time.perf_counter() - step

        step = time.perf_counter()
        authorities, forms = _ids(Authority), _ids(CommendationForm)
        decisions = max(1, n["recipients"] // 10)
        copy_rows(Decision, [
            {"number": f"{i + 1}/QĐ-CAT", "decided_on": date(2017 + i % 8, 1 + i % 12, 1 + i % 28),
             "year": 2017 + i % 8, "authority_id": authorities[i % len(authorities)],
             "form_id": forms[i % len(forms)], "kind": "thuong_xuyen",
             "issuing_unit_id": province_list[i % len(province_list)],
             "search_text": f"{i + 1}/qd-cat"} for i in range(decisions)])
        decision_ids = _ids(Decision)
        people = n["recipients"] * 8 // 10
        person_communes = [communes[rng.randrange(len(communes))][0] for _ in range(people)]
        copy_rows(Person, [{"full_name": f"Trần Thị {i + 1}", "commune_id": c, "birth_year": 1970 + i % 30,
                            "identity_key": f"tran thi {i + 1}|{c}|{1970 + i % 30}",
                            "search_text": f"tran thi {i + 1}"} for i, c in enumerate(person_communes)])
        person_ids = _ids(Person)
        recipient_rows = []
        for i in range(n["recipients"]):
            decision = decision_ids[i % len(decision_ids)]
            if i < people:
                recipient_rows.append({"decision_id": decision, "recipient_type": "ca_nhan",
                                       "person_id": person_ids[i], "commune_id": person_communes[i]})
            else:
                recipient_rows.append({"decision_id": decision, "recipient_type": "tap_the",
                                       "group_name": f"Tập thể {i}", "commune_id": communes[i % len(communes)][0]})
        copy_rows(Recipient, recipient_rows)
        timings["commendations"] = time.perf_counter() - step
        refresh_statistics(registry)
    timings["total"] = time.perf_counter() - started
    return timings


def settle() -> None:
    """VACUUM (ANALYZE) the freshly written database, as autovacuum does in production soon after a bulk
    load: the visibility map lets list pages read ids from their index alone, as they do in service.
    Not counted in the generating time; run on --skip-load too (the rows may have just been written)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


# --- Measuring -------------------------------------------------------------------------------------

def timed(fn, runs: int, before=None) -> dict:
    """Median and max of `runs` warm calls of `fn`; `before()`, untimed, ahead of each (a write)."""
    if before:
        before()
    fn()  # warm
    samples = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return {"median_ms": round(statistics.median(samples) * 1000, 1), "max_ms": round(max(samples) * 1000, 1)}


def page(client, url: str):
    def fetch():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response
    return fetch


def hand_sql(unit) -> dict:
    """The article's two headline figures for `unit`, written by hand: the same work as the figures' rows (the
    tally's rows are compared with all its figures by hand, `hand_sql_tally`)."""
    from django.db import connection

    sql = {
        "organizations": """
            SELECT count(*) FROM organizations_organization o
            JOIN geography_administrativeunit c ON c.id = o.commune_id
            WHERE c.path LIKE %s AND o.archived_at IS NULL
              AND (o.founded_on IS NULL OR o.founded_on <= %s) AND (o.dissolved_on IS NULL OR o.dissolved_on > %s)""",
        "members": """
            SELECT count(*) FROM organizations_member m
            JOIN organizations_organization o ON o.id = m.organization_id
            JOIN geography_administrativeunit c ON c.id = o.commune_id
            WHERE c.path LIKE %s AND o.archived_at IS NULL AND m.archived_at IS NULL
              AND (o.founded_on IS NULL OR o.founded_on <= %s) AND (o.dissolved_on IS NULL OR o.dissolved_on > %s)
              AND (m.joined_on IS NULL OR m.joined_on <= %s) AND (m.left_on IS NULL OR m.left_on > %s)""",
    }
    params = {"organizations": [unit.path + "%", AS_OF, AS_OF], "members": [unit.path + "%"] + [AS_OF] * 4}

    def run(name):
        with connection.cursor() as cursor:
            cursor.execute(sql[name], params[name])
            return cursor.fetchone()[0]
    return {name: (lambda name=name: run(name)) for name in sql}


def _under(unit, alias: str) -> tuple[str, list]:
    """The hand SQL's "unit `alias` counts under `unit`": its subtree by path (all a pre-2025 unit counts, as the
    bench's units are) and, for a 2025 unit, the old communes whose default successor lies in it (the portal's
    rollup, geography.models.rolled_up_ids)."""
    from geography.models import Layout

    if unit.layout != Layout.Y2025:
        return f"{alias}.path LIKE %s", [unit.path + "%"]
    return (f"({alias}.path LIKE %s OR {alias}.id IN (SELECT s.old_unit_id FROM geography_unitsuccession s"
            f" JOIN geography_administrativeunit n ON n.id = s.new_unit_id WHERE s.is_default AND n.path LIKE %s))",
            [unit.path + "%", unit.path + "%"])


def _tally_sql(unit, day: date, since: date, until: date) -> dict[str, tuple[str, list]]:
    """One period's headline figures of the tally (reports.figures.Totals) by hand, each column named as its
    figure: stocks on `day` (founded/joined by then, not dissolved/left by then; recognitions valid through their
    last day), recipients of decisions taken `since`–`until`; archived rows, and rows under an archived parent
    (a member's organization, a deployment's model, a recipient's decision), count nowhere."""
    from commendations.models import Authority, RecipientType
    from models_registry.models import RecognitionLevel

    under, at = _under(unit, "c")
    active = "({0}.{1} IS NULL OR {0}.{1} <= %s) AND ({0}.{2} IS NULL OR {0}.{2} > %s)"
    organizations = f"""
        SELECT count(*) AS organizations FROM organizations_organization o
        JOIN geography_administrativeunit c ON c.id = o.commune_id
        WHERE {under} AND o.archived_at IS NULL AND {active.format("o", "founded_on", "dissolved_on")}"""
    members = f"""
        SELECT count(*) AS members FROM organizations_member m
        JOIN organizations_organization o ON o.id = m.organization_id
        JOIN geography_administrativeunit c ON c.id = o.commune_id
        WHERE {under} AND o.archived_at IS NULL AND m.archived_at IS NULL
          AND {active.format("o", "founded_on", "dissolved_on")} AND {active.format("m", "joined_on", "left_on")}"""
    running = f"""
        SELECT d.model_id FROM models_registry_deployment d JOIN geography_administrativeunit c ON c.id = d.commune_id
        WHERE {under} AND d.archived_at IS NULL AND {active.format("d", "started_on", "ended_on")}"""
    # A model's level on the day: the highest recognition valid then (decided by the day, valid through valid_until).
    models = f"""
        SELECT count(*) AS models, count(*) FILTER (WHERE level = %s) AS models_ministry,
               count(*) FILTER (WHERE level = %s) AS models_province,
               count(*) FILTER (WHERE level = %s) AS models_district
        FROM (SELECT (SELECT max(r.level) FROM models_registry_recognition r WHERE r.model_id = m.id
                      AND r.decided_on <= %s AND (r.valid_until IS NULL OR r.valid_until >= %s)) AS level
              FROM models_registry_crimepreventionmodel m
              WHERE m.archived_at IS NULL AND (m.founded_on IS NULL OR m.founded_on <= %s)
                AND (m.founding_unit_id IN (SELECT c.id FROM geography_administrativeunit c WHERE {under})
                     OR m.id IN ({running}))) registered"""
    deployments = f"""
        SELECT count(*) AS deployments FROM models_registry_deployment d
        JOIN models_registry_crimepreventionmodel m ON m.id = d.model_id
        JOIN geography_administrativeunit c ON c.id = d.commune_id
        WHERE {under} AND d.archived_at IS NULL AND m.archived_at IS NULL
          AND {active.format("d", "started_on", "ended_on")}"""
    commendations = f"""
        SELECT count(*) FILTER (WHERE r.recipient_type = %s) AS collectives,
               count(*) FILTER (WHERE r.recipient_type = %s) AS individuals,
               count(*) FILTER (WHERE r.recipient_type = %s AND a.code = %s) AS director_collectives,
               count(*) FILTER (WHERE r.recipient_type = %s AND a.code = %s) AS director_individuals
        FROM commendations_recipient r
        JOIN commendations_decision d ON d.id = r.decision_id
        JOIN commendations_authority a ON a.id = d.authority_id
        JOIN geography_administrativeunit c ON c.id = r.commune_id
        WHERE {under} AND r.archived_at IS NULL AND d.archived_at IS NULL AND d.decided_on BETWEEN %s AND %s"""
    levels = [RecognitionLevel.MINISTRY.value, RecognitionLevel.PROVINCE.value, RecognitionLevel.DISTRICT.value]
    collective, individual = RecipientType.COLLECTIVE.value, RecipientType.INDIVIDUAL.value
    return {
        "organizations": (organizations, [*at, day, day]),
        "members": (members, [*at, day, day, day, day]),
        "models": (models, [*levels, day, day, day, *at, *at, day, day]),
        "deployments": (deployments, [*at, day, day]),
        "commendations": (commendations, [collective, individual, collective, Authority.DIRECTOR, individual,
                                          Authority.DIRECTOR, *at, since, until]),
    }


def hand_sql_tally(unit, *, as_of: date = AS_OF, since: date = SINCE) -> dict:
    """Every headline figure of compute_tally (its Totals: organizations, members, models and models per level,
    deployments, recipients collective and individual, the director's) for `unit`, of the period and of the one
    before it, written by hand: what the tally's own answer should be compared with (the two figures of `hand_sql`
    are a fraction of its work). Five queries a period, figures of the same rows in one query as a DBA would
    write them; each returns {figure: value} ("period: models" → {"models": …, "models_ministry": …, …})."""
    from django.db import connection

    from reports.periods import resolve_period

    period = resolve_period(as_of=as_of, since=since)
    queries = {}
    for when, p in (("period", period), ("previous", period.previous())):
        for name, (sql, params) in _tally_sql(unit, p.as_of, p.since, p.until).items():
            queries[f"{when}: {name}"] = (sql, params)

    def run(name):
        with connection.cursor() as cursor:
            cursor.execute(*queries[name])
            return dict(zip((column.name for column in cursor.description), cursor.fetchone(), strict=True))
    return {name: (lambda name=name: run(name)) for name in queries}


def kept_figures(unit, communes=None) -> tuple[int, int]:
    """Organizations and members of `unit` on AS_OF the way compute_tally reads them (reports/stocks.py): the unit
    read and its communes resolved, as a new request does, unless `communes` are given (as the hand-written SQL
    is given the unit's path)."""
    from geography.models import AdministrativeUnit, rolled_up_ids
    from reports.stocks import commune_stocks

    if communes is None:
        communes = rolled_up_ids(AdministrativeUnit.objects.get(pk=unit.pk))
    stock = commune_stocks(communes, AS_OF)
    return (sum(o for o, _m in stock.by_commune.values()), sum(m for _o, m in stock.by_commune.values()))


IN_HAND = "figures, the unit's communes in hand"
IN_HAND_AFTER = "figures in hand, after a write"  # an officer's save: its commune kept again as it commits
IN_HAND_AFTER_SQL = "figures in hand, after a write by SQL"  # one commune counted by the reader, kept by beat
WRITES = "an organization saved, its commune's counts kept again"
TALLY_AFTER_SQL = "tally after a write by SQL"  # its commune counted by the reader (no signal), then the tally


def an_organization(unit) -> int:
    from geography.models import rolled_up_ids
    from organizations.models import Organization

    return Organization.objects.filter(commune__in_ids=rolled_up_ids(unit)).values_list("pk", flat=True)[0]


def a_write(unit):
    """An officer's save of an organization of `unit` (ahead of each run, untimed: `timed(…, before=a_write(unit))`;
    timed alone in WRITES): its commune's version moves and its kept counts are dropped (reports/triggers.py),
    then counted again as the save commits (reports.stocks.keep_due); the unit's kept tally is computed again
    (reports/kept.py) from the kept counts."""
    from organizations.models import Organization

    organization = an_organization(unit)

    def write():
        Organization.objects.get(pk=organization).save()  # autocommit, as a form's save: its commit keeps at once
    return write


def a_write_by_sql(unit):
    """The same organization written by one UPDATE (raw SQL, a bulk tool: no signal): the counts its trigger
    dropped are counted by each reader until beat's keep_due_stocks keeps them, within a minute (the bench runs
    keep_due after the rows that time it)."""
    from django.db.models import F

    from organizations.models import Organization

    organization = an_organization(unit)

    def write():
        Organization.objects.filter(pk=organization).update(name=F("name"))
    return write


LATE = "after a write, kept shown, worker recounts"


# Started by a small Python of its own: a child forked from this process (gigabytes once the country is
# generated) would count this process's memory as its own peak (Linux keeps the pre-exec high-water mark).
PEAK_LAUNCHER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
                 "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
                 "sys.exit(code)")


def pdf_run(kind: str, unit_code: str, layout: str) -> dict:
    """Render one report in a child process: its wall time and peak resident memory (its own or its
    part processes', the largest)."""
    out = Path(tempfile.mkdtemp()) / f"{kind}.pdf"
    log, peak = out.with_suffix(".log"), out.with_suffix(".peak")
    started = time.perf_counter()
    with log.open("w") as stream:
        code = subprocess.call([sys.executable, "-c", PEAK_LAUNCHER, str(peak),
                                sys.executable, str(ROOT / "manage.py"), "render_report", kind, "--unit", unit_code,
                                "--layout", layout, "--as-of", AS_OF.isoformat(), "--since", SINCE.isoformat(),
                                "--out", str(out)], stdout=stream, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    if code:
        return {"error": log.read_text().strip().splitlines()[-1:]}
    return {"seconds": round(seconds, 1), "peak_mb": round(int(peak.read_text()) / 1024), "bytes": out.stat().st_size}


AGAINST_ADMIN = "lists against the admin doing the same (fresh process)"


def list_vs_admin(deep: int, lister: str) -> dict:
    """bench/list_vs_admin.py in a child process: each list page against the admin changelist doing the same (its
    page 1, its page 500 and its page of the same rows, its search), timed in a process that did nothing before (this
    one's history slows the admin)."""
    out = Path(tempfile.mkdtemp()) / "list_vs_admin.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "list_vs_admin.py"), "--page", str(deep), "--lister", lister,
                    "--json", str(out)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def _second_factor(client, user) -> None:
    """The administrator's session bound to a confirmed authenticator (the admin asks for one)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def measure(runs: int, with_pdf: bool) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import officer_create
    from antq_portal.celery import tasks_sent_to
    from geography.models import AdministrativeUnit, Layout, Level, rolled_up_ids
    from organizations.models import Member, Organization
    from reports.stocks import keep_due
    from reports.tally import compute_tally

    legacy = AdministrativeUnit.objects.filter(layout=Layout.LEGACY)
    units = {
        "big province (Hà Nội)": legacy.get(level=Level.PROVINCE, name="Thành phố Hà Nội"),
        "small province (Bạc Liêu)": legacy.get(level=Level.PROVINCE, name="Tỉnh Bạc Liêu"),
    }
    units["district (Giá Rai)"] = legacy.get(parent=units["small province (Bạc Liêu)"], name="Thị xã Giá Rai")
    units["commune (Hộ Phòng)"] = legacy.get(parent=units["district (Giá Rai)"], name="Phường Hộ Phòng")
    national = legacy.filter(parent__isnull=True).exclude(level=Level.PROVINCE).first()
    if national:
        units = {"country": national, **units}

    def client_for(unit):
        username = f"bench_{unit.pk}"
        user = User.objects.filter(username=username).first() or officer_create(
            username=username, unit=unit, role=Role.REPORTING, password="bench-2018-national", full_name=username)
        client = Client()
        client.force_login(user)
        return client

    # As the nightly job leaves the database (reports.tasks.keep_stocks, for the days measured here): every
    # commune counted, the planner told. The first view of each page below is then the warm one discarded.
    from reports.periods import resolve_period
    from reports.stocks import keep_days

    keep_days([AS_OF, resolve_period(as_of=AS_OF, since=SINCE).previous().as_of])

    results: dict = {"dashboards": {}, "dashboards after a write": {}, LATE: {}, "tally": {}, "tally after a write": {},
                     TALLY_AFTER_SQL: {}, "figures": {}, IN_HAND: {}, IN_HAND_AFTER: {}, IN_HAND_AFTER_SQL: {}, WRITES: {}, "hand_sql": {},
                     "hand_sql_tally": {}, "lists": {}, "admin": {}, AGAINST_ADMIN: {}, "pdf": {}}
    period = f"?as_of={AS_OF.isoformat()}&since={SINCE.isoformat()}"
    for label, unit in units.items():
        client = client_for(unit)
        dashboard = page(client, reverse("reports:dashboard_unit", args=[unit.pk]) + period)
        results["dashboards"][label] = timed(dashboard, runs)
        results["dashboards after a write"][label] = timed(dashboard, runs, before=a_write(unit))
        if len(rolled_up_ids(unit)) > settings.REPORTS_RECOUNT_LATE_ABOVE:
            # Tasks sent to a broker nobody reads (kombu's in-memory one), as in production, not run in-process:
            # the country's dashboard after a write is then shown kept while a worker would recount it.
            with tasks_sent_to("memory://"):
                results[LATE][label] = timed(dashboard, runs, before=a_write(unit))
        tally = partial(compute_tally, unit=unit, as_of=AS_OF, since=SINCE)
        results["tally"][label] = timed(tally, runs)
        results["tally after a write"][label] = timed(tally, runs, before=a_write(unit))
        results[TALLY_AFTER_SQL][label] = timed(tally, runs, before=a_write_by_sql(unit))
        keep_due()  # as beat does within a minute (reports.tasks.keep_due_stocks): the rows below read kept counts
        # The tally against every one of its figures by hand, both periods; the two figures below against theirs.
        results["hand_sql_tally"][label] = {name: timed(fn, runs) for name, fn in hand_sql_tally(unit).items()}
        results["hand_sql"][label] = {name: timed(fn, runs) for name, fn in hand_sql(unit).items()}
        # The same two figures as the portal reads them: the unit's communes resolved, their kept counts added.
        results["figures"][label] = timed(lambda unit=unit: kept_figures(unit), runs)
        communes = rolled_up_ids(unit)
        results[IN_HAND][label] = timed(lambda unit=unit, communes=communes: kept_figures(unit, communes), runs)
        results[IN_HAND_AFTER][label] = timed(partial(kept_figures, unit, communes), runs, before=a_write(unit))
        results[IN_HAND_AFTER_SQL][label] = timed(partial(kept_figures, unit, communes), runs,
                                                  before=a_write_by_sql(unit))
        keep_due()
        results[WRITES][label] = timed(a_write(unit), runs)

    lister_unit = national or units["big province (Hà Nội)"]
    lister = client_for(lister_unit)
    user = User.objects.get(username=f"bench_{lister_unit.pk}")
    # Page 500 of 50 rows, or the last page when a smaller --scale has fewer.
    deep = min(500, max(1, Organization.objects.visible_to(user).count() // 50))
    deep_members = min(500, max(1, Member.objects.visible_to(user).count() // 50))
    organizations, members = reverse("organizations:organization_list"), reverse("organizations:member_list")
    for label, url in [("organizations page 1", organizations),
                       ("organizations page 500", organizations + f"?page={deep}"),
                       ("organizations searched", organizations + "?q=so+12"),
                       ("organizations searched, no match", organizations + "?q=xyz"),
                       ("organizations sorted by name", organizations + "?sort=name&o=name"),
                       ("organizations sorted, page 500", organizations + f"?sort=-name&o=-name&page={deep}"),
                       ("members page 1", members), ("members page 500", members + f"?page={deep_members}"),
                       ("members searched", members + "?q=van+3"),
                       ("members searched, no match", members + "?q=xyz")]:
        results["lists"][label] = timed(page(lister, url), runs)

    admin = Client()
    superuser = User.objects.filter(username="bench_admin").first() or User.objects.create_superuser(
        "bench_admin", password="bench-2018-national")
    admin.force_login(superuser)
    _second_factor(admin, superuser)
    # The admin shows 100 rows a page and counts pages from 0: the same rows as the list's page `deep`.
    changelist = reverse("admin:organizations_organization_changelist")
    results["admin"]["organizations page 500"] = timed(page(admin, f"{changelist}?p={max(0, deep // 2 - 1)}"), runs)
    results["admin"]["organizations page 1"] = timed(page(admin, changelist), runs)
    results[AGAINST_ADMIN] = list_vs_admin(deep, f"bench_{lister_unit.pk}")

    if with_pdf:
        province = units["small province (Bạc Liêu)"]
        results["pdf"]["provincial_tally (Bạc Liêu)"] = pdf_run("provincial_tally", province.code, "legacy")
        results["pdf"]["breakdown (Hà Nội)"] = pdf_run("breakdown", units["big province (Hà Nội)"].code, "legacy")
        if national:
            results["pdf"]["breakdown (country)"] = pdf_run("breakdown", national.code, "legacy")
    return results


def _ratio(row: dict, hand: float, what: str) -> str:
    return f"{row['median_ms'] / hand:.2f}× {what} ({hand:.0f} ms)" if hand else ""


def print_table(results: dict, timings: dict | None) -> None:
    """The table; the tally's rows against the hand SQL of all its figures of both periods (`hand_sql_tally`), the
    two figures' rows against the SQL of those two (`hand_sql`): each against the same work done by hand."""
    from dataclasses import fields

    from reports.figures import Totals

    if timings:
        print("\ngenerated in " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    print(f"\n{'what':<60} {'median ms':>10} {'max ms':>10}  ratio")
    figures = ("figures", IN_HAND, IN_HAND_AFTER, IN_HAND_AFTER_SQL)
    tallies = ("tally", "tally after a write", TALLY_AFTER_SQL)
    for section in ("dashboards", "dashboards after a write", LATE, *tallies, *figures, WRITES, "lists", "admin"):
        for label, row in results.get(section, {}).items():
            ratio = ""
            if section in tallies:
                hand = sum(r["median_ms"] for r in results["hand_sql_tally"][label].values())
                ratio = _ratio(row, hand, f"the hand-written SQL of its {len(fields(Totals))} figures, both periods")
            if section in figures:
                hand = sum(r["median_ms"] for r in results["hand_sql"][label].values())
                ratio = _ratio(row, hand, "the same two figures' hand-written SQL")
            if section == "lists" and label in ("organizations page 500", "organizations page 1"):
                admin = results["admin"][label]["median_ms"]
                ratio = f"admin changelist {admin:.0f} ms: {admin / row['median_ms']:.1f}× the list's speed"
            print(f"{section + ': ' + label:<60} {row['median_ms']:>10} {row['max_ms']:>10}  {ratio}")
    for what, ways in results.get(AGAINST_ADMIN, {}).items():
        for way, row in ways.items():
            print(f"{what + ' against the admin, ' + way + ':':<60} list {row['list_ms']} ms; " + "; ".join(
                f"{name} {admin['ms']} ms: {admin['ratio']}× the list's speed" for name, admin in row.items()
                if name != "list_ms"))
    for label, row in results["pdf"].items():
        print(f"{'pdf: ' + label:<60} {row}")


def main() -> None:
    args = arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/national.py needs DATABASE_URL=postgres://… (the national scale is PostgreSQL's)")
    os.environ.update(PRODUCTION)  # pages timed as production serves them (the PDFs' children inherit it)
    collect_static()
    django_setup()
    timings = None if args.skip_load else generate(args.scale, args.seed)
    settle()
    from organizations.models import Member, Organization
    print(f"organizations {Organization.objects.count():,}, members {Member.objects.count():,}")
    results = measure(args.runs, not args.no_pdf)
    results["generated_s"] = timings
    print_table(results, timings)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
