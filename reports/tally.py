"""THE tally: every figure the portal shows (dashboard, PDF, Excel, command line) comes from here.

`compute_tally(unit=, as_of=, since=, until=, user=)` answers with a fixed number of grouped
queries whatever the scope: rows are grouped by commune in SQL and rolled up to the unit's
children in Python (one loop over communes, never over organizations or members).

The answer is a `reports.figures.Tally` (typed; every figure {value, previous, delta} against
the period of the same length just before, read by attribute name; `.as_dict()` is the JSON an
archived report keeps): unit, period, previous_period, totals, organizations.by_kind,
members.by_kind, models.by_level / by_field, commendations (director, by_authority, by_form,
by_kind, by_month, repeated), children and, with include_communes=True, communes.
The querysets behind the figures (organizations_active, members_active, …) are public so that a
figure's link can open a list of exactly the rows it counts.
"""

from collections import defaultdict
from dataclasses import asdict
from datetime import date
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth

from accounts.scope import unit_in_scope
from antq_portal.db import Ids
from antq_portal.text import fold
from commendations.models import (
    Authority,
    CommendationForm,
    CommendationKind,
    Person,
    Recipient,
    RecipientType,
)
from geography.lookup import layout_for
from geography.models import AdministrativeUnit, Layout, Level, UnitSuccession, kept_with_tree, rolled_up_ids
from models_registry.models import CrimePreventionModel, Deployment, FieldOfWork, RecognitionLevel
from organizations.models import Member, Organization, OrganizationKind

from .figures import (
    UNIT_METRICS,
    ZERO,
    Basis,
    ByKind,
    CommendationFigures,
    Completeness,
    Director,
    Figure,
    ModelFigures,
    Month,
    Praise,
    Repeated,
    Share,
    Tally,
    Totals,
    UnitFigures,
    UnitInfo,
)
from .kept import OTHER_WRITES, kept_figures, kept_tally, tally_key
from .periods import ReportingPeriod, month_starts, reporting_period_of, resolve_period
from .stocks import stocks

LEVEL_KEYS = {RecognitionLevel.MINISTRY: "ministry", RecognitionLevel.PROVINCE: "province",
              RecognitionLevel.DISTRICT: "district"}
INDIVIDUAL, COLLECTIVE = RecipientType.INDIVIDUAL.value, RecipientType.COLLECTIVE.value


def figure(value: int, previous: int) -> Figure:
    return Figure(value=value, previous=previous)


# --- The querysets behind every figure (a filtered list shows the same rows) -------------------

def counted_communes(unit: AdministrativeUnit, approved: ReportingPeriod | None = None):
    """Communes whose records count under `unit` (its subtree; old communes roll up into 2025 ones),
    as ids resolved once per unit (geography.models.rolled_up_ids).

    `approved`: only the communes whose report of that period is approved (or accepted), with the old
    communes that roll up into them: their records as they stood on the period's last day are locked
    (approvals/locks.py), so these figures do not move when records change later."""
    ids = rolled_up_ids(unit)
    if approved is None:
        return ids
    from approvals.selectors import approved_commune_ids

    done = approved_commune_ids(approved)
    return Ids(AdministrativeUnit.objects.filter(pk__in_ids=ids)
               .filter(Q(pk__in=done) | Q(successions__is_default=True, successions__new_unit__in=done))
               .values_list("pk", flat=True).distinct())


def _base(model, user):
    # Archived rows never count; with a user, the model's own scope helper decides what they see.
    return model.objects.visible_to(user) if user is not None else model.objects.current()


def organizations_among(communes, day: date, user=None):
    """THE active organizations: kept under one of `communes` (ids), not archived, active on `day`."""
    return _base(Organization, user).filter(commune__in_ids=communes).active_on(day)


def members_among(communes, day: date, user=None):
    """THE counted memberships: active on `day`, of organizations active then (a dissolved team has no
    members) kept under one of `communes`."""
    organizations = organizations_among(communes, day, user).values("pk")
    return _base(Member, user).filter(organization__in=organizations).active_on(day)


