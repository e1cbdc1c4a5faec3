from django import template

from ..models import RecognitionLevel
from ..selectors import deployments_hosted_by

register = template.Library()


@register.filter
def recognition_level(value) -> str:
    """The label of an annotated level (`level_on_date`), empty when the model has none."""
    return RecognitionLevel(value).label if value else ""


@register.inclusion_tag("models_registry/_organization_models.html", takes_context=True)
def organization_models(context, organization) -> dict:
    """`{% organization_models organization %}` on the organization detail page: what it hosts."""
    return {"hosted_deployments": list(deployments_hosted_by(organization=organization,
                                                             user=context["request"].user))}
