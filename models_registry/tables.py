"""What the model list shows and exports, and how it sorts (next to filtersets.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table
from organizations.tables import place

from .models import RecognitionLevel


def _level_header(view) -> str:
    return _("Cấp công nhận tại ngày %(day)s") % {"day": view.filterset.level_day.strftime("%d/%m/%Y")}


def _level(model) -> str:
    return str(RecognitionLevel(model.level_on_date).label) if model.level_on_date else ""


def _places(model) -> str:
    return "; ".join(place(d.commune) for d in model.scoped_deployments)


MODELS = Table(
    columns=(
        Column("name", _("Tên mô hình"), lambda m, view: m.name, sort="name"),
        Column("field", _("Lĩnh vực"), lambda m, view: m.field.name, sort="field__sort_order"),
        Column("founding_unit", _("Đơn vị xây dựng"), lambda m, view: m.founding_unit.name),
        Column("founded_on", _("Ngày xây dựng"), lambda m, view: m.founded_on, sort="founded_on"),
        Column("status", _("Trạng thái"), lambda m, view: m.get_status_display(), sort="status"),
        Column("level", _level_header, lambda m, view: _level(m), sort="level_on_date"),
        Column("deployments", _("Số nơi triển khai"), lambda m, view: m.deployment_count, sort="deployment_count",
               numeric=True),
        Column("places", _("Địa bàn triển khai"), lambda m, view: _places(m)),
    ),
    default_sort=("name",),
    tie_break=("name",),
    noun=pgettext_lazy("list total", "mô hình"),
    filename="mo-hinh-phong-chong-toi-pham",
)


def _host(deployment) -> str:
    return deployment.host_organization.name if deployment.host_organization_id else ""


DEPLOYMENTS = Table(
    columns=(
        Column("model", _("Mô hình"), lambda d, view: d.model.name, sort="model__name"),
        Column("field", _("Lĩnh vực"), lambda d, view: d.model.field.name, sort="model__field__sort_order"),
        Column("commune", _("Xã, phường, thị trấn"), lambda d, view: place(d.commune), sort="commune__path"),
        Column("place", _("Địa bàn cụ thể"), lambda d, view: d.place, sort="place"),
        Column("host", _("Tổ chức nòng cốt"), lambda d, view: _host(d)),
        Column("started_on", _("Ngày triển khai"), lambda d, view: d.started_on, sort="started_on"),
        Column("ended_on", _("Ngày kết thúc"), lambda d, view: d.ended_on, sort="ended_on"),
    ),
    default_sort=("commune__path", "model__name", "place"),
    tie_break=("model__name",),
    noun=pgettext_lazy("list total", "nơi triển khai"),
    filename="noi-trien-khai-mo-hinh",
)