def organizations_active(*, unit, day: date, user=None, approved=None):
    return organizations_among(counted_communes(unit, approved), day, user)


def members_active(*, unit, day: date, user=None, approved=None):
    return members_among(counted_communes(unit, approved), day, user)


def deployments_active(*, unit, day: date, user=None, approved=None):
    return _base(Deployment, user).filter(commune__in_ids=counted_communes(unit, approved)).active_on(day)


def models_registered(*, unit, day: date, user=None, approved=None):
    """Models founded by a unit of the scope or running in one of its communes on `day`.

    Models are province-wide reference data every officer reads (their own queryset says so);
    what a scope owns are the deployments, which go through the scope helper.
    """
    founded = Q(founding_unit__in_ids=counted_communes(unit, approved))
    running = Q(pk__in=deployments_active(unit=unit, day=day, user=user, approved=approved).values("model"))
    return (CrimePreventionModel.objects.for_everyone()
            .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day)).filter(founded | running))


def recipients_in_period(*, unit, since: date, until: date, user=None, approved=None):
    return _base(Recipient, user).filter(commune__in_ids=counted_communes(unit, approved),
                                         decision__decided_on__gte=since,
                                         decision__decided_on__lte=until)


def commendation_list(*, unit, since: date, until: date, user=None) -> list[dict]:
    """The recipients of the period, one row each, for the list of commendations."""
    rows = (recipients_in_period(unit=unit, since=since, until=until, user=user)
            .order_by("decision__decided_on", "decision__number", "recipient_type", "pk")
            .values("pk", "recipient_type", "group_name", "person__full_name", "organization__name",
                    "commune__name", "decision__number", "decision__decided_on", "decision__authority__name",
                    "decision__form__name"))
    return [{"recipient_id": r["pk"], "type": r["recipient_type"],
             "name": r["person__full_name"] or r["group_name"] or r["organization__name"] or "",
             "commune": r["commune__name"], "number": r["decision__number"],
             "date": r["decision__decided_on"].strftime("%d/%m/%Y"), "authority": r["decision__authority__name"],
             "form": r["decision__form__name"]} for r in rows]


# --- Units: the scope's children and where each commune rolls up ----------------------------------

def _unit_row(unit) -> dict:
    return {"unit_id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level,
            "layout": unit.layout, "path": unit.path, "is_commune": unit.level == Level.COMMUNE}


def rows_layout(unit, day: date, layout: str | None = None) -> str:
    """The layout a tally's rows are in: an old unit's are old units whatever the date; a 2025 unit's
    those of the layout read (geography.lookup.layout_for: the one asked for, else the date's)."""
    return Layout.LEGACY if unit.layout == Layout.LEGACY else layout_for(day, layout)


def _commune_map(unit, layout: str) -> tuple[list[dict], dict[int, dict]]:
    """The rows of the tally and, for every counted commune, the row and commune it counts in (read only:
    kept across tallies while the unit tree stays the same, `_compute`).

    Normally the rows are the unit's children. A 2025 unit read in the old layout shows the old units of
    its level wholly inside it (Tỉnh Bạc Liêu and the old Tỉnh Cà Mau for today's province; the old
    wards a new ward took in), its old communes under them."""
    if unit.layout != layout:
        units = AdministrativeUnit.objects.covered_by(unit).filter(layout=layout, level=unit.level)
        children = [dict(_unit_row(u), rows={}) for u in units.order_by("path")]
        return children, _old_communes(unit, children)
    children = [dict(_unit_row(u), rows={}) for u in AdministrativeUnit.objects.children_of(unit).order_by("path")]
    child_by_path = {child["path"]: child for child in children}
    ids = counted_communes(unit)
    successors = {old: (new, path) for old, new, path in UnitSuccession.objects.filter(
        old_unit_id__in_ids=ids, is_default=True, new_unit__path__startswith=unit.path)
        .values_list("old_unit_id", "new_unit_id", "new_unit__path")}
    communes = [dict(c, successor_id=successors.get(c["pk"], (None, None))[0],
                     successor_path=successors.get(c["pk"], (None, None))[1])
                for c in AdministrativeUnit.objects.filter(pk__in_ids=ids, level=Level.COMMUNE)
                .values("pk", "code", "name", "path")]
    rows = {}
    for commune in communes:
        inside = commune["path"].startswith(unit.path)
        path = commune["path"] if inside else commune["successor_path"]
        segment = path[len(unit.path):].split("/")[0]
        child = child_by_path.get(f"{unit.path}{segment}/") if segment else None
        rows[commune["pk"]] = {"commune_id": commune["pk"] if inside else commune["successor_id"],
                               "child": child, "code": commune["code"], "name": commune["name"]}
    return children, rows


