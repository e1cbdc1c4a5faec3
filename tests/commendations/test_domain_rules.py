"""A decision is not dated in the future; an honoree's year of birth gives an age of 0 to 120."""

from datetime import date

import pytest
from django.urls import reverse

from commendations.models import Decision

pytestmark = pytest.mark.django_db
NEXT_YEAR = date.today().year + 1


def test_a_decision_dated_in_the_future_is_refused(client_for, provincial_staff, form_data):
    response = client_for(provincial_staff).post(reverse("commendations:decision_create"),
                                                 {**form_data, "decided_on": f"01/03/{NEXT_YEAR}"})
    assert f"Ngày quyết định (01/03/{NEXT_YEAR}) không được sau ngày hôm nay" in response.content.decode()
    assert not Decision.objects.exists()


def test_an_honoree_born_more_than_120_years_ago_is_refused(client_for, provincial_staff, form_data):
    response = client_for(provincial_staff).post(reverse("commendations:decision_create"),
                                                 {**form_data, "recipients-0-birth_year": "1901"})
    assert "Năm sinh 1901 không hợp lệ: tuổi phải từ 0 đến 120" in response.content.decode()
    assert not Decision.objects.exists()
