from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AccessLog, User
from .permissions import ScopedAdminMixin


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    """The officers kept at the units of the administrator's scope (accounts.permissions); a new one is given
    a unit in it. Only a superuser grants superuser status or permissions outside the roles."""

    list_display = ["username", "get_full_name", "unit", "is_active"]
    list_filter = ["groups", "is_active"]
    raw_id_fields = ["unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Phạm vi"), {"fields": ["unit", "position"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Phạm vi"), {"fields": ["unit", "position"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields


# django-otp's own admin of the TOTP devices, scoped like every other (the devices of the scope's officers);
# no administrator reads a device's secret there (settings.OTP_ADMIN_HIDE_SENSITIVE_DATA).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class OfficerTOTPDeviceAdmin(ScopedAdminMixin, TOTPDeviceAdmin):
    pass


@admin.register(AccessLog)
class AccessLogAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: an entry of the access log is evidence, nobody edits or deletes it (the retention job purges)."""

    list_display = ["at", "username", "action", "target", "rows", "ip"]
    list_filter = ["action"]
    search_fields = ["username", "target", "ip"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
