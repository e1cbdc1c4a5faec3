import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# healthz: for monitors, says only ok/fail per part (tests/ops/test_health.py).
PUBLIC = {"accounts:login", "set_language", "healthz"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name


def _example_path(route: str) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(?:[a-z]+:)?[^>]+>", "x", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", route)
    return "/" + route


def test_every_url_but_login_requires_login(client):
    checked = 0
    for route, name in _walk(get_resolver().url_patterns):
        if name in PUBLIC or route.startswith("quan-tri/"):
            continue
        path = _example_path(route)
        response = client.get(path)
        assert response.status_code in (302, 404, 405), f"{path} answered {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login")), path
            checked += 1
    assert checked >= 1


def test_the_login_page_speaks_vietnamese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert 'lang="vi"' in response.content.decode()


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client, commune_officer):
    response = client.post(reverse("accounts:login"), {"username": commune_officer.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập và mật khẩu chính xác" in response.content.decode()


def test_the_page_shows_the_officer_and_their_scope(client_for, commune_officer):
    response = client_for(commune_officer).get(reverse("home"), follow=True)
    body = response.content.decode()
    assert "Cán bộ xa_hophong" in body
    assert "Phường Hộ Phòng" in body


def test_an_english_browser_still_gets_vietnamese(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Tên đăng nhập" in response.content.decode()


def test_an_officer_can_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert 'lang="en"' in response.content.decode()
    assert "Username" in response.content.decode()


def test_in_english_the_registry_pages_are_english_too(client, commune_officer):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.force_login(commune_officer)
    body = client.get(reverse("organizations:organization_list")).content.decode()
    assert "Mass organization" in body and "Tổ chức quần chúng" not in body
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Overview" in body and "Tổng quan" not in body
    body = client.get(reverse("approvals:overview")).content.decode()
    assert "All communes" in body and "Tất cả xã" not in body
    assert "Quarter" in body and "Half-year" in body and ">Quý<" not in body


def test_the_language_button_names_the_other_language_in_its_own_words(client):
    assert ">English</button>" in client.get(reverse("accounts:login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Tiếng Việt</button>" in client.get(reverse("accounts:login")).content.decode()