def _old_communes(unit, children: list[dict]) -> dict[int, dict]:
    """Old communes each in its own row (never folded into the 2025 commune it became); records kept
    under a 2025 commune have no old row and count in the totals only."""
    communes = (AdministrativeUnit.objects.rolled_up_under(unit).filter(level=Level.COMMUNE, layout=Layout.LEGACY)
                .values("pk", "code", "name", "path").distinct())
    rows = {}
    for commune in communes:
        child = next((c for c in children if commune["path"].startswith(c["path"])), None)
        rows[commune["pk"]] = {"commune_id": commune["pk"], "child": child, "code": commune["code"],
                               "name": commune["name"]}
    return rows


class _Rollup:
    """Adds per-commune counts into the children (and the communes) of the scope."""

    def __init__(self, children: list[dict], communes: dict[int, dict], per_commune: bool = True):
        self.children = children
        self.communes = communes
        self.per_commune = per_commune  # False: the communes' own rows are not asked for, only the children's
        self.by_child: dict[tuple, int] = defaultdict(int)
        self.by_commune: dict[tuple, int] = defaultdict(int)

    def add(self, metric: str, when: str, commune_id: int, n: int) -> None:
        info = self.communes.get(commune_id)
        if info is None:
            return
        if self.per_commune:
            self.by_commune[(metric, when, info["commune_id"])] += n
        if info["child"] is not None:
            self.by_child[(metric, when, info["child"]["unit_id"])] += n

    def add_distinct(self, metric: str, when: str, pairs: list[tuple[int, int]]) -> None:
        """Distinct models per child/commune, from (commune, model) pairs."""
        child_sets, commune_sets = defaultdict(set), defaultdict(set)
        for commune_id, model_id in pairs:
            info = self.communes.get(commune_id)
            if info is None:
                continue
            if self.per_commune:
                commune_sets[info["commune_id"]].add(model_id)
            if info["child"] is not None:
                child_sets[info["child"]["unit_id"]].add(model_id)
        for key, models in child_sets.items():
            self.by_child[(metric, when, key)] = len(models)
        for key, models in commune_sets.items():
            self.by_commune[(metric, when, key)] = len(models)

    def rows(self, table, units: list[dict], *, child_rows: bool = True) -> list[UnitFigures]:
        return [UnitFigures(**{k: v for k, v in unit.items() if k != "rows"}, is_child_row=child_rows,
                            **{m: figure(table[(m, "now", unit["unit_id"])], table[(m, "before", unit["unit_id"])])
                               for m in UNIT_METRICS}) for unit in units]

    def as_json(self) -> dict:
        return {"by_child": [[*key, n] for key, n in self.by_child.items()],
                "by_commune": [[*key, n] for key, n in self.by_commune.items()]}

    def merge(self, kept: dict) -> None:
        """Adds another rollup's counts (`as_json`, maybe kept) over the same children and communes."""
        for *key, n in kept["by_child"]:
            self.by_child[tuple(key)] += n
        for *key, n in kept["by_commune"]:
            self.by_commune[tuple(key)] += n

    def commune_count(self) -> int:
        return sum(1 for cid, info in self.communes.items() if info["commune_id"] == cid)

    def commune_rows(self) -> list[UnitFigures]:
        """The scope's own communes (old ones folded into their successors), grouped by child."""
        own = [info for cid, info in self.communes.items() if info["commune_id"] == cid]
        own.sort(key=lambda i: ((i["child"] or {}).get("path", ""), fold(i["name"])))
        units = [{"unit_id": i["commune_id"], "code": i["code"], "name": i["name"],
                  "child_id": (i["child"] or {}).get("unit_id")} for i in own]
        return self.rows(self.by_commune, units, child_rows=False)


