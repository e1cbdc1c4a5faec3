from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.permissions import ScopedAdminMixin

from .models import Member, Organization, OrganizationKind, OrganizationRating


@admin.register(OrganizationKind)
class OrganizationKindAdmin(admin.ModelAdmin):
    list_display = ["name", "is_statutory_team", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name"]


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["full_name", "gender", "birth_year", "role", "joined_on", "left_on"]
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "commune", "hamlet", "founded_on", "dissolved_on", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["search_text"]
    raw_id_fields = ["commune", "created_by", "archived_by"]
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "organization", "role", "joined_on", "left_on"]
    search_fields = ["search_text"]
    raw_id_fields = ["organization", "archived_by"]


@admin.register(OrganizationRating)
class OrganizationRatingAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["organization", "year", "rating"]
    raw_id_fields = ["organization"]
