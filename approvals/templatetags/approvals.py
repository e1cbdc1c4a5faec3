"""The chain's panels other pages include: what waits for the officer, a period's completeness."""

from django import template

from .. import selectors
from ..views import overview_url

register = template.Library()


@register.inclusion_tag("approvals/includes/waiting.html", takes_context=True)
def approvals_waiting(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"waiting": selectors.waiting_for(user) if user is not None else {}, "request": request}


@register.inclusion_tag("approvals/includes/completeness.html", takes_context=True)
def approvals_completeness(context, unit, period):
    """`period` is the dashboard's (dates): the Decree 09 period it stands for is shown."""
    request = context["request"]
    chosen = selectors.period_for_dates(since=period.since, until=period.until)
    completeness, by_child = selectors.completeness_with_children(user=request.user, unit=unit, period=chosen)
    for row in by_child:
        row["cells"] = [(row["counts"][group], overview_url(chosen, row["unit"], group))
                        for group in UNIT_TABLE_GROUPS]
    return {"completeness": completeness,
            "links": {group: overview_url(chosen, unit, group) for group in selectors.GROUPS},
            "by_child": by_child}


# The unit table's columns, best first (the row's colour is its worst commune's status).
UNIT_TABLE_GROUPS = ("approved", "waiting", "returned", "not_submitted")


@register.filter
def covered_period(since, until) -> str:
    """`{{ report.since|covered_period:report.until }}`: "Quý III/2018 (từ 15/06/2018 đến 14/09/2018)"."""
    from reports.periods import covered_period_label

    return covered_period_label(since=since, until=until)


@register.simple_tag(takes_context=True)
def approvals_completeness_line(context, unit, since, until) -> str:
    """"52/64 xã đã được duyệt" for a Decree 09 period (empty for any other span of days)."""
    from django.utils.translation import gettext as _

    from reports.periods import reporting_period_of

    period = reporting_period_of(since=since, until=until)
    if period is None:
        return ""
    figures = selectors.completeness(user=context["request"].user, unit=unit, period=period)
    return _("%(approved)s/%(total)s xã đã được duyệt, %(submitted)s/%(total)s xã đã nộp") % {
        key: f"{figures[key]:,}".replace(",", ".") for key in ("approved", "submitted", "total")}
