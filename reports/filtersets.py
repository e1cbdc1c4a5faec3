import django_filters
from django.utils.translation import gettext_lazy as _

from antq_portal.lists import ListFilterSet
from antq_portal.widgets import DateInput

from .models import Report, ReportKind, ReportStatus


class ReportFilterSet(ListFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại báo cáo"), choices=ReportKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ReportStatus.choices)
    as_of_from = django_filters.DateFilter(field_name="as_of", lookup_expr="gte", label=_("Số liệu từ ngày"),
                                       widget=DateInput())
    as_of_to = django_filters.DateFilter(field_name="as_of", lookup_expr="lte", label=_("Số liệu đến ngày"),
                                     widget=DateInput())

    class Meta:
        model = Report
        fields = ["kind", "status"]
