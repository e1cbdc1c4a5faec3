from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "unit", "is_active"]
    list_filter = ["groups", "is_active"]
    raw_id_fields = ["unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Phạm vi"), {"fields": ["unit", "position"]}),
    ]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: an entry of the access log is evidence, nobody edits it."""

    list_display = ["at", "username", "action", "target", "rows", "ip"]
    list_filter = ["action"]
    search_fields = ["username", "target", "ip"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
