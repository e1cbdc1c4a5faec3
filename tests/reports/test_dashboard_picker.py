"""The dashboard's unit picker reads a name or a code with the one unit parser, inside the scope only."""

import html

import pytest
from django.urls import reverse

from accounts.models import User
from geography.models import Layout

pytestmark = pytest.mark.django_db


def test_a_name_opens_that_units_dashboard_keeping_the_dates(client_for, leader, bac_lieu):
    client = client_for(leader)
    response = client.get(reverse("reports:dashboard"), {"unit": "Phường 1, TX Giá Rai", "as_of": "2018-07-11"})
    assert response.status_code == 302
    ward = bac_lieu.children.get(name="Thị xã Giá Rai").children.get(name="Phường 1")
    assert response.url.startswith(reverse("reports:dashboard_unit", args=[ward.pk]))
    assert "as_of=2018-07-11" in response.url


def test_an_ambiguous_name_or_a_unit_outside_the_scope_is_said_on_the_page(client_for, leader, ca_mau_today):
    client = client_for(leader)
    page = html.unescape(client.get(reverse("reports:dashboard"), {"unit": "Phường 1", "as_of": "2018-07-11"})
                         .content.decode())
    assert "chỉ nhiều đơn vị" in page and "Thành phố Bạc Liêu" in page and "Thị xã Giá Rai" in page
    assert "Thành phố Cà Mau" not in page  # candidates outside the scope are not even named
    page = html.unescape(client.get(reverse("reports:dashboard"), {"unit": "96"}).content.decode())
    assert "Không tìm thấy đơn vị hành chính “96”" in page


def test_the_whole_country_picks_code_96_in_the_layout_of_the_date(client, ca_mau_today):
    admin = User.objects.create_superuser("toanquoc", password="x-2026-antq")
    client.force_login(admin)
    response = client.get(reverse("reports:dashboard"), {"unit": "96"})
    assert response.url.startswith(reverse("reports:dashboard_unit", args=[ca_mau_today.pk]))
    response = client.get(reverse("reports:dashboard"), {"unit": "96", "as_of": "2018-07-11"})
    old = ca_mau_today.__class__.objects.get(layout=Layout.LEGACY, code="96")
    assert response.url.startswith(reverse("reports:dashboard_unit", args=[old.pk]))
