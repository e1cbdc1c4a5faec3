import django_filters
from django.utils.translation import gettext_lazy as _

from antq_portal.lists import ListFilterSet

from .models import ImportJob
from .registries import registry_choices


class ImportJobFilterSet(ListFilterSet):
    registry = django_filters.ChoiceFilter(label=_("Danh mục"), choices=registry_choices)
    stage = django_filters.ChoiceFilter(label=_("Bước"), choices=ImportJob.Stage.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ImportJob.Status.choices)

    class Meta:
        model = ImportJob
        fields = ["registry", "stage", "status"]
