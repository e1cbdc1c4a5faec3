from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.permissions import ScopedAdminMixin

from .models import Authority, CommendationForm, Decision, Person, Recipient


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order"]
    list_editable = ["sort_order"]


@admin.register(CommendationForm)
class CommendationFormAdmin(admin.ModelAdmin):
    list_display = ["name", "once_per_person", "sort_order"]
    list_editable = ["once_per_person", "sort_order"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    raw_id_fields = ["person", "organization", "deployment", "commune", "archived_by"]


@admin.register(Decision)
class DecisionAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "decided_on", "authority", "form", "kind", "archived_at"]
    list_filter = ["authority", "form", "kind", "year"]
    search_fields = ["number", "search_text"]
    raw_id_fields = ["issuing_unit", "created_by", "archived_by"]
    inlines = [RecipientInline]


@admin.register(Person)
class PersonAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "birth_year", "commune", "merged_into"]
    search_fields = ["full_name", "search_text"]
    raw_id_fields = ["commune", "member", "merged_into", "archived_by"]
