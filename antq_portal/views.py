import logging

from django.http import HttpResponseForbidden, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# Form fields that are machinery, not what the officer typed: not listed back to them.
_MACHINERY_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
_NOT_RESENT = ("csrfmiddlewaretoken",)


def home(request):
    """Leadership and staff land on the dashboard once it is installed."""
    try:
        return redirect(reverse("reports:dashboard"))
    except NoReverseMatch:
        return render(request, "home.html")


def _same_site_referer(request) -> str | None:
    """The page the request came from, when it is one of the portal's own."""
    referer = request.headers.get("Referer") or ""
    allowed = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return referer if referer and allowed else None


def _came_from_the_portal(request) -> bool:
    origin = request.headers.get("Origin")
    if origin:
        return url_has_allowed_host_and_scheme(origin + "/", allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())
    return _same_site_referer(request) is not None


def csrf_failure(request, reason: str = ""):
    """The page expired (a long pause, a new login in another tab): say so in Vietnamese, and when
    the post came from one of the portal's own pages offer what was typed back, in a form that
    posts to the same address with a fresh token. A post from anywhere else is not offered back:
    that would turn the refusal into a button that sends a stranger's data."""
    resend = []
    if request.method == "POST" and _came_from_the_portal(request):
        resend = [(name, value) for name, values in request.POST.lists() for value in values
                  if name not in _NOT_RESENT and "password" not in name.lower()]
    typed = [(name, value) for name, value in resend
             if value.strip() and not name.endswith(_MACHINERY_SUFFIXES) and not name.startswith("_")]
    context = {"resend": resend, "typed": typed, "action": request.get_full_path(), "files_lost": bool(
        resend and request.FILES), "back_url": _same_site_referer(request)}
    if resend:
        get_token(request)  # a fresh token (and cookie) for the form offered back
    try:
        return render(request, "403_csrf.html", context, status=403)
    except Exception:  # the refusal must still be a refusal, whatever breaks while dressing it
        logger.exception("rendering the CSRF failure page failed")
        return HttpResponseForbidden("Trang đã hết hạn. Hãy tải lại trang rồi nhập lại.",
                                     content_type="text/plain; charset=utf-8")


def server_error(request):
    """A 500 inside the portal's layout (menu, a link back to the page the officer was on); if even
    that fails (the database is down), the plain page that needs nothing."""
    back_url = request.get_full_path() if request.method == "GET" else _same_site_referer(request)
    try:
        return render(request, "500.html", {"back_url": back_url, "in_portal": True}, status=500)
    except Exception:
        logger.exception("rendering the 500 page inside the layout failed")
    try:
        return HttpResponseServerError(loader.get_template("500_plain.html").render({"back_url": back_url}))
    except Exception:
        return HttpResponseServerError("Lỗi hệ thống.", content_type="text/plain; charset=utf-8")
