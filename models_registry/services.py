from django.db import transaction

from .models import Deployment, DeploymentResult, ResultIndicator


@transaction.atomic
def deployment_results_save(*, deployment: Deployment, year: int,
                            values: dict[ResultIndicator, int | None]) -> list[DeploymentResult]:
    """Sets one year's results: a number saves (0 included), a blank removes that indicator's row.

    Unchanged rows are not saved again, so the history shows only real changes.
    """
    existing = {r.indicator_id: r for r in DeploymentResult.objects.filter(deployment=deployment, year=year)}
    kept = []
    for indicator, value in values.items():
        result = existing.get(indicator.pk)
        if value is None:
            if result is not None:
                result.delete()
            continue
        if result is None:
            result = DeploymentResult(deployment=deployment, year=year, indicator=indicator, value=value)
        elif result.value == value:
            kept.append(result)
            continue
        result.value = value
        result.full_clean()
        result.save()
        kept.append(result)
    return kept

