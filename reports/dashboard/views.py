"""The dashboard page: every figure comes from compute_tally; this module only arranges and links them.

A fixed number of queries whatever the scope: the tally's grouped queries, the unit and its
ancestors, the communes' coordinates for the map and, on a commune's page, three short lists.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.scope import units_in_scope
from antq_portal.paths import path_to
from geography.models import Level
from reports import charts
from reports.figures import FIGURE_LABELS, Tally
from reports.official import layout_note
from reports.periods import Period
from reports.tally import compute_tally, deployments_active, organizations_active, recipients_in_period

from .forms import DEMO_VIEW, STATUS_MAP, DashboardForm, period_query
from .links import FigureLinks, area_params
from .maps import MAX_COMMUNES, figure_map

COMMUNE_LIST_ROWS = 20
INDIVIDUAL, COLLECTIVE = "ca_nhan", "tap_the"

HEADLINES = [
    # (name of the tally's total, link kind, link filters); labels: reports.figures.FIGURE_LABELS
    ("organizations", "organizations", {}),
    ("members", "members", {}),
    ("models", "models", {}),
    ("models_ministry", "models", {"level": 3}),
    ("models_province", "models", {"level": 2}),
    ("collectives", "recipients", {"recipient_type": COLLECTIVE}),
    ("individuals", "recipients", {"recipient_type": INDIVIDUAL}),
]


def dashboard(request, unit_id: int | None = None):
    user = request.user
    form = DashboardForm(request.GET or None, user=user)
    if (chosen := form.chosen_unit()) is not None:  # the unit picker: a name or a code
        return redirect(unit_url(chosen.pk, form.period(), layout=form.chosen_layout()))
    if (picked := form.chosen_reporting_period()) is not None:  # the period picker sets the dates
        return redirect(f"{request.path}?{urlencode(period_query(picked.as_period(), figure=form.map_figure(), layout=form.chosen_layout()))}")
    if unit_id is None:
        if user.unit_id is None:
            return _choose_unit(request, form)
        unit_id = user.unit_id
    # Outside the user's scope the unit does not exist for them.
    unit = get_object_or_404(units_in_scope(user), pk=unit_id)
    period = form.period()
    if not form.is_bound:  # show the dates the figures are for, not empty boxes
        form.initial = {"as_of": period.as_of, "since": period.since, "until": period.until}
    layout = form.chosen_layout()
    tally = dashboard_tally(unit, period, layout, user=user, recount_late=True)
    links = FigureLinks(area=area_params(unit.pk, unit.level, user), period=period)
    map_figure = form.map_figure()
    context = {
        "unit": unit,
        "tally": tally,
        "form": form,
        "period": period,
        "previous": tally.previous_period,
        "breadcrumbs": _breadcrumbs(unit, user, period, layout),
        "headlines": _headlines(tally, links),
        "children": _children(tally, user, period, layout),
        "by_kind": _by_kind(tally, links),
        "by_level": _by_level(tally, links),
        "by_field": _by_field(tally, links),
        "by_month": tally.commendations.by_month,
        "by_year": _by_year(tally),
        "by_authority": _by_authority(tally, links),
        "map": _map(unit, tally, map_figure, period, layout, user),
        "map_figure": map_figure,
        "links": links,
        "demo_query": urlencode({key: value.isoformat() for key, value in DEMO_VIEW.items()}),
        "is_commune": unit.level == Level.COMMUNE,
        "layout_note": layout_note(tally.layout, period.as_of),
    }
    context["charts"] = _charts(context, tally)
    if context["is_commune"]:
        context.update(_commune_lists(unit, user, period))
    return render(request, "reports/dashboard/dashboard.html", context)


def dashboard_tally(unit, period: Period, layout: str | None = None, *, user=None, recount_late: bool = False):
    """The tally a dashboard shows: with the communes' rows up to the map's limit (the nightly job keeps
    the provinces' and the country's for the default period: reports.tasks.keep_stocks). `recount_late`:
    the page's, which may show a large scope's kept tally while a worker counts it again (reports/kept.py)."""
    return compute_tally(unit=unit, as_of=period.as_of, since=period.since, until=period.until, user=user,
                         include_communes=True, max_communes=MAX_COMMUNES, layout=layout, recount_late=recount_late)


def _choose_unit(request, form):
    """A superuser without a unit (the whole country) picks the province to look at, or types a unit."""
    units = units_in_scope(request.user).filter(parent__isnull=True).order_by("layout", "name")
    if not units:
        raise Http404
    return render(request, "reports/dashboard/choose_unit.html", {"units": units, "form": form})


def unit_url(unit_id: int, period: Period, **extra) -> str:
    return unit_links(period, **extra)(unit_id)


def unit_links(period: Period, **extra) -> Callable[[int], str]:
    """`unit_url` for the many units of one view (the map's cells, the children's rows): the query encoded once."""
    query = urlencode(period_query(period, **extra))
    return lambda unit_id: f"{path_to('reports:dashboard_unit', unit_id)}?{query}"


def _breadcrumbs(unit, user, period: Period, layout: str | None) -> list[dict]:
    """Province › district › commune, only the units the user may open."""
    ancestors = unit.ancestors()
    openable = set(units_in_scope(user).filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True))
    return [{"name": a.name, "url": unit_url(a.pk, period, layout=layout) if a.pk != unit.pk else None}
            for a in ancestors if a.pk in openable]


def _headlines(tally: Tally, links: FigureLinks) -> list[dict]:
    return [{"key": name, "label": FIGURE_LABELS[name], "figure": getattr(tally.totals, name),
             "url": getattr(links, kind)(**filters)} for name, kind, filters in HEADLINES]


def _children(tally: Tally, user, period: Period, layout: str | None) -> list[dict]:
    rows, child_url = [], unit_links(period, layout=layout)
    for child in tally.children:
        links = FigureLinks(area=area_params(child.unit_id, child.level, user), period=period)
        rows.append({"unit": child, "url": child_url(child.unit_id),
                     "organizations_url": links.organizations(), "members_url": links.members(),
                     "deployments_url": links.deployments(),
                     "collectives_url": links.recipients(recipient_type=COLLECTIVE),
                     "individuals_url": links.recipients(recipient_type=INDIVIDUAL)})
    return rows


def _by_kind(tally: Tally, links: FigureLinks) -> list[dict]:
    members = {row.key: row for row in tally.members.by_kind}
    return [{"share": row, "members": members.get(row.key), "url": links.organizations(kind=row.key),
             "members_url": links.members(kind=row.key)} for row in tally.organizations.by_kind]


def _by_level(tally: Tally, links: FigureLinks) -> list[dict]:
    return [{"share": row, "url": links.models(level=row.level)} for row in tally.models.by_level]


def _by_field(tally: Tally, links: FigureLinks) -> list[dict]:
    return [{"share": row, "url": links.models(field=row.key)} for row in tally.models.by_field]


def _by_authority(tally: Tally, links: FigureLinks) -> list[dict]:
    return [{"praise": row, "collectives_url": links.recipients(authority=row.key, recipient_type=COLLECTIVE),
             "individuals_url": links.recipients(authority=row.key, recipient_type=INDIVIDUAL)}
            for row in tally.commendations.by_authority]


def _by_year(tally: Tally) -> list[dict]:
    """The tally's months added up per calendar year (a period may span several)."""
    years: dict[str, dict] = {}
    for month in tally.commendations.by_month:
        year = years.setdefault(month.month[:4], {"year": month.month[:4], "collectives": 0, "individuals": 0})
        year["collectives"] += month.collectives
        year["individuals"] += month.individuals
    return list(years.values())


