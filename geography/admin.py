from django.contrib import admin

from accounts.permissions import CountryAdminMixin

from .models import AdministrativeUnit, UnitSuccession


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(CountryAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "level", "layout", "parent"]
    list_filter = ["layout", "level", "kind"]
    search_fields = ["code", "name", "search_name"]
    raw_id_fields = ["parent"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(CountryAdminMixin, admin.ModelAdmin):
    list_display = ["old_unit", "new_unit", "is_default"]
    raw_id_fields = ["old_unit", "new_unit"]