# --- The computation -------------------------------------------------------------------------------

def _check_scope(unit, user) -> None:
    if user is not None and not unit_in_scope(user, unit, named=True):
        raise PermissionDenied("Đơn vị này nằm ngoài phạm vi dữ liệu của bạn.")


def _grouped(qs, *fields) -> list[tuple]:
    return list(qs.order_by().values_list(*fields).annotate(n=Count("pk")))


def _by_label(labels: dict, now: dict, before: dict) -> list[Share]:
    """One row per label that has a count now or before, in the managed list's order."""
    return [Share(key=key, label=str(label), figure=figure(now.get(key, 0), before.get(key, 0)))
            for key, label in labels.items() if now.get(key) or before.get(key)]


def _registry(unit, days: tuple[date, date], rollup: _Rollup, bases: tuple) -> list[dict]:
    """Organizations and members active on each of `days` (now, before), per commune, from the kept stock
    (reports/stocks.py), both days in one pass. No user: compute_tally has checked that the unit lies in the user's
    scope, and every commune counted under it (counted_communes) then lies in that scope too."""
    figures = []
    stocks_of_days = stocks([(counted_communes(unit, basis), day) for day, basis in zip(days, bases, strict=True)])
    for when, stock in zip(("now", "before"), stocks_of_days, strict=True):
        for commune_id, (organizations, members) in stock.by_commune.items():
            rollup.add("organizations", when, commune_id, organizations)
            rollup.add("members", when, commune_id, members)
        figures.append({"organizations": {kind: o for kind, (o, _m) in stock.by_kind.items() if o},
                        "members": {kind: m for kind, (_o, m) in stock.by_kind.items() if m}})
    return figures


def _models(unit, day: date, user, rollup: _Rollup, when: str, approved=None) -> dict:
    scope = {"unit": unit, "day": day, "user": user, "approved": approved}
    deployments = _grouped(deployments_active(**scope), "commune_id", "model_id")
    models = models_registered(**scope)
    levels = models.with_level_on(day).aggregate(
        total=Count("pk"), **{key: Count("pk", filter=Q(level_on_date=level)) for level, key in LEVEL_KEYS.items()})
    by_field = [list(row) for row in models.order_by().values_list("field_id").annotate(n=Count("pk"))]
    for commune_id, _model, n in deployments:
        rollup.add("deployments", when, commune_id, n)
    rollup.add_distinct("models", when, [(commune_id, model_id) for commune_id, model_id, _n in deployments])
    return {"levels": levels, "by_field": by_field, "deployments": sum(r[-1] for r in deployments)}


def _commendations(unit, since: date, until: date, user, rollup: _Rollup, when: str, approved=None) -> list[list]:
    """Recipients of the period grouped by authority, form, kind, type and month (the month as ISO text)."""
    recipients = recipients_in_period(unit=unit, since=since, until=until, user=user, approved=approved)
    rows = _grouped(recipients.annotate(month=TruncMonth("decision__decided_on")),
                    "decision__authority_id", "decision__form_id", "decision__kind", "recipient_type", "month")
    for commune_id, recipient_type, n in _grouped(recipients, "commune_id", "recipient_type"):
        metric = "individuals" if recipient_type == INDIVIDUAL else "collectives"
        rollup.add(metric, when, commune_id, n)
    return [[*row[:4], row[4].isoformat()[:10], row[5]] for row in rows]


