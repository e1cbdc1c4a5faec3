"""Filters of the decision, recipient and people lists; choices never leave the user's scope."""

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import areas_in_scope, communes_in_scope
from antq_portal.lists import ListFilterSet
from antq_portal.text import fold
from antq_portal.widgets import DateInput
from geography.models import named

from .models import Authority, CommendationForm, CommendationKind, Decision, Person, Recipient, RecipientType

DATE = DateInput()


def _districts(request):
    return areas_in_scope(request.user)


def _communes(request):
    return communes_in_scope(request.user).select_related("parent").order_by("path")


class _CommonFilters(ListFilterSet):
    authority = django_filters.ModelChoiceFilter(label=_("Cấp quyết định"), queryset=Authority.objects.all(),
                                                 field_name="authority")
    form = django_filters.ModelChoiceFilter(label=_("Hình thức"), queryset=CommendationForm.objects.all(),
                                            field_name="form")
    kind = django_filters.ChoiceFilter(label=_("Loại khen thưởng"), choices=CommendationKind.choices,
                                       field_name="kind")
    since = django_filters.DateFilter(label=_("Từ ngày"), field_name="decided_on", lookup_expr="gte", widget=DATE)
    until = django_filters.DateFilter(label=_("Đến ngày"), field_name="decided_on", lookup_expr="lte", widget=DATE)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="year")
    district = django_filters.ModelChoiceFilter(label=_("Huyện, thị xã, thành phố"), queryset=_districts,
                                                method="filter_under")
    commune = django_filters.ModelChoiceFilter(label=_("Xã, phường, thị trấn"), queryset=_communes,
                                               method="filter_under")
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")

    def filter_under(self, queryset, name, value):
        return queryset.under(value)


class DecisionFilterSet(_CommonFilters):
    """District, commune and recipient type select decisions honouring someone there / of that type."""

    recipient_type = django_filters.ChoiceFilter(label=_("Đối tượng"), choices=RecipientType.choices,
                                                 method="filter_recipient_type")

    class Meta:
        model = Decision
        fields = ["authority", "form", "kind", "since", "until", "year", "district", "commune",
                  "recipient_type", "q"]

    def _with_recipients(self, queryset, recipients):
        return queryset.filter(pk__in=recipients.values("decision_id"))

    def filter_under(self, queryset, name, value):
        return self._with_recipients(queryset, Recipient.objects.visible_to(self.request.user).under(value))

    def filter_recipient_type(self, queryset, name, value):
        return self._with_recipients(
            queryset, Recipient.objects.visible_to(self.request.user).filter(recipient_type=value))

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))


class RecipientFilterSet(_CommonFilters):
    recipient_type = django_filters.ChoiceFilter(label=_("Đối tượng"), choices=RecipientType.choices)

    class Meta:
        model = Recipient
        fields = ["recipient_type", "authority", "form", "kind", "since", "until", "year", "district",
                  "commune", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("authority", "form", "kind", "since", "until", "year"):
            self.filters[name].field_name = f"decision__{self.filters[name].field_name}"

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(Q(person__search_text__contains=folded) | Q(group_name__icontains=value)
                               | Q(organization__search_text__contains=folded)
                               | Q(decision__search_text__contains=folded) | named(folded))


class PeopleFilterSet(ListFilterSet):
    """"Commended at least N times in year Y" (optionally by one authority)."""

    q = django_filters.CharFilter(label=_("Họ tên"), method="filter_q")
    commune = django_filters.ModelChoiceFilter(label=_("Xã, phường, thị trấn"), queryset=_communes,
                                               method="filter_under")
    district = django_filters.ModelChoiceFilter(label=_("Huyện, thị xã, thành phố"), queryset=_districts,
                                                method="filter_under")
    authority = django_filters.ModelChoiceFilter(label=_("Cấp quyết định"), queryset=Authority.objects.all(),
                                                 method="filter_noop")
    year = django_filters.NumberFilter(label=_("Trong năm"), method="filter_noop")
    min_times = django_filters.NumberFilter(label=_("Được khen ít nhất (lần)"), method="filter_noop",
                                            min_value=1)

    class Meta:
        model = Person
        fields = ["q", "district", "commune", "authority", "year", "min_times"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))

    def filter_under(self, queryset, name, value):
        return queryset.under(value)

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        counted = Q(recipients__in=Recipient.objects.visible_to(self.request.user).individuals())
        if data.get("authority"):
            counted &= Q(recipients__decision__authority=data["authority"])
        if data.get("year"):
            counted &= Q(recipients__decision__year=data["year"])
        queryset = queryset.annotate(times=Count("recipients", filter=counted, distinct=True))
        return queryset.filter(times__gte=data.get("min_times") or 1)
