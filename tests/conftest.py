"""The people of every story: officers of two communes, a district, the province, a leader."""

from types import SimpleNamespace

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.services import officer_create
from accounts.two_factor import requires_two_factor
from geography.loaders import ensure_province
from geography.models import AdministrativeUnit

PASSWORD = "mat-khau-thu-nghiem-2018"


@pytest.fixture
def bac_lieu(db) -> AdministrativeUnit:
    """Bạc Liêu province in the pre-2025 layout (1 province, 7 districts, 64 communes)."""
    return ensure_province("Bạc Liêu")


def _unit(province: AdministrativeUnit, name: str, parent: str | None = None) -> AdministrativeUnit:
    units = AdministrativeUnit.objects.subtree(province).filter(name=name)
    if parent:
        units = units.filter(parent__name=parent)
    return units.get()


@pytest.fixture
def gia_rai(bac_lieu):
    return _unit(bac_lieu, "Thị xã Giá Rai")


@pytest.fixture
def ho_phong(bac_lieu):
    return _unit(bac_lieu, "Phường Hộ Phòng", "Thị xã Giá Rai")


@pytest.fixture
def phuong_1_bac_lieu(bac_lieu):
    """A commune outside Giá Rai: Phường 1 of Bạc Liêu city."""
    return _unit(bac_lieu, "Phường 1", "Thành phố Bạc Liêu")


@pytest.fixture
def make_officer(db):
    def make(username: str, unit: AdministrativeUnit, role: Role = Role.DATA_ENTRY) -> User:
        return officer_create(username=username, unit=unit, role=role, password=PASSWORD,
                              full_name=f"Cán bộ {username}")
    return make


@pytest.fixture
def commune_officer(make_officer, ho_phong) -> User:
    return make_officer("xa_hophong", ho_phong)


@pytest.fixture
def other_commune_officer(make_officer, phuong_1_bac_lieu) -> User:
    return make_officer("xa_phuong1", phuong_1_bac_lieu)


@pytest.fixture
def district_officer(make_officer, gia_rai) -> User:
    return make_officer("huyen_giarai", gia_rai)


@pytest.fixture
def provincial_staff(make_officer, bac_lieu) -> User:
    return make_officer("tinh_tonghop", bac_lieu, Role.REPORTING)


@pytest.fixture
def leader(make_officer, bac_lieu) -> User:
    return make_officer("tinh_lanhdao", bac_lieu, Role.LEADERSHIP)


@pytest.fixture
def administrator(make_officer, bac_lieu) -> User:
    user = make_officer("quantri", bac_lieu, Role.ADMINISTRATOR)
    user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client, logged in as that user (with their second factor given,
    for an administrator, who must have one)."""
    def login(user: User):
        client.force_login(user)
        if requires_two_factor(user):
            verify_second_factor(client, user)
        return client
    return login


def verify_second_factor(client, user: User) -> None:
    """What typing the authenticator's code does: the session is bound to a confirmed TOTP device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Passwords hashed with MD5 in the tests, as Django's testing guide advises: the production
    PBKDF2 costs a quarter of a second per officer created or signed in, minutes over the suite, and
    no test is about the hash's strength. Sign-in still checks the password against the stored hash;
    PBKDF2 stays listed so that a hash made with it is still verified."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher",
                                             "django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def vietnamese_to_start_with():
    """Every test starts in Vietnamese: the test client serves requests in the test's own thread, where a page
    asked in English leaves English active for what the next test of that process calls directly (a service's
    refusal message). Which test ran before depends on how the tests were shared out."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def celery_tasks_in_process():
    """Tasks run in-process in every test (even with REDIS_URL set, as in CI) so that no test
    waits on a broker without a worker; the real-worker test switches this off itself."""
    from antq_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def ca_mau_today(bac_lieu) -> AdministrativeUnit:
    """Today's Tỉnh Cà Mau (2025 layout, Bạc Liêu merged in), with the old → new mapping and both
    old provinces: code 96 and the name "Cà Mau" then exist in both layouts."""
    from geography.models import Layout

    return ensure_province("Cà Mau", layout=Layout.Y2025)


@pytest.fixture
def browser_for(db):
    """`browser_for(user)`: a test client of its own (its own session), for stories with two officers."""
    from django.test import Client

    def open_browser(user: User):
        browser = Client()
        browser.force_login(user)
        return browser
    return open_browser


def pytest_collection_modifyitems(items):
    """The tests that read the demo run after every other test of their process (a stable sort keeps the
    rest of the order), so that the demo is seeded once per process (`demo`) and no test that expects an
    empty database (or a live server's committed one) runs while it is there. pytest-xdist hands tests to
    its processes in this order, each process running its share in order."""
    items.sort(key=lambda item: "demo" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker) -> SimpleNamespace:
    """The demo data (2018 Bạc Liêu and today's Cà Mau, as `make run` shows them), seeded once per test
    process, inside a transaction rolled back when the process ends; `demo.printed` is what seed_demo
    printed. Its tests only read it: each test's own changes are rolled back with the test, and the tests
    that ask for it run last (pytest_collection_modifyitems)."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection, transaction

    printed = StringIO()
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=printed)
            if connection.vendor == "postgresql":
                # The seed, never committed, leaves its deferred foreign-key checks pending; Django's TestCase
                # runs them at the end of every test (SET CONSTRAINTS ALL IMMEDIATE inside the test's savepoint,
                # whose rollback queues them again): 0.2 s a test. The same check, once, before any test.
                connection.check_constraints()
            yield SimpleNamespace(printed=printed.getvalue())
            transaction.set_rollback(True)
        # Closed here, by the connection object that seeded: once the session's Chromium (Playwright's sync
        # API) has run in this process, the tests' thread sees another connection object than the one the
        # test database was set up with, and dropping that database waited for this one, then gave up.
        connection.close()
