from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin
from axes.admin import AccessLogAdmin as SignInLogAdmin
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as SignInLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AccessLog, User
from .permissions import CountryAdminMixin, ScopedAdminMixin, scoped
from .scope import sees_everywhere


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


# The roles' groups are the same in every province (accounts.roles; `sync_role_groups` sets them after every
# migrate): a province's administrator reads them; only the whole country's administrator changes one.
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(CountryAdminMixin, GroupAdmin):
    pass


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


class SignInRecordAdminMixin(ScopedAdminMixin):
    """django-axes' records of sign-ins (attempts, lockouts, sign-ins) name the officer by the user name typed:
    an administrator reads, and unlocks, those of the officers of their scope; a name that is no officer's (a
    guess) is the whole country's administrator's."""

    owner_model = User

    def scope_queryset(self, queryset, user):
        if sees_everywhere(user):
            return queryset
        return queryset.filter(username__in=scoped(User.objects.all(), user).values("username"))

    def owner_unit(self, obj):
        officer = User.objects.filter(username=obj.username).select_related("unit").first()
        return officer.unit if officer is not None else None

    def owner_field(self) -> str:
        return "username"


for _model, _admin in ((AccessAttempt, AccessAttemptAdmin), (SignInLog, SignInLogAdmin),
                       (AccessFailureLog, AccessFailureLogAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin.__name__, (SignInRecordAdminMixin, _admin), {"__module__": __name__}))
