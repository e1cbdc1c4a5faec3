"""Sections other apps add to an organization's detail page (its models, its commendations).

An app appends a template name in its AppConfig.ready(); the template receives `organization`
and `request` (scope already checked: the organization is visible to the user)::

    from organizations.panels import DETAIL_PANELS
    DETAIL_PANELS.append("models_registry/includes/organization_deployments.html")
"""

DETAIL_PANELS: list[str] = []
