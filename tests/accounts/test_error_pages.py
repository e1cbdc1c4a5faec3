"""Refused, missing and failed pages speak Vietnamese and keep the portal's layout."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from organizations.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db


def test_a_page_outside_the_scope_is_a_vietnamese_404_inside_the_portal(client_for, commune_officer,
                                                                      phuong_1_bac_lieu):
    kind = OrganizationKind.objects.first()
    elsewhere = Organization.objects.create(name="Tổ hòa giải khóm 5", kind=kind, commune=phuong_1_bac_lieu)
    response = client_for(commune_officer).get(reverse("organizations:organization_detail", args=[elsewhere.pk]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body and "ngoài phạm vi dữ liệu của bạn" in body
    assert 'class="main-nav"' in body and "Tổ hòa giải khóm 5" not in body


def test_a_refused_action_says_why_in_vietnamese(client_for, leader):
    response = client_for(leader).get(reverse("imports:import_start"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in body and "chỉ được xem, không được nhập dữ liệu" in body


def test_a_server_error_page_needs_nothing_but_itself():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Lỗi hệ thống" in response.content.decode()
