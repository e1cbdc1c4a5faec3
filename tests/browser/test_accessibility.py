"""Every main page passes the axe-core accessibility rules in the real browser: labels, contrast,
landmarks, names of links and buttons, ARIA used as specified.

axe-core comes bundled with the axe-playwright-python package (no CDN) and is injected by the
test driver, not served by the portal.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from commendations.models import Decision
from models_registry.models import CrimePreventionModel, Deployment
from organizations.models import Organization

pytestmark = pytest.mark.browser


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{page.url}: {v['id']} ({v['impact']}) {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]]


def test_the_main_pages_have_no_accessibility_violations(page, login, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto(live_server.url + reverse("accounts:login"))
    found = violations(page)

    officer = User.objects.get(username="tonghop")
    login(page, officer, password="antq-demo-2018")
    # Bạc Liêu's records (the demo also has today's Cà Mau, outside this officer's scope).
    organization = Organization.objects.visible_to(officer).filter(members__isnull=False).first()
    paths = [
        reverse("reports:dashboard") + "?as_of=2018-07-11&since=2017-01-01",
        reverse("organizations:organization_list"),
        reverse("organizations:member_list"),
        reverse("organizations:organization_create"),
        reverse("organizations:organization_detail", args=[organization.pk]),
        reverse("models_registry:model_list"),
        reverse("models_registry:model_detail", args=[CrimePreventionModel.objects.first().pk]),
        reverse("models_registry:deployment_detail", args=[Deployment.objects.visible_to(officer).first().pk]),
        reverse("commendations:decision_list"),
        reverse("commendations:decision_create"),
        reverse("commendations:decision_detail", args=[Decision.objects.visible_to(officer).first().pk]),
        reverse("commendations:people"),
        reverse("reports:report_list"),
        reverse("imports:import_start"),
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        found += violations(page)
    assert found == []
    assert page.console_errors == []
