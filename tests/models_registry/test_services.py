"""Writes go through models_registry.services: outside a request too, they validate and say who."""

import pytest
from django.core.exceptions import ValidationError

from models_registry.models import CrimePreventionModel, Deployment
from models_registry.services import deployment_save, model_save, record_set_archived

pytestmark = pytest.mark.django_db


def test_a_model_saved_by_the_service_records_who_created_it(provincial_staff, bac_lieu, crime_model):
    model = model_save(model=CrimePreventionModel(name="Tiếng loa về ANTT", founding_unit=bac_lieu,
                                                  field=crime_model.field), by=provincial_staff)
    assert model.created_by == provincial_staff
    assert model.history.get().history_user == provincial_staff


def test_the_service_refuses_a_second_deployment_at_the_same_place(provincial_staff, ho_phong_deployment):
    copy = Deployment(model=ho_phong_deployment.model, commune=ho_phong_deployment.commune,
                      place=ho_phong_deployment.place)
    with pytest.raises(ValidationError):
        deployment_save(deployment=copy, by=provincial_staff)


def test_archive_and_restore_keep_who_did_it(provincial_staff, ho_phong_deployment):
    record_set_archived(record=ho_phong_deployment, by=provincial_staff, archived=True)
    assert not Deployment.objects.current().filter(pk=ho_phong_deployment.pk).exists()
    record_set_archived(record=ho_phong_deployment, by=provincial_staff, archived=False)
    assert Deployment.objects.current().filter(pk=ho_phong_deployment.pk).exists()
    assert [h.history_user for h in ho_phong_deployment.history.all()][:2] == [provincial_staff] * 2
