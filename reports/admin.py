from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "unit", "as_of", "status", "progress", "schedule", "requested_by", "requested_at"]
    list_filter = ["kind", "status", "schedule"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False
