"""What the list of import jobs shows and exports, and how it sorts (next to filtersets.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table


def _importer(job) -> str:
    return job.created_by.get_full_name() or job.created_by.username


JOBS = Table(
    columns=(
        Column("file", _("Tệp"), lambda j, view: j.original_name, sort="original_name"),
        Column("registry", _("Danh mục"), lambda j, view: str(j.registry_label), sort="registry"),
        Column("created_by", _("Người nhập"), lambda j, view: _importer(j), sort="created_by__username"),
        Column("created_at", _("Lúc"), lambda j, view: j.created_at, sort="created_at"),
        Column("stage", _("Bước"), lambda j, view: j.get_stage_display(), sort="stage"),
        Column("status", _("Trạng thái"), lambda j, view: j.get_status_display(), sort="status"),
        Column("rows", _("Số dòng"), lambda j, view: j.total_rows, sort="total_rows", numeric=True),
        Column("errors", _("Lỗi"), lambda j, view: j.error_count, sort="error_count", numeric=True),
    ),
    default_sort=("-created_at",),
    noun=pgettext_lazy("list total", "lượt nhập"),
    filename="cac-luot-nhap",
)