def _other_figures(unit, period, before, bases: tuple, user, children: list[dict], communes: dict[int, dict],
                   per_commune: bool) -> dict:
    """Every figure that reads no organization or member (models, deployments, commendations, the line on
    submissions) with its rows per child and commune, as JSON: kept apart from the organizations and
    members under the stamp of the writes to its own rows (reports.kept.OTHER_WRITES), so that officers
    adding members, the everyday write, do not have these counted again over the whole scope."""
    reporting, now_basis, before_basis = bases
    rollup = _Rollup(children, communes, per_commune)
    completeness = _completeness(unit, reporting, user)
    return {
        "models": [_models(unit, period.as_of, user, rollup, "now", now_basis),
                   _models(unit, before.as_of, user, rollup, "before", before_basis)],
        "praise": [_commendations(unit, period.since, period.until, user, rollup, "now", now_basis),
                   _commendations(unit, before.since, before.until, user, rollup, "before", before_basis)],
        "repeated": [asdict(r) for r in _repeated(unit, period.since, period.until, user, now_basis)],
        "completeness": completeness.as_dict() if completeness else None,
        "rollup": rollup.as_json(),
        # The lists' labels, in their order: a change to a list moves the stamp these are kept under (the lists'
        # pseudo-commune's other_version), so a tally recounted after a member's write reads none of them.
        "labels": {"kinds": list(OrganizationKind.objects.values_list("pk", "name")),
                   "fields": list(FieldOfWork.objects.values_list("pk", "name")),
                   "authorities": list(Authority.objects.values_list("pk", "name", "code")),
                   "forms": list(CommendationForm.objects.values_list("pk", "name"))},
    }


def _split(rows: list[tuple], index: int) -> dict:
    """{key: {"collectives": n, "individuals": n}} from grouped recipient rows."""
    totals: dict = defaultdict(lambda: {COLLECTIVE: 0, INDIVIDUAL: 0})
    for row in rows:
        totals[row[index]][row[3]] += row[-1]
    return totals


def _commendation_rows(labels: dict, now_rows, before_rows, index: int) -> list[Praise]:
    now, before = _split(now_rows, index), _split(before_rows, index)
    result = []
    for key, label in labels.items():
        n, b = now.get(key, {COLLECTIVE: 0, INDIVIDUAL: 0}), before.get(key, {COLLECTIVE: 0, INDIVIDUAL: 0})
        if not (sum(n.values()) or sum(b.values())):
            continue
        result.append(Praise(key=key, label=str(label), collectives=figure(n[COLLECTIVE], b[COLLECTIVE]),
                             individuals=figure(n[INDIVIDUAL], b[INDIVIDUAL]),
                             total=figure(sum(n.values()), sum(b.values()))))
    return result


def _repeated(unit, since: date, until: date, user, approved=None) -> list[Repeated]:
    """People commended more than once in one calendar year (merged entries count as one person)."""
    recipients = recipients_in_period(unit=unit, since=since, until=until, user=user, approved=approved).filter(
        recipient_type=INDIVIDUAL).annotate(who=Coalesce("person__merged_into_id", "person_id"))
    groups = list(recipients.order_by().values_list("who", "decision__year").annotate(n=Count("pk"))
                  .filter(n__gte=2))
    people = {p["pk"]: p for p in Person.objects.filter(pk__in=[g[0] for g in groups])
              .values("pk", "full_name", "commune_id", "commune__name", "commune__parent__name")}
    return sorted((Repeated(person_id=who, name=people[who]["full_name"], commune_id=people[who]["commune_id"],
                            commune=people[who]["commune__name"], parent=people[who]["commune__parent__name"] or "",
                            year=year, count=n) for who, year, n in groups if who in people),
                  key=lambda r: (-r.count, r.year, fold(r.name)))


# The name `_other_figures` are kept under (reports.kept.kept_figures), with the version of their shape: rows of an
# older shape (without the lists' labels) are then never read, and dropped by the nightly forget_old_tallies.
OTHER_FIGURES = "other.2"

# compute_tally's arguments as a worker is asked them (JSON): the unit's id, these dates, these options.
QUESTION_DATES = ("as_of", "since", "until")
QUESTION_OPTIONS = ("include_communes", "max_communes", "layout", "approved")


