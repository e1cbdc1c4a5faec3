"""Where each figure of the dashboard leads: the registry list filtered to exactly the rows it counts.

The query strings follow each list's FilterSet (organizations/filtersets.py, models_registry/…,
commendations/…). A list that is not installed gives no link rather than a broken one.
"""

from urllib.parse import urlencode

from antq_portal.paths import path_to
from geography.models import Level
from reports.periods import Period

ORGANIZATIONS = "organizations:organization_list"
MEMBERS = "organizations:member_list"
MODELS = "models_registry:model_list"
DEPLOYMENTS = "models_registry:deployment_list"
RECIPIENTS = "commendations:recipient_list"


def _url(name: str, params: dict | None) -> str | None:
    if params is None:
        return None
    base = path_to(name)
    if base is None:
        return None
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{base}?{query}" if query else base


def area_params(unit_id: int, level: int, user) -> dict | None:
    """The list filter that narrows a user's list to `unit` (none for the user's own unit); None when
    the lists cannot narrow to it (an old province inside today's: the lists filter by district and
    commune only), so its figures link nowhere rather than to a list that counts more."""
    if unit_id == user.unit_id:
        return {}
    if level == Level.COMMUNE:
        return {"commune": unit_id}
    if level in (Level.DISTRICT, Level.PROVINCE):  # a province: a row of the national dashboard
        return {"district": unit_id}
    return {} if user.unit_id is None else None


class FigureLinks:
    """Links for the figures of one unit (or of one of its children) on one period."""

    def __init__(self, *, area: dict | None, period: Period):
        self.area = area
        self.as_of = period.as_of.isoformat()
        self.since = period.since.isoformat()
        self.until = period.until.isoformat()

    def _within(self, params: dict) -> dict | None:
        return None if self.area is None else {**self.area, **params}

    def organizations(self, **extra) -> str | None:
        return _url(ORGANIZATIONS, self._within({"active_on": self.as_of, **extra}))

    def members(self, **extra) -> str | None:
        return _url(MEMBERS, self._within({"active_on": self.as_of, **extra}))

    def models(self, **extra) -> str | None:
        return _url(MODELS, self._within({"level_on": self.as_of, **extra}))

    def deployments(self, **extra) -> str | None:
        return _url(DEPLOYMENTS, self._within({"active_on": self.as_of, **extra}))

    def recipients(self, **extra) -> str | None:
        return _url(RECIPIENTS, self._within({"since": self.since, "until": self.until, **extra}))
