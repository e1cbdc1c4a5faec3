"""Writes to models, their recognitions and deployments: views and commands call these, never save()."""

from django.db import models, transaction

from .models import CrimePreventionModel, Deployment, DeploymentResult, Recognition, ResultIndicator


def _save(obj: models.Model, by) -> models.Model:
    if obj._state.adding and hasattr(obj, "created_by_id") and obj.created_by_id is None:
        obj.created_by = by
    obj._history_user = by
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def model_save(*, model: CrimePreventionModel, by) -> CrimePreventionModel:
    """Create or update a model (the form has validated it; full_clean checks it again)."""
    return _save(model, by)


@transaction.atomic
def recognition_save(*, recognition: Recognition, by) -> Recognition:
    return _save(recognition, by)


@transaction.atomic
def deployment_save(*, deployment: Deployment, by) -> Deployment:
    return _save(deployment, by)


def record_set_archived(*, record: CrimePreventionModel | Deployment, by, archived: bool):
    """Archive (reversible delete) or restore a model or a deployment."""
    record._history_user = by
    if archived:
        record.archive(by=by)
    else:
        record.restore(by=by)
    return record


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

