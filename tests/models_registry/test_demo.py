from datetime import date

import pytest

from accounts.demo import DemoContext
from models_registry import demo as models_demo
from models_registry.models import (
    CrimePreventionModel,
    Deployment,
    DeploymentResult,
    Recognition,
    RecognitionLevel,
)

pytestmark = pytest.mark.django_db
ARTICLE_DAY = date(2018, 7, 11)


@pytest.fixture
def seeded(demo, bac_lieu):
    return bac_lieu


def places(name: str) -> set[tuple[str, str]]:
    deployments = Deployment.objects.current().filter(model__name=name).select_related("commune__parent")
    return {(d.commune.name, d.commune.parent.name) for d in deployments}


def test_the_article_figures_and_places(seeded):
    """One seeding (it is slow) checks the figures, the rule and the article's places."""
    models = CrimePreventionModel.objects.for_everyone().filter(founding_unit__path__startswith=seeded.path)
    assert models.count() == 30
    on_article_day = models.with_level_on(ARTICLE_DAY)
    assert on_article_day.filter(level_on_date=RecognitionLevel.MINISTRY).count() == 5
    assert on_article_day.filter(level_on_date=RecognitionLevel.PROVINCE).count() == 8

    # A district decision followed by a province one; a province decision expired before the article.
    lodging = CrimePreventionModel.objects.get(name="Nhà trọ tự quản, an toàn về ANTT")
    assert sorted(lodging.recognitions.values_list("level", flat=True)) == [1, 2]
    assert lodging.level_on(ARTICLE_DAY) == RecognitionLevel.PROVINCE
    expired = Recognition.objects.filter(level=RecognitionLevel.PROVINCE, valid_until__lt=ARTICLE_DAY)
    assert any(r.model.level_on(ARTICLE_DAY) != RecognitionLevel.PROVINCE for r in expired)

    hp = ("Phường Hộ Phòng", "Thị xã Giá Rai")
    assert hp in places("Câu lạc bộ “Người hoàn lương”")
    assert hp in places("Tổ giáo dân tự quản về ANTT")
    speaker = {district for _c, district in places("Tiếng loa về ANTT")}
    assert speaker == {"Huyện Phước Long", "Thành phố Bạc Liêu"}
    assert len(places("Cổng ANTT")) >= 10
    assert places("Tổ tự quản rừng phòng hộ về ANTT") == {("Xã Vĩnh Thịnh", "Huyện Hòa Bình")}
    assert {d for _c, d in places("Tổ tài xế taxi tự quản về ANTT")} == {"Thành phố Bạc Liêu"}
    assert DeploymentResult.objects.exists()
    # Hosts are the organizations demo's own records (the models demo creates none).
    hosted = Deployment.objects.filter(host_organization__isnull=False).select_related("host_organization")
    assert {(d.model.name, d.host_organization.commune.name) for d in hosted} == {
        ("Câu lạc bộ “Người hoàn lương”", "Phường Hộ Phòng"), ("Tổ giáo dân tự quản về ANTT", "Phường Hộ Phòng"),
        ("Tổ tự quản rừng phòng hộ về ANTT", "Xã Vĩnh Thịnh")}


def test_seeding_again_changes_nothing(seeded):
    before = (CrimePreventionModel.objects.count(), Deployment.objects.count(), DeploymentResult.objects.count(),
              CrimePreventionModel.history.count(), DeploymentResult.history.count(),
              sorted(DeploymentResult.objects.values_list("value", flat=True)))
    models_demo.seed(DemoContext(province=seeded))
    after = (CrimePreventionModel.objects.count(), Deployment.objects.count(), DeploymentResult.objects.count(),
             CrimePreventionModel.history.count(), DeploymentResult.history.count(),
             sorted(DeploymentResult.objects.values_list("value", flat=True)))
    assert after == before
