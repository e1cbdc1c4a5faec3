"""The seed article's figures: 4,354 organizations and 17,077 members on 11/07/2018."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from organizations.models import Member, Organization

pytestmark = pytest.mark.django_db

REPORT_DAY = date(2018, 7, 11)


def _figures(user):
    organizations = Organization.objects.visible_to(user).active_on(REPORT_DAY)
    members = Member.objects.visible_to(user).active_on(REPORT_DAY).filter(organization__in=organizations)
    return organizations.count(), members.count()


def test_the_demo_gives_the_articles_figures_and_the_same_rows_on_every_run(demo, provincial_staff, client_for):
    assert _figures(provincial_staff) == (4354, 17077)
    first = sorted(Organization.objects.values_list("pk", "name", "commune_id", "founded_on", "dissolved_on"))
    members = sorted(Member.objects.values_list("pk", "full_name", "organization_id", "joined_on", "left_on"))

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _figures(provincial_staff) == (4354, 17077)
    assert sorted(Organization.objects.values_list("pk", "name", "commune_id", "founded_on", "dissolved_on")) == first
    assert sorted(Member.objects.values_list("pk", "full_name", "organization_id", "joined_on", "left_on")) == members

    # "Active on the date" is meaningful: some are not, and some are archived.
    assert Organization.objects.current().count() > 4354
    assert Organization.objects.filter(archived_at__isnull=False).exists()
    assert Member.objects.filter(left_on__lt=REPORT_DAY, organization__dissolved_on__isnull=True).exists()
    assert Organization.objects.active_on(REPORT_DAY).values("commune").distinct().count() == 64
    for name, commune in [("Câu lạc bộ “Người hoàn lương”", "Phường Hộ Phòng"),
                          ("Tổ giáo dân tự quản về ANTT", "Phường Hộ Phòng"),
                          ("Tổ tự quản rừng phòng hộ về ANTT", "Xã Vĩnh Thịnh")]:
        assert Organization.objects.get(name=name).commune.name == commune

    # The lists show the same figures a dashboard links to.
    client = client_for(provincial_staff)
    orgs_page = client.get(reverse("organizations:organization_list"), {"active_on": "2018-07-11"})
    assert "4.354 tổ chức" in orgs_page.content.decode()
    members_page = client.get(reverse("organizations:member_list"), {"active_on": "2018-07-11"})
    assert "17.077 lượt thành viên" in members_page.content.decode()