def compute_tally(*, unit: AdministrativeUnit, as_of: date | None = None, since: date | None = None,
                  until: date | None = None, user=None, include_communes: bool = False,
                  layout: str | None = None, approved: bool = False, max_communes: int | None = None,
                  recount_late: bool = False) -> Tally:
    """Every figure for `unit` on `as_of` and over `since`–`until`, with the previous period's.

    `user`: the unit must lie inside their scope (PermissionDenied otherwise) and every count
    goes through the scope helper. `layout`: the layout a 2025 unit's rows are in (`rows_layout`: else
    the one valid on `as_of`); "2025" as of 31/12/2024 re-counts old records under today's communes.
    The totals count the same records whichever layout: each once.
    `max_communes`: with include_communes, the commune rows only when there are no more than that many
    (the dashboard's map draws communes up to a limit; a country's 10,000 rows would be built for nothing).
    `approved`: approved figures only (see `counted_communes`); `since`–`until` must then be a
    Decree 09 period, the figures stand on its last day and the previous figures are those of the
    period before, over the communes approved for it.
    """
    _check_scope(unit, user)
    period = resolve_period(as_of=as_of, since=since, until=until)
    # What follows needs no user: the unit lies in their scope, so every commune counted under it does.
    commune_rows = (include_communes, max_communes)
    key = tally_key(unit, period, layout=layout, approved=approved, communes=commune_rows)
    recount = None
    if recount_late:
        question = {"unit": unit.pk, **{name: getattr(period, name).isoformat() for name in QUESTION_DATES},
                    **dict(zip(QUESTION_OPTIONS, (include_communes, max_communes, layout, approved), strict=True))}
        recount = partial(_send_recount, question)
    return kept_tally(key, rolled_up_ids(unit),
                      lambda: _compute(unit, period, user, commune_rows, layout, approved, key), recount=recount)


def _send_recount(question: dict) -> None:
    from django.utils import translation

    from .tasks import recount_tally

    recount_tally.apply_async((question, translation.get_language()), retry=False)


def answer_question(question: dict) -> Tally:
    """compute_tally for a question sent to a worker as JSON (reports.tasks.recount_tally): counted now."""
    return compute_tally(unit=AdministrativeUnit.objects.get(pk=question["unit"]),
                         **{name: date.fromisoformat(question[name]) for name in QUESTION_DATES},
                         **{name: question[name] for name in QUESTION_OPTIONS})


