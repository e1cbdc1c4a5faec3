"""Two staff members edit the same model, two officers the same deployment: the stale save is refused."""

import re

import pytest
from django.urls import reverse

from models_registry.models import CrimePreventionModel, Deployment

from .factories import field
from .test_model_views import model_data

pytestmark = pytest.mark.django_db


def version_of(page: str) -> str:
    return re.search(r'name="_version" value="([^"]+)"', page).group(1)


@pytest.fixture
def two_staff(browser_for, make_officer, provincial_staff, bac_lieu):
    from accounts.roles import Role
    return browser_for(provincial_staff), browser_for(make_officer("tinh_tonghop_2", bac_lieu, Role.REPORTING))


def test_a_stale_model_save_is_refused_then_goes_through_merged(two_staff, bac_lieu, crime_model):
    first, second = two_staff
    url = reverse("models_registry:model_update", args=[crime_model.pk])
    opened = model_data(bac_lieu, name=crime_model.name, field=field("Camera an ninh").pk)
    mine = {**opened, "_version": version_of(first.get(url).text), "description": "Cổng có camera"}
    theirs = {**opened, "_version": version_of(second.get(url).text), "status": "suspended"}
    assert first.post(url, mine).status_code == 302
    history_rows = CrimePreventionModel.history.count()

    response = second.post(url, theirs)
    assert response.status_code == 409
    assert "Cổng có camera" in response.text and "Cán bộ tinh_tonghop" in response.text
    assert 'value="suspended" selected' in response.text  # what the second typed is kept
    crime_model.refresh_from_db()
    assert crime_model.status == "active" and CrimePreventionModel.history.count() == history_rows

    merged = {**theirs, "description": "Cổng có camera", "_version": version_of(response.text)}
    assert second.post(url, merged).status_code == 302
    crime_model.refresh_from_db()
    assert crime_model.status == "suspended" and crime_model.description == "Cổng có camera"


def test_a_stale_deployment_save_is_refused(browser_for, commune_officer, district_officer, ho_phong,
                                            ho_phong_deployment):
    first, second = browser_for(commune_officer), browser_for(district_officer)
    url = reverse("models_registry:deployment_update", args=[ho_phong_deployment.pk])
    opened = {"commune": ho_phong.pk, "place": "Khóm 1", "started_on": "", "ended_on": "", "notes": ""}
    mine = {**opened, "_version": version_of(first.get(url).text), "notes": "Bàn giao cho khóm"}
    theirs = {**opened, "_version": version_of(second.get(url).text), "place": "Khóm 1A"}
    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)
    assert response.status_code == 409 and "Bàn giao cho khóm" in response.text
    assert 'value="Khóm 1A"' in response.text
    assert Deployment.objects.get().place == "Khóm 1"


def test_yearly_results_saved_meanwhile_make_the_results_form_stale(browser_for, commune_officer, district_officer,
                                                                    ho_phong_deployment):
    from models_registry.models import DeploymentResult, ResultIndicator

    tips = ResultIndicator.objects.order_by("sort_order").first()
    first, second = browser_for(commune_officer), browser_for(district_officer)
    url = reverse("models_registry:deployment_results", args=[ho_phong_deployment.pk])
    mine = {"year": 2017, f"indicator_{tips.pk}": 12, "_version": version_of(first.get(url, {"year": 2017}).text)}
    theirs = {"year": 2017, f"indicator_{tips.pk}": 7, "_version": version_of(second.get(url, {"year": 2017}).text)}
    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)
    assert response.status_code == 409 and 'value="7"' in response.text and "12" in response.text
    assert DeploymentResult.objects.get().value == 12
