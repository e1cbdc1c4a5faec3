from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login

from antq_portal.lists import RegistryListView

from . import tables, two_factor
from .filtersets import AccessLogFilterSet
from .models import AccessLog
from .roles import Role


class AccessLogListView(RegistryListView):
    """Administrators read who saw personal data, exported or downloaded what, when and from where."""

    template_name = "accounts/access_log.html"
    filterset_class = AccessLogFilterSet
    table = tables.ACCESS_LOG

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_role(Role.ADMINISTRATOR):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        return AccessLog.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "retention_days": settings.ACCESS_LOG_RETENTION_DAYS}


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Mã xác thực (6 chữ số)"), max_length=8, strip=True,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                          "autofocus": True, "size": "8"}))

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(_("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng."))
        return token


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def otp_verify(request):
    """The second step of signing in, for an officer who has an authenticator app."""
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:otp_setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


def otp_setup(request):
    """Enrol an authenticator app: scan the QR code, type the code it shows; required for administrators."""
    if request.user.is_verified() or two_factor.confirmed_device(request.user) is not None:
        messages.info(request, _("Tài khoản đã bật xác thực hai bước."))
        return redirect(_next_url(request))
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Đã bật xác thực hai bước. Từ nay mỗi lần đăng nhập cần nhập mã từ ứng dụng."))
        return redirect(_next_url(request))
    return render(request, "accounts/otp_setup.html", {
        "form": form, "next": _next_url(request), "qr": mark_safe(two_factor.qr_svg(device)),  # noqa: S308 (segno's own SVG)
        "secret": two_factor.secret_for_typing(device), "required": two_factor.requires_two_factor(request.user),
    })
