import pytest

from models_registry.lists import FIELDS_OF_WORK, RESULT_INDICATORS
from models_registry.models import FieldOfWork, ResultIndicator


@pytest.mark.django_db
def test_the_lists_are_seeded():
    assert set(FIELDS_OF_WORK) <= set(FieldOfWork.objects.values_list("name", flat=True))
    assert "Tin báo cung cấp cho Công an" in set(ResultIndicator.objects.values_list("name", flat=True))


# Run twice: the second run comes after the first one's flush of the test database.
@pytest.mark.parametrize("run", [1, 2])
@pytest.mark.django_db(transaction=True)
def test_the_lists_survive_a_test_database_flush(run):
    assert FieldOfWork.objects.count() == len(FIELDS_OF_WORK)
    assert ResultIndicator.objects.count() == len(RESULT_INDICATORS)
