"""What the access log page shows and exports, and how it sorts (next to filtersets.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table


def _detail(entry) -> str:
    return "; ".join(f"{key}: {value}" for key, value in entry.detail.items())


ACCESS_LOG = Table(
    columns=(
        Column("at", _("Lúc"), lambda e, view: e.at, sort="at"),
        Column("username", _("Cán bộ"), lambda e, view: e.username, sort="username"),
        Column("action", _("Hành động"), lambda e, view: e.get_action_display(), sort="action"),
        Column("target", _("Đối tượng"), lambda e, view: e.target, sort="target"),
        Column("rows", _("Số dòng"), lambda e, view: e.rows, sort="rows", numeric=True),
        Column("detail", _("Chi tiết"), lambda e, view: _detail(e)),
        Column("ip", _("Địa chỉ IP"), lambda e, view: e.ip or "", sort="ip"),
    ),
    default_sort=("-at",),
    noun=pgettext_lazy("list total", "lượt truy cập"),
    filename="nhat-ky-truy-cap",
)
