from datetime import date

import pytest

from models_registry.filtersets import CrimePreventionModelFilterSet
from models_registry.models import ModelStatus, RecognitionLevel
from models_registry.selectors import model_rows
from models_registry.tables import MODELS

from .factories import CrimePreventionModelFactory, DeploymentFactory, RecognitionFactory, field

pytestmark = pytest.mark.django_db


def rows(user, **params):
    filterset = CrimePreventionModelFilterSet(params, queryset=model_rows(user=user), user=user)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


@pytest.fixture
def registry(bac_lieu, ho_phong, phuong_1_bac_lieu):
    """Three models: ministry (Hộ Phòng), province (Phường 1 Bạc Liêu), unrecognised (both)."""
    gate = CrimePreventionModelFactory(name="Cổng ANTT", founding_unit=bac_lieu)
    RecognitionFactory(model=gate, level=RecognitionLevel.PROVINCE, decided_on=date(2012, 1, 1))
    RecognitionFactory(model=gate, level=RecognitionLevel.MINISTRY, decided_on=date(2017, 10, 5))
    DeploymentFactory(model=gate, commune=ho_phong)
    taxi = CrimePreventionModelFactory(name="Tổ tài xế taxi tự quản về ANTT", founding_unit=bac_lieu,
                                       field=field("Trật tự an toàn giao thông"))
    RecognitionFactory(model=taxi, level=RecognitionLevel.PROVINCE, decided_on=date(2017, 5, 18))
    DeploymentFactory(model=taxi, commune=phuong_1_bac_lieu)
    forest = CrimePreventionModelFactory(name="Tổ tự quản rừng phòng hộ", founding_unit=bac_lieu,
                                         field=field("Bảo vệ rừng"), status=ModelStatus.SUSPENDED)
    DeploymentFactory(model=forest, commune=ho_phong, ended_on=date(2017, 1, 1))
    DeploymentFactory(model=forest, commune=phuong_1_bac_lieu)
    return {"gate": gate, "taxi": taxi, "forest": forest}


def names(qs):
    return sorted(m.name for m in qs)


def test_level_on_a_date_gives_ministry_and_province_models(registry, provincial_staff):
    assert names(rows(provincial_staff, level="3", level_on="2018-07-11")) == ["Cổng ANTT"]
    assert names(rows(provincial_staff, level="2", level_on="2018-07-11")) == ["Tổ tài xế taxi tự quản về ANTT"]
    # In 2016 the gate was still a province model.
    assert rows(provincial_staff, level="2", level_on="2016-01-01").count() == 1
    assert rows(provincial_staff, level="0", level_on="2018-07-11").count() == 1


def test_field_status_and_search_without_diacritics(registry, provincial_staff):
    assert rows(provincial_staff, field=str(field("Bảo vệ rừng").pk)).count() == 1
    assert rows(provincial_staff, status=ModelStatus.SUSPENDED).count() == 1
    assert names(rows(provincial_staff, q="tai xe TAXI")) == ["Tổ tài xế taxi tự quản về ANTT"]
    assert rows(provincial_staff, q="cổng").count() == 1


def test_district_and_commune_where_deployed(registry, provincial_staff, gia_rai, ho_phong, phuong_1_bac_lieu):
    assert names(rows(provincial_staff, district=str(gia_rai.pk))) == ["Cổng ANTT", "Tổ tự quản rừng phòng hộ"]
    assert rows(provincial_staff, commune=str(phuong_1_bac_lieu.pk)).count() == 2
    assert rows(provincial_staff, commune=str(ho_phong.pk)).count() == 2


def test_deployed_now_reads_running_deployments_in_scope(registry, provincial_staff, commune_officer):
    assert rows(provincial_staff, deployed_now="true").count() == 3
    # In Hộ Phòng the forest group ended in 2017; the taxi group never ran there.
    assert names(rows(commune_officer, deployed_now="true")) == ["Cổng ANTT"]
    assert rows(commune_officer, deployed_now="false").count() == 2


def test_an_officer_sees_every_model_but_counts_only_deployments_in_scope(registry, commune_officer):
    counts = {m.name: m.deployment_count for m in rows(commune_officer)}
    assert counts == {"Cổng ANTT": 1, "Tổ tài xế taxi tự quản về ANTT": 0, "Tổ tự quản rừng phòng hộ": 1}


def test_a_place_outside_scope_is_not_a_valid_filter(registry, commune_officer, phuong_1_bac_lieu, gia_rai):
    for params in ({"commune": str(phuong_1_bac_lieu.pk)}, {"district": str(gia_rai.pk)}):
        filterset = CrimePreventionModelFilterSet(params, queryset=model_rows(user=commune_officer),
                                                  user=commune_officer)
        assert not filterset.is_valid()


def test_sorting_by_number_of_deployments(registry, provincial_staff):
    assert [m.name for m in MODELS.order(rows(provincial_staff), "-deployments")][0] == "Tổ tự quản rừng phòng hộ"
    assert [m.name for m in MODELS.order(rows(provincial_staff), "-level")][0] == "Cổng ANTT"
    # Models without a level sort last both ways.
    assert [m.name for m in MODELS.order(rows(provincial_staff), "level")][-1] == "Tổ tự quản rừng phòng hộ"
