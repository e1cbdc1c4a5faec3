from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.permissions import ScopedAdminMixin

from .models import (
    CrimePreventionModel,
    Deployment,
    DeploymentResult,
    FieldOfWork,
    Recognition,
    ResultIndicator,
)


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name"]


@admin.register(ResultIndicator)
class ResultIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit_label", "sort_order"]
    list_editable = ["unit_label", "sort_order"]
    search_fields = ["name"]


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0


@admin.register(CrimePreventionModel)
class CrimePreventionModelAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "field", "founding_unit", "status", "archived_at"]
    list_filter = ["field", "status"]
    search_fields = ["name"]
    raw_id_fields = ["founding_unit"]
    readonly_fields = ["created_by", "archived_at", "archived_by"]
    inlines = [RecognitionInline]


@admin.register(Recognition)
class RecognitionAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["model", "level", "authority", "decision_number", "decided_on", "valid_until"]
    list_filter = ["level"]
    search_fields = ["model__name", "decision_number"]
    raw_id_fields = ["model"]


@admin.register(Deployment)
class DeploymentAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["model", "commune", "place", "started_on", "ended_on", "archived_at"]
    list_select_related = ["model", "commune"]
    search_fields = ["model__name", "commune__name", "place"]
    raw_id_fields = ["commune", "host_organization"]
    readonly_fields = ["created_by", "archived_at", "archived_by"]


@admin.register(DeploymentResult)
class DeploymentResultAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["deployment", "year", "indicator", "value"]
    list_select_related = ["deployment__model", "deployment__commune", "indicator"]
    list_filter = ["year", "indicator"]
    raw_id_fields = ["deployment"]
