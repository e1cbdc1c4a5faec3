from django.contrib import admin
from django_celery_beat.admin import (
    ClockedScheduleAdmin,
    CrontabScheduleAdmin,
    IntervalScheduleAdmin,
    PeriodicTaskAdmin,
    PeriodicTaskInline,
    SolarScheduleAdmin,
)
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from accounts.permissions import CountryAdminMixin, ScopedAdminMixin
from geography.models import AdministrativeUnit

from .models import Report
from .schedules import scheduled_unit_id, schedules_in_scope


@admin.register(Report)
class ReportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "kind", "unit", "as_of", "status", "progress", "schedule", "requested_by", "requested_at"]
    list_filter = ["kind", "status", "schedule"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False


# The report schedules are django-celery-beat's periodic tasks: its admin, scoped like every other.
admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class ReportScheduleAdmin(ScopedAdminMixin, PeriodicTaskAdmin):
    """An administrator has the report schedules of their scope's units (schedules.schedules_in_scope) and may
    point one only at a unit in it; the system's own periodic tasks are the whole country's administrator's."""

    def scope_queryset(self, queryset, user):
        return schedules_in_scope(queryset, user)

    def owner_unit(self, obj):
        unit_id = scheduled_unit_id(obj)
        return None if unit_id is None else AdministrativeUnit.objects.filter(pk=unit_id).first()

    def owner_field(self) -> str:
        return "kwargs"


class ScheduleTasksInline(PeriodicTaskInline):
    """The periodic tasks a timing runs, as far as the administrator's scope holds them."""

    def get_queryset(self, request):
        return schedules_in_scope(super().get_queryset(request), request.user)


# The timings (every 15th at 06:00…) are shared by every unit's schedules: a province's administrator reads
# them and picks one for a schedule; a change to one would move every province's reports, so only the whole
# country's administrator makes it.
for _model, _admin in ((CrontabSchedule, CrontabScheduleAdmin), (IntervalSchedule, IntervalScheduleAdmin),
                       (SolarSchedule, SolarScheduleAdmin), (ClockedSchedule, ClockedScheduleAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin.__name__, (CountryAdminMixin, _admin), {
        "__module__": __name__, "inlines": [ScheduleTasksInline]}))
