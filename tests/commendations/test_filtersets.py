"""FilterSets tested directly: given these parameters, this many rows."""

from datetime import date

import pytest

from commendations.filtersets import DecisionFilterSet, RecipientFilterSet
from commendations.models import Authority, CommendationKind, Decision, Recipient

from .conftest import collective, individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(make_decision, ho_phong, phuong_1_bac_lieu):
    chair = Authority.objects.get(name="Chủ tịch UBND tỉnh")
    make_decision("1/QĐ-CAT", [individual("Trần Văn Hộ", ho_phong), collective("Tổ tự quản", ho_phong)],
                  decided_on=date(2017, 3, 1))
    make_decision("2/QĐ-CAT", [individual("Lê Thị Một", phuong_1_bac_lieu)], decided_on=date(2018, 9, 1),
                  kind=CommendationKind.PERIODIC)
    make_decision("3/QĐ-UBND", [individual("Võ Văn Ba", phuong_1_bac_lieu)], decided_on=date(2018, 1, 5),
                  authority=chair)


def decision_count(rf, user, **params) -> int:
    request = rf.get("/")
    request.user = user
    return DecisionFilterSet(params, queryset=Decision.objects.visible_to(user), request=request).qs.count()


def recipient_count(rf, user, **params) -> int:
    request = rf.get("/")
    request.user = user
    return RecipientFilterSet(params, queryset=Recipient.objects.visible_to(user), request=request).qs.count()


def test_counts_by_authority_kind_and_period(decisions, director, rf, provincial_staff):
    assert decision_count(rf, provincial_staff, authority=director.pk) == 2
    assert decision_count(rf, provincial_staff, kind="thuong_xuyen") == 1
    assert decision_count(rf, provincial_staff, since="2018-01-01") == 2
    assert decision_count(rf, provincial_staff, since="2017-01-01", until="2018-07-11") == 2
    assert decision_count(rf, provincial_staff, year=2017) == 1
    assert recipient_count(rf, provincial_staff, authority=director.pk, until="2018-07-11") == 2
    assert recipient_count(rf, provincial_staff, authority=director.pk, recipient_type="ca_nhan") == 2


def test_counts_by_district_commune_and_recipient_type(decisions, rf, provincial_staff, gia_rai, ho_phong):
    assert decision_count(rf, provincial_staff, district=gia_rai.pk) == 1
    assert decision_count(rf, provincial_staff, commune=ho_phong.pk) == 1
    assert decision_count(rf, provincial_staff, recipient_type="tap_the") == 1
    assert recipient_count(rf, provincial_staff, district=gia_rai.pk) == 2


def test_search_ignores_diacritics(decisions, rf, provincial_staff):
    assert decision_count(rf, provincial_staff, q="qd-ubnd") == 1
    assert recipient_count(rf, provincial_staff, q="tran van ho") == 1
    assert recipient_count(rf, provincial_staff, q="TRẦN VĂN HỘ") == 1


def test_an_outside_commune_in_the_filter_is_refused(decisions, rf, commune_officer, phuong_1_bac_lieu):
    request = rf.get("/")
    request.user = commune_officer
    filterset = RecipientFilterSet({"commune": phuong_1_bac_lieu.pk}, request=request,
                                   queryset=Recipient.objects.visible_to(commune_officer))
    assert not filterset.is_valid()