def _map(unit, tally: Tally, figure: str, period: Period, layout: str | None, user):
    statuses = None
    if figure == STATUS_MAP:  # the chain's status of each commune in the Decree 09 period the dates stand for
        from approvals.selectors import commune_statuses, period_for_dates
        from approvals.views import GROUP_LABELS

        chosen = period_for_dates(since=period.since, until=period.until)
        statuses = {pk: (group, GROUP_LABELS[group])
                    for pk, group in commune_statuses(user=user, unit=unit, period=chosen).items()}
    return figure_map(unit, tally, figure, href=unit_links(period, figure=figure, layout=layout), statuses=statuses)


def _charts(context: dict, tally: Tally) -> dict:
    """The same charts as the PDF's (reports.charts), with the dashboard's drill-down links."""
    return {
        "children": charts.children_chart(tally, links=[c["url"] for c in context["children"]]),
        "by_kind": charts.kinds_chart(tally, links=[r["url"] for r in context["by_kind"]]),
        "by_month": charts.months_chart(tally),
        "by_field": charts.fields_chart(tally, links=[r["url"] for r in context["by_field"]]),
        "by_level": charts.levels_chart(tally, links=[r["url"] for r in context["by_level"]]),
    }


def _commune_lists(unit, user, period: Period) -> dict:
    """A commune's page shows the first rows of what it counts (the same querysets as the tally)."""
    organizations = (organizations_active(unit=unit, day=period.as_of, user=user).select_related("kind")
                     .order_by("kind__sort_order", "name")[:COMMUNE_LIST_ROWS])
    deployments = (deployments_active(unit=unit, day=period.as_of, user=user).select_related("model__field")
                   .order_by("model__name")[:COMMUNE_LIST_ROWS])
    recipients = (recipients_in_period(unit=unit, since=period.since, until=period.until, user=user)
                  # A model's team commended names its model and commune: fetched apart, for those rows only
                  # (joined too, the ten tables took PostgreSQL 17 ms to plan for a 0.4 ms read).
                  .select_related("decision__authority", "person", "organization")
                  .prefetch_related("deployment__model", "deployment__commune")
                  .order_by("-decision__decided_on", "pk")[:COMMUNE_LIST_ROWS])
    return {"commune_organizations": list(organizations), "commune_deployments": list(deployments),
            "commune_recipients": list(recipients), "list_rows": COMMUNE_LIST_ROWS}
