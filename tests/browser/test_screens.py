"""The main pages of every role, at a desktop (1366 px) and a phone (390 px) width, in the real browser.

One seeding of the demo and one browser context per role: each page is loaded once per width and
screenshotted into test-artifacts/screenshots/ (kept by CI), then checked for what an officer would
notice: the page scrolling sideways, buttons or fields lying on top of each other, JavaScript errors,
and axe's serious or critical accessibility findings.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from organizations.models import Organization

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("ANTQ_SCREENSHOTS", settings.BASE_DIR / "test-artifacts" / "screenshots"))
ROLES = "hophong,giarai,tonghop,lanhdao,quantri"  # ANTQ_SCREEN_ROLES=tonghop looks at one role only
WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}
DEMO_DASHBOARD = "?as_of=2018-07-11&since=2017-01-01"

# Interactive elements whose boxes must not cover one another (the map's cells share their borders
# and are left out; a scrolling table box may hide its own overflow).
OVERLAPS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const boxes = [...document.querySelectorAll(selector)]
    .filter(el => !el.closest('svg') && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}))
    // A link wrapping over two lines is two boxes: compare the boxes, not their hull.
    .flatMap(el => [...el.getClientRects()].map(r => ({el, r})))
    .filter(({r}) => r.width > 0 && r.height > 0);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 2 && h > 2) found.push(`${a.el.outerHTML.slice(0, 80)} / ${b.el.outerHTML.slice(0, 80)}`);
    }
  }
  return found.slice(0, 5);
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


# Each role's own work, so that every main page is seen by someone at both widths without loading
# each one five times: the commune officer's forms, the district's and province's lists.
PAGES = {
    "hophong": ("to-chuc-moi", "to-chuc-sua", "thanh-vien"),
    "giarai": ("khen-thuong",),
    "tonghop": ("thanh-vien", "mo-hinh", "khen-thuong", "bao-cao"),
    "lanhdao": ("bao-cao",),
    "quantri": ("mo-hinh",),
}


def _pages_for(user: User) -> dict[str, str]:
    organization = Organization.objects.visible_to(user).order_by("pk").first()
    paths = {
        "tong-quan": reverse("reports:dashboard") + DEMO_DASHBOARD,
        "to-chuc": reverse("organizations:organization_list"),
        "thanh-vien": reverse("organizations:member_list"),
        "to-chuc-moi": reverse("organizations:organization_create"),
        "to-chuc-sua": reverse("organizations:organization_update", args=[organization.pk]),
        "mo-hinh": reverse("models_registry:model_list"),
        "khen-thuong": reverse("commendations:decision_list"),
        "bao-cao": reverse("reports:report_list"),
    }
    return {name: paths[name] for name in ("tong-quan", "to-chuc", *PAGES[user.username])}


def _signed_in(browser, user: User, live_server, width: int, height: int):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    context.set_default_timeout(15_000)
    return context


def _check(page, name: str, errors: list[str], *, axe: bool) -> list[str]:
    problems = [f"{name}: {e}" for e in errors]
    if (overflow := page.evaluate(OVERFLOW)) > 0:
        problems.append(f"{name}: the page scrolls sideways by {overflow}px")
    problems += [f"{name}: overlapping {pair}" for pair in page.evaluate(OVERLAPS)]
    for violation in Axe().run(page).response["violations"] if axe else []:
        if violation["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in violation["nodes"][:3]]
            problems.append(f"{name}: axe {violation['id']} ({violation['impact']}) at {targets}")
    return problems


@pytest.fixture
def seeded(transactional_db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = False  # the second factor has its own tests
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_every_role_s_main_pages_fit_a_desktop_and_a_phone(browser, live_server, seeded, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for username in os.environ.get("ANTQ_SCREEN_ROLES", ROLES).split(","):
        user = User.objects.get(username=username)
        for width_name, (width, height) in WIDTHS.items():
            context = _signed_in(browser, user, live_server, width, height)
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text))
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            for page_name, path in _pages_for(user).items():
                name = f"{username}-{width_name}-{page_name}"
                response = page.goto(live_server.url + path)
                page.wait_for_load_state("networkidle")
                if response.status != 200:
                    problems.append(f"{name}: HTTP {response.status}")
                    continue
                page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
                # axe once per page, at the phone width (test_accessibility covers the desktop)
                problems += _check(page, name, errors, axe=width_name == "phone")
                errors.clear()
            context.close()
    (SCREENSHOTS / "problems.txt").write_text("\n".join(problems), encoding="utf-8")
    assert problems == []
