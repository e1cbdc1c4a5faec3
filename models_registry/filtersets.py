from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import areas_in_scope, communes_in_scope
from antq_portal.lists import ListFilterSet
from antq_portal.text import fold
from antq_portal.widgets import DateInput
from geography.models import AdministrativeUnit, named

from .models import CrimePreventionModel, FieldOfWork, ModelStatus, RecognitionLevel
from .selectors import deployments_visible_to

NOT_RECOGNISED = "0"
LEVEL_CHOICES = [(NOT_RECOGNISED, _("Chưa được công nhận")),
                 *[(str(value), label) for value, label in RecognitionLevel.choices]]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: AdministrativeUnit) -> str:
        return f"{unit.name} — {unit.parent.name}" if unit.parent_id and unit.is_commune else unit.name


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class CrimePreventionModelFilterSet(ListFilterSet):
    """Filters of the model list; the dashboard links here (`?level=3&level_on=2018-07-11`)."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    field = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=FieldOfWork.objects.all())
    level = django_filters.ChoiceFilter(label=_("Cấp công nhận"), choices=LEVEL_CHOICES, method="filter_level")
    level_on = django_filters.DateFilter(
        label=_("Công nhận còn hiệu lực tại ngày"), method="filter_nothing",
        widget=DateInput())
    district = UnitChoiceFilter(label=_("Huyện, thị xã, thành phố triển khai"), queryset=AdministrativeUnit.objects.none(),
                                method="filter_deployed_under")
    commune = UnitChoiceFilter(label=_("Xã, phường, thị trấn triển khai"), queryset=AdministrativeUnit.objects.none(),
                               method="filter_deployed_under")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ModelStatus.choices)
    deployed_now = django_filters.BooleanFilter(
        label=_("Đang triển khai"), method="filter_deployed_now",
        widget=forms.Select(choices=[("", "---------"), ("true", _("Có")), ("false", _("Không"))]))

    def __init__(self, *args, user=None, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.user = user = user or request.user
        # A user filters by places inside their scope only: a place outside is an invalid choice.
        self.filters["district"].queryset = areas_in_scope(user)
        self.filters["commune"].queryset = communes_in_scope(user).select_related("parent").order_by("path")
        self.level_day: date = timezone.localdate()

    def filter_queryset(self, queryset):
        # The level column, filter and sort all read the level on one date: the one asked for, or today.
        self.level_day = self.form.cleaned_data.get("level_on") or timezone.localdate()
        return super().filter_queryset(queryset.with_level_on(self.level_day))

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value)) if fold(value) else queryset

    def filter_level(self, queryset, name, value):
        if value == NOT_RECOGNISED:
            return queryset.filter(level_on_date__isnull=True)
        return queryset.filter(level_on_date=int(value))

    def filter_deployed_under(self, queryset, name, unit):
        return queryset.filter(pk__in=deployments_visible_to(self.user).under(unit).values("model"))

    def filter_deployed_now(self, queryset, name, value):
        running = deployments_visible_to(self.user).active_on(timezone.localdate()).values("model")
        condition = Q(pk__in=running)
        return queryset.filter(condition) if value else queryset.exclude(condition)


class DeploymentFilterSet(ListFilterSet):
    """Filters of the list of places where models run; the dashboard links here
    (`?commune=…&active_on=2018-07-11`)."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    model = django_filters.ModelChoiceFilter(label=_("Mô hình"), queryset=CrimePreventionModel.objects.for_everyone())
    field = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=FieldOfWork.objects.all(),
                                             field_name="model__field")
    district = UnitChoiceFilter(label=_("Huyện, thị xã, thành phố"), queryset=AdministrativeUnit.objects.none(),
                                method="filter_under")
    commune = UnitChoiceFilter(label=_("Xã, phường, thị trấn"), queryset=AdministrativeUnit.objects.none(),
                               method="filter_under")
    active_on = django_filters.DateFilter(label=_("Đang triển khai vào ngày"), method="filter_active_on",
                                          widget=DateInput())

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["district"].queryset = areas_in_scope(user)
        self.filters["commune"].queryset = communes_in_scope(user).select_related("parent").order_by("path")

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(Q(model__search_text__contains=word) | named(word))
        return queryset

    def filter_under(self, queryset, name, value):
        return queryset.under(value)

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)
