from django.contrib import admin

from accounts.permissions import ScopedAdminMixin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The imports of the officers of the administrator's scope (accounts.permissions: by the importer's unit)."""

    list_display = ["original_name", "registry", "created_by", "created_at", "stage", "status", "total_rows",
                    "error_count", "saved"]
    list_filter = ["registry", "stage", "status", "saved"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
