"""The FilterSet, given parameters, gives this many rows (and the dashboard's link parameters work)."""

from datetime import date

import pytest
from django.test import RequestFactory

from organizations.filtersets import MemberFilterSet, OrganizationFilterSet
from organizations.models import Member, Organization, OrganizationRating, Rating, set_member_counts
from organizations.tables import ORGANIZATIONS

from .conftest import kind, make_org

pytestmark = pytest.mark.django_db


def _filter(user, filterset_class=OrganizationFilterSet, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    model = filterset_class._meta.model
    filterset = filterset_class(params, queryset=model.objects.visible_to(user), request=request)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


@pytest.fixture
def registry(ho_phong, phuong_1_bac_lieu):
    make_org(ho_phong, "Tổ an ninh nhân dân khóm 1", members=3)
    make_org(ho_phong, "Tổ hòa giải khóm 2", kind_name="Tổ hòa giải", hamlet="Khóm 2", members=2,
             founded_on=date(2019, 1, 1))
    make_org(ho_phong, "Tổ tuần tra khóm 3", kind_name='Tổ tuần tra "Dân cử, dân nuôi"', hamlet="Khóm 3",
             members=4, founded_on=date(2010, 1, 1), dissolved_on=date(2017, 1, 1))
    old = make_org(phuong_1_bac_lieu, "Tổ an ninh nhân dân khóm 5", hamlet="Khóm 5", members=5)
    OrganizationRating.objects.create(organization=old, year=2017, rating=Rating.GOOD)


def test_by_commune_district_kind_and_date(registry, provincial_staff, ho_phong, gia_rai):
    assert _filter(provincial_staff).count() == 4
    assert _filter(provincial_staff, commune=ho_phong.pk).count() == 3
    assert _filter(provincial_staff, district=gia_rai.pk).count() == 3
    assert _filter(provincial_staff, kind=kind().pk).count() == 2
    assert _filter(provincial_staff, active_on="2018-07-11").count() == 2
    assert _filter(provincial_staff, commune=ho_phong.pk, active_on="2018-07-11").count() == 1
    assert _filter(provincial_staff, rating=Rating.GOOD, rating_year=2017).count() == 1
    assert _filter(provincial_staff, rating=Rating.GOOD, rating_year=2018).count() == 0
    assert _filter(provincial_staff, rating_year=2017).count() == 1


def test_member_count_per_row_is_the_active_memberships_on_the_date(registry, provincial_staff):
    # The list counts its page's rows (one grouped query) unless it sorts by the count.
    page = set_member_counts(list(_filter(provincial_staff, active_on="2018-07-11")), date(2018, 7, 11))
    rows = {org.name: org.member_count for org in page}
    assert rows == {"Tổ an ninh nhân dân khóm 1": 3, "Tổ an ninh nhân dân khóm 5": 5}
    member = Member.objects.filter(organization__name="Tổ an ninh nhân dân khóm 5").first()
    member.left_on = date(2018, 1, 1)
    member.save()
    by_count = ORGANIZATIONS.order(_filter(provincial_staff, active_on="2018-07-11", sort="-members"), "-members")
    rows = {org.name: org.member_count for org in by_count}
    assert list(rows.values()) == [4, 3]


def test_search_ignores_diacritics_and_case(registry, provincial_staff):
    assert _filter(provincial_staff, q="ho phong").count() == 3
    assert _filter(provincial_staff, q="HỘ PHÒNG").count() == 3
    assert _filter(provincial_staff, q="hoa giai").get().name == "Tổ hòa giải khóm 2"
    assert _filter(provincial_staff, q="tuần tra hộ phong").count() == 1


def test_members_filter_the_same_way(registry, provincial_staff, ho_phong, commune_officer):
    assert _filter(provincial_staff, MemberFilterSet).count() == 14
    assert _filter(provincial_staff, MemberFilterSet, active_on="2018-07-11").count() == 8
    assert _filter(provincial_staff, MemberFilterSet, commune=ho_phong.pk, active_on="2018-07-11").count() == 3
    assert _filter(commune_officer, MemberFilterSet).count() == 9
    assert _filter(provincial_staff, MemberFilterSet, q="khom 5").count() == 5


def test_a_commune_outside_the_scope_is_not_a_choice(registry, commune_officer, phuong_1_bac_lieu):
    request = RequestFactory().get("/")
    request.user = commune_officer
    params = {"commune": phuong_1_bac_lieu.pk}
    filterset = OrganizationFilterSet(params, queryset=Organization.objects.visible_to(commune_officer),
                                      request=request)
    assert not filterset.is_valid()
    assert _filter(commune_officer).count() == 3
