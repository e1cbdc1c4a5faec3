"""Session limits and the second sign-in factor, enforced on every request after authentication."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from antq_portal.paths import path_to

from .two_factor import requires_two_factor

STARTED = "antq_signed_in_at"
SEEN = "antq_seen_at"
# Activity is written to the session at most this often, so polling pages do not write every second.
SEEN_RESOLUTION = 60


def mark_signed_in(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the clock of the session's hard limit starts now."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now


class SessionLimitsMiddleware:
    """Ends a session idle for SESSION_IDLE_MINUTES, and any session SESSION_MAX_HOURS after sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(STARTED, now)
            seen = request.session.setdefault(SEEN, now)
            if now - seen > settings.SESSION_IDLE_MINUTES * 60 or now - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            elif now - seen >= SEEN_RESOLUTION:
                request.session[SEEN] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """A signed-in officer who has a TOTP device, or must have one, does nothing before giving the code."""

    EXEMPT = ("accounts:otp_verify", "accounts:otp_setup", "accounts:logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._exempt(request.path):
            if user.has_second_factor:
                return self._to("accounts:otp_verify", request)
            if requires_two_factor(user):
                return self._to("accounts:otp_setup", request)
        return self.get_response(request)

    def _exempt(self, path: str) -> bool:
        return path.startswith(f"/{settings.STATIC_URL.strip('/')}/") or path in {path_to(n) for n in self.EXEMPT}

    @staticmethod
    def _to(name: str, request):
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class PersonalDataLogMiddleware:
    """One access-log entry for each request that showed personal data unmasked (page, export, file):
    who, when, from where, which kinds and how many values (antq_portal.personal_data.reveal counts them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from antq_portal import personal_data

        token = personal_data.start_counting()
        try:
            response = self.get_response(request)
        finally:
            revealed = personal_data.stop_counting(token)
        if revealed and request.user.is_authenticated:
            from .access_log import Action, log_access

            log_access(request, Action.VIEW_PERSONAL, request.path, rows=sum(revealed.values()),
                       detail={"kinds": dict(revealed)})
        return response
