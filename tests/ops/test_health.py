"""/healthz answers without a login, says which part is down with a 503, and tells nothing secret."""

import pytest
from django.urls import reverse

from tests.worker import free_port

pytestmark = pytest.mark.django_db


def test_healthz_needs_no_login_and_reports_each_part(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json() == {
        "status": "ok", "database": {"ok": True}, "broker": {"ok": True, "mode": "in-process"},
        "worker": {"ok": True, "mode": "in-process"}}


def test_healthz_is_503_when_the_broker_does_not_answer_and_names_no_address(client, settings):
    port = free_port()
    settings.REDIS_URL = f"redis://:secret-password@127.0.0.1:{port}/0"
    response = client.get(reverse("healthz"))
    body = response.content.decode()
    assert response.status_code == 503 and response.json()["status"] == "fail"
    assert response.json()["broker"]["ok"] is False and response.json()["database"] == {"ok": True}
    assert str(port) not in body and "secret-password" not in body and "127.0.0.1" not in body
