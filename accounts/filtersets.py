import django_filters
from django.utils.translation import gettext_lazy as _

from antq_portal.lists import ListFilterSet
from antq_portal.widgets import DateInput

from .models import AccessLog


class AccessLogFilterSet(ListFilterSet):
    username = django_filters.CharFilter(label=_("Cán bộ (tên đăng nhập)"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Hành động"), choices=AccessLog.Action.choices)
    target = django_filters.CharFilter(label=_("Đối tượng"), lookup_expr="icontains")
    ip = django_filters.CharFilter(label=_("Địa chỉ IP"), lookup_expr="startswith")
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("Từ ngày"),
                                      widget=DateInput)
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("Đến ngày"),
                                      widget=DateInput)

    class Meta:
        model = AccessLog
        fields = ["username", "action", "target", "ip", "since", "until"]
