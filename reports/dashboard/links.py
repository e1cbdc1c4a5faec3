"""Where each figure of the dashboard leads: the registry list filtered to exactly the rows it counts.

The query strings follow each list's FilterSet (organizations/filtersets.py, models_registry/…,
commendations/…). A list that is not installed gives no link rather than a broken one.
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from geography.models import Level
from reports.periods import Period

ORGANIZATIONS = "organizations:organization_list"
MEMBERS = "organizations:member_list"
MODELS = "models_registry:model_list"
DEPLOYMENTS = "models_registry:deployment_list"
RECIPIENTS = "commendations:recipient_list"


def _url(name: str, params: dict) -> str | None:
    try:
        base = reverse(name)
    except NoReverseMatch:
        return None
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{base}?{query}" if query else base


def area_params(unit_id: int, level: int, user) -> dict:
    """The list filter that narrows a user's list to `unit` (none for the user's own unit)."""
    if unit_id == user.unit_id:
        return {}
    if level == Level.COMMUNE:
        return {"commune": unit_id}
    if level in (Level.DISTRICT, Level.PROVINCE):  # a province: a row of the national dashboard
        return {"district": unit_id}
    return {}


class FigureLinks:
    """Links for the figures of one unit (or of one of its children) on one period."""

    def __init__(self, *, area: dict, period: Period):
        self.area = area
        self.as_of = period.as_of.isoformat()
        self.since = period.since.isoformat()
        self.until = period.until.isoformat()

    def organizations(self, **extra) -> str | None:
        return _url(ORGANIZATIONS, {**self.area, "active_on": self.as_of, **extra})

    def members(self, **extra) -> str | None:
        return _url(MEMBERS, {**self.area, "active_on": self.as_of, **extra})

    def models(self, **extra) -> str | None:
        return _url(MODELS, {**self.area, "level_on": self.as_of, **extra})

    def deployments(self, **extra) -> str | None:
        return _url(DEPLOYMENTS, {**self.area, "active_on": self.as_of, **extra})

    def recipients(self, **extra) -> str | None:
        return _url(RECIPIENTS, {**self.area, "since": self.since, "until": self.until, **extra})
