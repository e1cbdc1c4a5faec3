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
    return {"completeness": selectors.completeness(user=request.user, unit=unit, period=chosen),
            "links": {group: overview_url(chosen, unit, group) for group in selectors.GROUPS}}
