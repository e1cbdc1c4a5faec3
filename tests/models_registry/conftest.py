import pytest

from .factories import CrimePreventionModelFactory, DeploymentFactory


@pytest.fixture
def crime_model(bac_lieu):
    return CrimePreventionModelFactory(name="Cổng ANTT", founding_unit=bac_lieu)


@pytest.fixture
def ho_phong_deployment(crime_model, ho_phong):
    return DeploymentFactory(model=crime_model, commune=ho_phong, place="Khóm 1")


@pytest.fixture
def phuong_1_deployment(crime_model, phuong_1_bac_lieu):
    return DeploymentFactory(model=crime_model, commune=phuong_1_bac_lieu, place="Khóm 2")
