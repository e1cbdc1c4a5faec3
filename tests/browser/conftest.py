"""Browser tests: the real Debian Chromium, driven by Playwright's sync API, against pytest-django's
`live_server` (static files are served by it, so portal.js and htmx run as in production).

Fixtures, for any app's browser tests (mark them ``@pytest.mark.browser``):

- ``browser``: one Chromium for the session (``/usr/bin/chromium``). Missing → the test is skipped,
  unless ``ANTQ_REQUIRE_REAL_SERVICES=1`` (CI), where it fails.
- ``page``: a fresh browser context and page per test (Vietnamese locale, 10 s timeouts), on a clean
  transactional database shared with the live server. ``page.console_errors`` lists JavaScript errors.
- ``live_url(name, *args, **query)``: absolute URL of a named route on the live server.
- ``login(page, user, password=PASSWORD)``: logs in through the real login form; returns the page.

Example::

    @pytest.mark.browser
    def test_it(page, login, live_url, commune_officer):
        login(page, commune_officer)
        page.goto(live_url("organizations:organization_list"))

While the browser runs, ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: Playwright's sync API keeps an event
loop in the test thread, and the test itself still uses the ORM synchronously.
"""

import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    required = os.environ.get("ANTQ_REQUIRE_REAL_SERVICES") == "1"
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install the Debian chromium package"
        pytest.fail(message) if required else pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev dependency
        pytest.fail("playwright is not installed") if required else pytest.skip("playwright is not installed")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    new_page.console_errors = []
    # JavaScript errors only: a missing favicon is not one.
    new_page.on("console", lambda msg: msg.type == "error" and not msg.text.startswith("Failed to load resource")
                and new_page.console_errors.append(msg.text))
    new_page.on("pageerror", lambda error: new_page.console_errors.append(str(error)))
    try:
        yield new_page
    finally:
        context.close()


@pytest.fixture
def live_url(live_server):
    def url(name: str, *args, **query) -> str:
        path = reverse(name, args=args)
        return f"{live_server.url}{path}" + (f"?{urlencode(query)}" if query else "")
    return url


@pytest.fixture
def login(live_url):
    def log_in(page, user, password: str = PASSWORD):
        page.goto(live_url("accounts:login"))
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        assert "dang-nhap" not in page.url, "login failed"
        return page
    return log_in
