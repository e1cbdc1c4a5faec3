from datetime import date

import pytest

from models_registry.models import CrimePreventionModel, RecognitionLevel

from .factories import CrimePreventionModelFactory, RecognitionFactory

pytestmark = pytest.mark.django_db
D, P, M = RecognitionLevel.DISTRICT, RecognitionLevel.PROVINCE, RecognitionLevel.MINISTRY
ARTICLE_DAY = date(2018, 7, 11)


def level_in_sql(model, day):
    return CrimePreventionModel.objects.with_level_on(day).get(pk=model.pk).level_on_date


@pytest.fixture
def model(bac_lieu):
    return CrimePreventionModelFactory(founding_unit=bac_lieu)


def test_level_is_the_highest_recognition_valid_on_the_day(model):
    RecognitionFactory(model=model, level=D, decided_on=date(2014, 1, 1))
    RecognitionFactory(model=model, level=P, decided_on=date(2016, 5, 1))

    assert model.level_on(ARTICLE_DAY) == P
    assert level_in_sql(model, ARTICLE_DAY) == P
    # Before the province decision, the district one was the highest; the history stays.
    assert model.level_on(date(2015, 1, 1)) == D
    assert level_in_sql(model, date(2015, 1, 1)) == D
    assert model.recognitions.count() == 2


def test_an_expired_recognition_no_longer_counts(model):
    RecognitionFactory(model=model, level=D, decided_on=date(2013, 1, 1))
    RecognitionFactory(model=model, level=P, decided_on=date(2014, 1, 1), valid_until=date(2017, 12, 31))

    assert model.level_on(date(2017, 12, 31)) == P  # the end date is the last valid day
    assert model.level_on(ARTICLE_DAY) == D
    assert level_in_sql(model, ARTICLE_DAY) == D


def test_a_decision_taken_later_does_not_count_yet(model):
    RecognitionFactory(model=model, level=P, decided_on=date(2017, 5, 18))
    RecognitionFactory(model=model, level=M, decided_on=date(2019, 4, 20))

    assert level_in_sql(model, ARTICLE_DAY) == P
    assert level_in_sql(model, date(2019, 4, 20)) == M


def test_a_model_without_a_valid_recognition_has_no_level(model):
    RecognitionFactory(model=model, level=P, decided_on=date(2014, 1, 1), valid_until=date(2017, 6, 30))

    assert model.level_on(ARTICLE_DAY) is None
    assert level_in_sql(model, ARTICLE_DAY) is None
