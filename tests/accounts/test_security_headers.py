"""Every portal page forbids code and assets from anywhere but the portal itself."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_that_allows_only_the_portal(client, commune_officer):
    login_page = client.get(reverse("accounts:login"))
    client.force_login(commune_officer)
    page = client.get(reverse("organizations:organization_list"))
    for response in (login_page, page):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy
        assert response["X-Frame-Options"] == "DENY"


def test_htmx_is_told_not_to_inject_a_style_the_policy_would_refuse(client, commune_officer):
    client.force_login(commune_officer)
    html = client.get(reverse("organizations:organization_list")).content.decode()
    assert '"includeIndicatorStyles": false' in html
