"""Models and recognitions are not dated in the future, whichever form or file they come from."""

from datetime import date

import pytest
from django.urls import reverse

from models_registry.models import CrimePreventionModel, Recognition

from .test_model_views import model_data

pytestmark = pytest.mark.django_db
NEXT_YEAR = date.today().year + 1


def test_a_model_founded_in_the_future_is_refused(client_for, provincial_staff, bac_lieu):
    response = client_for(provincial_staff).post(reverse("models_registry:model_create"),
                                                 model_data(bac_lieu, founded_on=f"01/06/{NEXT_YEAR}"))
    assert f"Ngày xây dựng (01/06/{NEXT_YEAR}) không được sau ngày hôm nay" in response.text
    assert not CrimePreventionModel.objects.exists()


def test_a_recognition_decided_in_the_future_is_refused(client_for, provincial_staff, crime_model):
    response = client_for(provincial_staff).post(
        reverse("models_registry:recognition_create", args=[crime_model.pk]),
        {"level": 3, "authority": "Bộ Công an", "decision_number": "1/QĐ-BCA", "decided_on": f"05/10/{NEXT_YEAR}"})
    assert "Ngày quyết định" in response.text and "không được sau ngày hôm nay" in response.text
    assert not Recognition.objects.exists()
