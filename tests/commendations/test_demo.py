"""The seed article's figures, counted through the same filters users click."""

import pytest
from django.urls import reverse

from accounts.demo import DemoContext
from commendations import demo
from commendations.filtersets import DecisionFilterSet, PeopleFilterSet, RecipientFilterSet
from commendations.models import Authority, Decision, Person, Recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo, bac_lieu):
    return Authority.objects.get(name="Giám đốc Công an tỉnh")


def _request(rf, user):
    request = rf.get("/")
    request.user = user
    return request


def recipients(rf, user, **params):
    return RecipientFilterSet(params, queryset=Recipient.objects.visible_to(user),
                              request=_request(rf, user)).qs


def test_the_director_commended_15_collectives_and_167_individuals_up_to_the_article(
        seeded, rf, provincial_staff):
    window = {"authority": seeded.pk, "since": "2017-01-01", "until": "2018-07-11"}
    assert recipients(rf, provincial_staff, recipient_type="tap_the", **window).count() == 15
    assert recipients(rf, provincial_staff, recipient_type="ca_nhan", **window).count() == 167
    # Authority and period both matter: without them the totals are larger.
    assert recipients(rf, provincial_staff, recipient_type="tap_the", since="2017-01-01",
                      until="2018-07-11").count() > 15
    assert recipients(rf, provincial_staff, recipient_type="ca_nhan", authority=seeded.pk).count() > 167
    assert recipients(rf, provincial_staff, recipient_type="ca_nhan", authority=seeded.pk, kind="thuong_xuyen",
                      since="2017-01-01", until="2018-07-11").count() < 167
    decisions = DecisionFilterSet({**window, "recipient_type": "tap_the"}, request=_request(rf, provincial_staff),
                                  queryset=Decision.objects.visible_to(provincial_staff)).qs
    assert 0 < decisions.count() <= 15


def test_the_dashboard_link_lists_the_15_collectives(seeded, client_for, provincial_staff):
    url = reverse("commendations:recipient_list") + (
        f"?recipient_type=tap_the&authority={seeded.pk}&since=2017-01-01&until=2018-07-11")
    response = client_for(provincial_staff).get(url)
    assert response.context["total"] == 15
    assert "Tìm thấy 15 lượt khen thưởng" in response.content.decode()


def test_people_commended_at_least_twice_in_one_year(seeded, rf, provincial_staff, client_for):
    def repeated(year):
        people = PeopleFilterSet({"year": year, "min_times": 2, "authority": seeded.pk},
                                 queryset=Person.objects.visible_to(provincial_staff).unmerged(),
                                 request=_request(rf, provincial_staff)).qs
        return {p.full_name: p.times for p in people}

    assert repeated(2017) == {"Nguyễn Minh Chẳng": 3, "Phạm Quốc Việt": 2}
    assert repeated(2018) == {"Nguyễn Minh Chẳng": 2, "Phạm Quốc Việt": 3}
    chang = Person.objects.get(full_name="Nguyễn Minh Chẳng")
    assert (chang.commune.name, chang.commune.parent.name) == ("Xã Hưng Thành", "Huyện Vĩnh Lợi")
    viet = Person.objects.get(full_name="Phạm Quốc Việt")
    assert (viet.commune.name, viet.commune.parent.name) == ("Phường 1", "Thành phố Bạc Liêu")

    response = client_for(provincial_staff).get(reverse("commendations:people") + "?year=2017&min_times=2")
    body = response.content.decode()
    assert "Nguyễn Minh Chẳng" in body and "Phạm Quốc Việt" in body
    assert "2017: 3" in body


def test_the_demo_is_idempotent(seeded, bac_lieu):
    counts = (Decision.objects.count(), Recipient.objects.count(), Person.objects.count())
    demo.seed(DemoContext(province=bac_lieu))
    assert (Decision.objects.count(), Recipient.objects.count(), Person.objects.count()) == counts


def test_the_decision_list_needs_a_bounded_number_of_queries(seeded, client_for, provincial_staff,
                                                             django_assert_max_num_queries):
    client = client_for(provincial_staff)
    client.get(reverse("commendations:decision_list"))  # warm the session and permissions caches
    for name in ("commendations:decision_list", "commendations:recipient_list", "commendations:people"):
        with django_assert_max_num_queries(16):  # on PostgreSQL, one reads the plan's estimate of the total
            response = client.get(reverse(name))
        assert response.status_code == 200
