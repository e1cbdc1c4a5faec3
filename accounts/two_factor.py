"""Two-factor sign-in (TOTP through django-otp): who must use it, and the enrolment QR code."""

import segno
from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import Role


def requires_two_factor(user) -> bool:
    """Administrators (and anyone who reaches the Django admin) may not work without a second factor."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS", True):
        return False
    return user.is_staff or user.has_role(Role.ADMINISTRATOR)


def confirmed_device(user) -> TOTPDevice | None:
    return next(iter(devices_for_user(user, confirmed=True)), None)


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: one unconfirmed TOTP device per officer, reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=str(settings.OTP_TOTP_ISSUER), confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code drawn on the server (no CDN, no script, no inline style)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff",
                                                              omitsize=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for an authenticator app without a camera."""
    import base64

    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
