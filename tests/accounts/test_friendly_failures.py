"""An expired form and a failed page keep the officer's work and place, in Vietnamese."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from organizations.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(commune_officer):
    """A browser that really checks CSRF, logged in as the Hộ Phòng officer."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(commune_officer)
    return client


def typed_organization(ho_phong, **fields) -> dict:
    kind = OrganizationKind.objects.get(name="Tổ an ninh nhân dân")
    return {"name": "Tổ an ninh nhân dân khóm 4", "kind": kind.pk, "commune": ho_phong.pk, "hamlet": "Khóm 4",
            "founded_on": "01/03/2016", "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
            "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0", **fields}


def test_an_expired_form_gets_a_vietnamese_page_that_offers_the_typed_data_back(browser, ho_phong):
    url = reverse("organizations:organization_create")
    browser.get(url)  # the form page sets the CSRF cookie
    data = typed_organization(ho_phong, notes="<script>alert(1)</script> họp tổ", csrfmiddlewaretoken="het-han" * 8)
    response = browser.post(url, data, HTTP_REFERER=f"http://testserver{url}")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Trang đã hết hạn" in body and "Chưa có gì được lưu" in body
    assert 'class="main-nav"' in body  # inside the portal, menu and all
    assert not Organization.objects.exists()
    # The typed values, escaped, in a form posting to the same address with a fresh token.
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; họp tổ" in body
    assert f'action="{url}"' in body and 'value="Tổ an ninh nhân dân khóm 4"' in body
    fresh = re.search(r'<form method="post" action="[^"]*" class="csrf-resend"><input type="hidden" '
                      r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    resent = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body))
    resent["csrfmiddlewaretoken"] = fresh
    resent = {name: html.unescape(value) for name, value in resent.items()}
    response = browser.post(url, resent)
    assert response.status_code == 302
    assert Organization.objects.get().notes == "<script>alert(1)</script> họp tổ"


def test_a_post_from_another_site_is_refused_without_offering_its_data_back(browser, ho_phong):
    url = reverse("organizations:organization_create")
    response = browser.post(url, typed_organization(ho_phong), HTTP_ORIGIN="https://ke-gian.example")
    body = response.content.decode()
    assert response.status_code == 403 and "Trang đã hết hạn" in body
    assert "Tổ an ninh nhân dân khóm 4" not in body and "Gửi lại" not in body


@pytest.mark.urls("tests.accounts.failing_urls")
def test_a_failed_page_keeps_the_officers_place(commune_officer):
    client = Client(raise_request_exception=False)
    client.force_login(commune_officer)
    response = client.get("/trang-loi/?trang=2")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Lỗi hệ thống" in body and 'class="main-nav"' in body
    assert 'href="/trang-loi/?trang=2"' in body and "Quay lại trang bạn đang xem" in body
