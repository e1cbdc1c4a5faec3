"""Reads several views share: model rows with their in-scope deployment counts, scoped deployments."""

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from .models import CrimePreventionModel, Deployment, DeploymentResult


def deployments_visible_to(user, *, archived: bool = False) -> QuerySet:
    """Deployments inside the user's scope (the one scope helper, through `visible_to`)."""
    return Deployment.objects.visible_to(user, archived=archived)


def model_rows(*, user, archived: bool = False) -> QuerySet:
    """Every model (officers see them all) with `deployment_count`: its deployments in the user's scope.

    Counting only in-scope deployments keeps a commune officer from learning how widely a model
    runs elsewhere; a subquery per row keeps the list at a fixed number of queries.
    """
    in_scope = (deployments_visible_to(user).filter(model=OuterRef("pk")).order_by()
                .values("model").annotate(n=Count("pk")).values("n"))
    return (CrimePreventionModel.objects.for_everyone(archived=archived)
            .select_related("field", "founding_unit").order_by("name", "pk")
            .annotate(deployment_count=Coalesce(Subquery(in_scope, output_field=IntegerField()), 0)))


def with_deployment_places(models: list, *, user) -> list:
    """Attaches each model's in-scope deployments (as `scoped_deployments`) with their communes:
    one query for the models given (a list page or an export chunk)."""
    deployments = deployments_visible_to(user).select_related("commune__parent").order_by("commune__path", "place")
    prefetch_related_objects(models, Prefetch("deployments", queryset=deployments, to_attr="scoped_deployments"))
    return models


def deployments_hosted_by(*, organization, user) -> QuerySet:
    """Deployments whose host is `organization`, as the user may see them (organization detail page)."""
    return (deployments_visible_to(user).filter(host_organization=organization)
            .select_related("model", "model__field", "commune").order_by("model__name", "place"))


def results_by_year(deployment: Deployment) -> list[tuple[int, list[DeploymentResult]]]:
    """The deployment's results grouped by year, newest first."""
    years: dict[int, list[DeploymentResult]] = {}
    for result in deployment.results.select_related("indicator").order_by("-year", "indicator__sort_order"):
        years.setdefault(result.year, []).append(result)
    return list(years.items())


def results_history(deployment: Deployment, limit: int = 50):
    """Who entered, changed or removed which yearly result, newest first (rows removed included)."""
    return (DeploymentResult.history.filter(deployment_id=deployment.pk)
            .select_related("history_user", "indicator").order_by("-history_date", "-history_id")[:limit])
