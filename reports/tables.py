"""What the report archive shows and exports, and how it sorts (next to filtersets.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table


def _requested_by(report) -> str:
    if report.requested_by is None:
        return str(_("Lịch định kỳ"))
    return report.requested_by.get_full_name() or report.requested_by.username


REPORTS = Table(
    columns=(
        Column("number", _("Số"), lambda r, view: r.number, sort="number", numeric=True),
        Column("kind", _("Loại báo cáo"), lambda r, view: r.get_kind_display(), sort="kind"),
        Column("unit", _("Đơn vị"), lambda r, view: r.unit.name, sort="unit__path"),
        Column("as_of", _("Số liệu đến ngày"), lambda r, view: r.as_of, sort="as_of"),
        Column("since", _("Kỳ khen thưởng từ ngày"), lambda r, view: r.since, sort="since"),
        Column("until", _("Kỳ khen thưởng đến ngày"), lambda r, view: r.until, sort="until"),
        Column("status", _("Trạng thái"), lambda r, view: r.get_status_display(), sort="status"),
        Column("requested_by", _("Người yêu cầu"), lambda r, view: _requested_by(r)),
        Column("requested_at", _("Lúc"), lambda r, view: r.requested_at, sort="requested_at"),
    ),
    default_sort=("-requested_at",),
    noun=pgettext_lazy("list total", "báo cáo"),
    filename="kho-bao-cao",
)
