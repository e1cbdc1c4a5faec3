"""The model's domain rules, seen through the organization form: refused with a Vietnamese message
naming the field, the typed values kept; the same CCCD in another team is only a warning."""

from datetime import date

import pytest
from django.urls import reverse

from antq_portal.validators import normalize_phone
from organizations.models import Member, Organization

from .conftest import make_org
from .test_forms_views import form_data

pytestmark = pytest.mark.django_db
NEXT_YEAR = date.today().year + 1
CREATE = reverse("organizations:organization_create")


@pytest.mark.parametrize(("fields", "members", "words"), [
    ({"founded_on": f"01/01/{NEXT_YEAR}"}, [], "Ngày thành lập"),
    ({"decision_date": f"01/01/{NEXT_YEAR}"}, [], "Ngày quyết định"),
    ({}, [{"full_name": "Lê Thị Cúc", "joined_on": f"01/01/{NEXT_YEAR}"}], "Ngày tham gia"),
])
def test_a_date_in_the_future_is_refused(client_for, commune_officer, ho_phong, fields, members, words):
    body = client_for(commune_officer).post(CREATE, form_data(ho_phong, members=members, **fields)).content.decode()
    assert f"{words} (01/01/{NEXT_YEAR}) không được sau ngày hôm nay" in body
    assert not Organization.objects.exists()


@pytest.mark.parametrize("birth_year", ["0", "1890", str(NEXT_YEAR)])
def test_a_birth_year_giving_an_impossible_age_is_refused(client_for, commune_officer, ho_phong, birth_year):
    data = form_data(ho_phong, members=[{"full_name": "Lê Thị Cúc", "birth_year": birth_year}])
    body = client_for(commune_officer).post(CREATE, data).content.decode()
    assert f"Năm sinh {birth_year} không hợp lệ: tuổi phải từ 0 đến 120" in body
    assert not Member.objects.exists()


def test_a_member_does_not_join_before_the_organization_was_founded(client_for, commune_officer, ho_phong):
    data = form_data(ho_phong, founded_on="01/03/2016",
                     members=[{"full_name": "Lê Thị Cúc", "joined_on": "01/01/2015"}])
    body = client_for(commune_officer).post(CREATE, data).content.decode()
    assert "Ngày tham gia (01/01/2015) không được trước ngày thành lập tổ chức (01/03/2016)." in body


def test_negative_years_of_earlier_service_are_refused(client_for, commune_officer, ho_phong):
    data = form_data(ho_phong, members=[{"full_name": "Lê Thị Cúc", "prior_service_years": "-3"}])
    body = client_for(commune_officer).post(CREATE, data).content.decode()
    assert "Số năm công tác trước đó không được là số âm (đã nhập -3" in body
    assert 'value="-3' in body


def test_the_same_citizen_id_twice_in_one_organization_is_refused(client_for, commune_officer, ho_phong):
    data = form_data(ho_phong, members=[{"full_name": "Lê Thị Cúc", "citizen_id": "095180001234"},
                                        {"full_name": "Lê Thị Cúc", "citizen_id": "095180001234"}])
    client = client_for(commune_officer)
    body = client.post(CREATE, data).content.decode()
    assert "Số CCCD trùng với thành viên ở dòng 1" in body and not Organization.objects.exists()
    # Against a member already saved, the database constraint answers through the form.
    org = make_org(ho_phong, "Tổ hòa giải khóm 9", kind_name="Tổ hòa giải", hamlet="Khóm 9")
    Member.objects.create(organization=org, full_name="Lê Thị Cúc", citizen_id="095180001234")
    data = form_data(ho_phong, kind_name="Tổ hòa giải", name=org.name, hamlet="Khóm 9", members=[
        {"full_name": "Lê Thị Cúc B", "citizen_id": "095180001234"}])
    response = client.post(reverse("organizations:organization_update", args=[org.pk]), data)
    assert "mỗi người chỉ có một dòng trong một tổ chức" in response.content.decode()
    assert org.members.count() == 1


def test_the_same_citizen_id_in_another_active_team_saves_with_a_warning_and_a_link(client_for, commune_officer,
                                                                                    ho_phong):
    other = make_org(ho_phong, "Đội dân phòng khóm 2", hamlet="Khóm 2")
    Member.objects.create(organization=other, full_name="Lê Thị Cúc", citizen_id="095180001234",
                          joined_on=date(2016, 1, 1))
    data = form_data(ho_phong, members=[{"full_name": "Lê Thị Cúc", "citizen_id": "095180001234"}])
    response = client_for(commune_officer).post(CREATE, data, follow=True)
    body = response.content.decode()
    assert Organization.objects.filter(name="Tổ an ninh nhân dân khóm 4").exists()
    assert "cũng đang là thành viên của" in body
    assert f'<a href="{other.get_absolute_url()}">Đội dân phòng khóm 2</a>' in body


@pytest.mark.parametrize(("typed", "stored"), [
    ("0912 345 678", "0912345678"), ("+84 912-345-678", "0912345678"), ("84912345678", "0912345678"),
    ("0291.3851.234", "02913851234"), ("", ""),
])
def test_phone_numbers_are_stored_in_vietnamese_form(typed, stored):
    assert normalize_phone(typed) == stored


def test_a_phone_number_that_is_not_one_is_refused_through_the_form(client_for, commune_officer, ho_phong):
    client = client_for(commune_officer)
    body = client.post(CREATE, form_data(ho_phong, leader_phone="12345")).content.decode()
    assert "Điện thoại “12345” không đúng dạng số điện thoại Việt Nam" in body
    client.post(CREATE, form_data(ho_phong, leader_phone="+84 912 345 678",
                                  members=[{"full_name": "Lê Thị Cúc", "phone": "0912.345.679"}]))
    org = Organization.objects.get()
    assert org.leader_phone == "0912345678" and org.members.get().phone == "0912345679"


def test_a_rating_for_a_year_not_begun_or_dated_in_the_future_is_refused(client_for, commune_officer, ho_phong):
    data = form_data(ho_phong, founded_on="01/01/2016",
                     ratings=[{"year": str(NEXT_YEAR + 1), "rating": "tot", "rated_on": f"01/01/{NEXT_YEAR}"}])
    body = client_for(commune_officer).post(CREATE, data).content.decode()
    assert f"Năm đánh giá {NEXT_YEAR + 1} chưa bắt đầu" in body
    assert "Ngày đánh giá" in body and "không được sau ngày hôm nay" in body