def _compute(unit, period, user, commune_rows: tuple[bool, int | None], layout: str | None,
             approved: bool, key: str) -> Tally:
    before = period.previous()
    now_basis = before_basis = None
    reporting = reporting_period_of(since=period.since, until=period.until)
    if approved:
        if reporting is None:
            raise ValueError("Số liệu đã duyệt chỉ có cho một kỳ báo cáo theo Nghị định 09/2019/NĐ-CP.")
        now_basis, before_basis = reporting, reporting.previous()
        period, before = reporting.as_period(), before_basis.as_period()
    reading = rows_layout(unit, period.as_of, layout)
    # Where each commune counts, and the unit's full name, depend on the unit tree alone: kept with it (the
    # country's map is 10,000 communes, 70 ms to read; the name, a query), never changed by what follows. The
    # tree's token read now: a unit instance passed in may be older than a renamed or moved unit.
    children, communes, full_name = kept_with_tree(
        unit, ("tally rows", reading), lambda: (*_commune_map(unit, reading), unit.full_name()), current=True)
    rollup = _Rollup(children, communes)
    include_communes, max_communes = commune_rows
    rollup.per_commune = include_communes and (max_communes is None or rollup.commune_count() <= max_communes)
    stock_now, stock_before = _registry(unit, (period.as_of, before.as_of), rollup, (now_basis, before_basis))
    other = kept_figures(f"{OTHER_FIGURES}|{key}", rolled_up_ids(unit), partial(
        _other_figures, unit, period, before, (reporting, now_basis, before_basis), user, children, communes,
        rollup.per_commune), OTHER_WRITES)
    rollup.merge(other["rollup"])
    (models_now, models_before), (praise_now, praise_before) = other["models"], other["praise"]
    praise_now, praise_before = ([(*row[:4], date.fromisoformat(row[4]), row[5]) for row in rows]
                                 for rows in (praise_now, praise_before))

    labels = other["labels"]
    kinds, fields, forms = (dict(map(tuple, labels[name])) for name in ("kinds", "fields", "forms"))
    authorities = [tuple(row) for row in labels["authorities"]]
    director = next((Director(authority_id=pk, label=name) for pk, name, code in authorities
                     if code == Authority.DIRECTOR), None)

    all_now = {t: sum(r[-1] for r in praise_now if r[3] == t) for t in (COLLECTIVE, INDIVIDUAL)}
    all_before = {t: sum(r[-1] for r in praise_before if r[3] == t) for t in (COLLECTIVE, INDIVIDUAL)}
    by_authority = _commendation_rows({pk: name for pk, name, _code in authorities}, praise_now, praise_before, 0)
    director_row = next((r for r in by_authority if director and r.key == director.authority_id), None)
    levels_now, levels_before = models_now["levels"], models_before["levels"]
    totals = Totals(
        organizations=figure(sum(stock_now["organizations"].values()), sum(stock_before["organizations"].values())),
        members=figure(sum(stock_now["members"].values()), sum(stock_before["members"].values())),
        models=figure(levels_now["total"], levels_before["total"]),
        **{f"models_{key}": figure(levels_now[key], levels_before[key]) for key in LEVEL_KEYS.values()},
        deployments=figure(models_now["deployments"], models_before["deployments"]),
        collectives=figure(all_now[COLLECTIVE], all_before[COLLECTIVE]),
        individuals=figure(all_now[INDIVIDUAL], all_before[INDIVIDUAL]),
        director_collectives=director_row.collectives if director_row else ZERO,
        director_individuals=director_row.individuals if director_row else ZERO,
    )
    months = _split(praise_now, 4)
    return Tally(
        unit=UnitInfo(**_unit_row(unit), full_name=full_name, short_name=unit.short_name),
        period=period,
        previous_period=before,
        totals=totals,
        organizations=ByKind(_by_label(kinds, stock_now["organizations"], stock_before["organizations"])),
        members=ByKind(_by_label(kinds, stock_now["members"], stock_before["members"])),
        models=ModelFigures(
            by_level=[Share(key=key, level=int(level), label=str(level.label),
                            figure=figure(levels_now[key], levels_before[key])) for level, key in LEVEL_KEYS.items()],
            by_field=_by_label(fields, dict(models_now["by_field"]), dict(models_before["by_field"])),
        ),
        commendations=CommendationFigures(
            director=director,
            by_authority=by_authority,
            by_form=_commendation_rows(forms, praise_now, praise_before, 1),
            by_kind=_commendation_rows(dict(CommendationKind.choices), praise_now, praise_before, 2),
            by_month=[Month(month=m.strftime("%Y-%m"), label=m.strftime("%m/%Y"),
                            collectives=months.get(m, {}).get(COLLECTIVE, 0),
                            individuals=months.get(m, {}).get(INDIVIDUAL, 0))
                      for m in month_starts(period.since, period.until)],
            repeated=[Repeated(**row) for row in other["repeated"]],
        ),
        children=rollup.rows(rollup.by_child, children),
        communes=rollup.commune_rows() if rollup.per_commune else None,
        layout=reading,
        basis=Basis(approved=approved, completeness=Completeness(**other["completeness"]) if other["completeness"]
                    else None),
    )


def _completeness(unit, reporting: ReportingPeriod | None, user) -> Completeness | None:
    """The line every report states: how many of the unit's communes submitted / were approved."""
    if reporting is None:
        return None
    from approvals.selectors import completeness

    counts = completeness(user=user, unit=unit, period=reporting)
    return Completeness(period=reporting.key, total=counts["total"], submitted=counts["submitted"],
                        approved=counts["approved"])
