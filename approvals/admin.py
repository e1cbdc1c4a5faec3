from django.contrib import admin

from accounts.permissions import ScopedAdminMixin

from .models import Event, Submission


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["at", "action", "by", "unit", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: every step goes through approvals/services.py so that it is checked and logged."""

    list_display = ["commune", "period", "status", "submitted_by", "approved_by", "approved_at"]
    list_filter = ["status", "kind", "period"]
    search_fields = ["commune__name", "period"]
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
