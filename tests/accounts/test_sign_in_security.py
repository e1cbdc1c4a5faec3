"""Signing in: lockout after wrong passwords, sessions that end, password rules, the second factor."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import SEEN, STARTED
from accounts.models import AccessLog
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse(LOGIN), {"username": user.username, "password": password}, **extra)


def code_of(device: TOTPDevice) -> str:
    """The six digits the officer's authenticator app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_an_officer_signs_in_through_the_login_form(client, commune_officer):
    response = sign_in(client, commune_officer)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("organizations:organization_list")).status_code == 200


def test_five_wrong_passwords_lock_the_account_from_that_address_and_the_lockout_is_logged(
        client, commune_officer, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _attempt in range(4):
        assert sign_in(client, commune_officer, "sai-mat-khau-1", REMOTE_ADDR="10.9.8.7").status_code == 200
    locked = sign_in(client, commune_officer, "sai-mat-khau-1", REMOTE_ADDR="10.9.8.7")
    assert locked.status_code == 429
    assert "Tài khoản bị tạm khóa đăng nhập từ máy này sau 5 lần nhập sai mật khẩu" in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, commune_officer, REMOTE_ADDR="10.9.8.7").status_code == 429
    # The lockout, and the attempt made while locked, are both in the access log.
    entries = list(AccessLog.objects.filter(action="lockout"))
    assert len(entries) == 2
    assert all(e.user == commune_officer and e.ip == "10.9.8.7" for e in entries)
    # Another machine is not locked out.
    assert sign_in(client, commune_officer, REMOTE_ADDR="10.9.8.8").status_code == 302


def test_a_session_idle_for_longer_than_the_limit_ends(client, commune_officer, settings):
    settings.SESSION_IDLE_MINUTES = 30
    sign_in(client, commune_officer)
    session = client.session
    session[SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("organizations:organization_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse(LOGIN))
    assert "Phiên làm việc đã hết hạn" in client.get(response["Location"]).content.decode()


def test_a_busy_session_still_ends_after_the_daily_limit(client, commune_officer, settings):
    settings.SESSION_MAX_HOURS = 10
    sign_in(client, commune_officer)
    session = client.session
    session[STARTED] = int(time.time()) - 10 * 3600 - 1
    session.save()
    assert client.get(reverse("organizations:organization_list")).status_code == 302


def test_an_active_session_goes_on(client, commune_officer):
    sign_in(client, commune_officer)
    session = client.session
    session[SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("organizations:organization_list")).status_code == 200


@pytest.mark.parametrize(("password", "message"), [
    ("ab12", "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự."),
    ("chimuachucaiqua", "Mật khẩu phải có cả chữ cái và chữ số."),
    ("12345678901", "Mật khẩu này hoàn toàn là số"),
    ("password123", "Mật khẩu này quá phổ biến"),
])
def test_officers_passwords_follow_the_rules_in_vietnamese(commune_officer, password, message):
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, commune_officer)
        assert any(message in text for text in refused.value.messages), refused.value.messages


def test_the_test_and_demo_passwords_are_accepted(commune_officer):
    validate_password(PASSWORD, commune_officer)
    validate_password("antq-demo-2018", commune_officer)


def test_an_administrator_must_enrol_an_authenticator_before_anything_else(client, administrator):
    response = sign_in(client, administrator)
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:otp_setup"))
    body = page.content.decode()
    assert "<svg" in body and "Khóa bí mật" in body and "style=" not in body.split("<svg", 1)[1].split("</svg>")[0]
    assert client.get(reverse("accounts:access_log")).status_code == 302
    device = TOTPDevice.objects.get(user=administrator, confirmed=False)
    done = client.post(reverse("accounts:otp_setup"), {"token": code_of(device), "next": reverse("accounts:access_log")})
    assert done["Location"] == reverse("accounts:access_log")
    assert client.get(reverse("accounts:access_log")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_is_refused_and_enrols_nothing(client, administrator):
    sign_in(client, administrator)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=administrator, confirmed=False)
    wrong = "000000" if code_of(device) != "000000" else "111111"
    response = client.post(reverse("accounts:otp_setup"), {"token": wrong})
    assert "Mã xác thực không đúng hoặc đã hết hạn" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("reports:report_list")).status_code == 302


def test_an_officer_with_an_authenticator_gives_its_code_after_the_password(client, commune_officer):
    device = TOTPDevice.objects.create(user=commune_officer, name="điện thoại", confirmed=True)
    sign_in(client, commune_officer)
    blocked = client.get(reverse("organizations:organization_list"))
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("accounts:otp_verify"))
    assert "Mã xác thực không đúng" in client.post(blocked["Location"], {"token": "12ab56"}).content.decode()
    passed = client.post(blocked["Location"], {"token": code_of(device)})
    assert passed["Location"] == reverse("organizations:organization_list")
    assert client.get(reverse("organizations:organization_list")).status_code == 200


def test_two_factor_is_optional_for_other_officers_who_may_enrol(client, commune_officer):
    sign_in(client, commune_officer)
    assert client.get(reverse("organizations:organization_list")).status_code == 200
    page = client.get(reverse("accounts:otp_setup")).content.decode()
    assert "<svg" in page and "Tài khoản quản trị phải bật" not in page


def test_a_next_address_outside_the_portal_is_ignored(client, commune_officer):
    device = TOTPDevice.objects.create(user=commune_officer, name="điện thoại", confirmed=True)
    sign_in(client, commune_officer)
    response = client.post(reverse("accounts:otp_verify"), {"token": code_of(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_create_officer_refuses_a_password_that_breaks_the_rules(ho_phong):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="chữ cái và chữ số|letters and digits"):
        call_command("create_officer", "can_bo_yeu", unit=ho_phong.code, role="data_entry", password="khongcochuso")
