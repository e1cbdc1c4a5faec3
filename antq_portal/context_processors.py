from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from antq_portal.paths import path_to

# (URL name, label, who sees it: a dotted path to a predicate taking the user, or None for
# everyone). An entry whose view is not installed is left out of the menu.
NAVIGATION = [
    ("reports:dashboard", _("Tổng quan"), None),
    ("organizations:organization_list", _("Tổ chức quần chúng"), None),
    ("models_registry:model_list", _("Mô hình"), None),
    ("commendations:decision_list", _("Khen thưởng"), None),
    ("reports:report_list", _("Báo cáo"), None),
    ("approvals:overview", _("Kỳ báo cáo"), None),
    ("imports:import_start", _("Nhập Excel"), "imports.services.can_import"),
    ("accounts:access_log", _("Nhật ký truy cập"), "accounts.roles.is_administrator"),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = []
    for name, label, allowed in NAVIGATION:
        url = path_to(name)  # reversed once, not on every page
        if url is None:
            continue
        if allowed is None or import_string(allowed)(user):
            items.append({"url": url, "label": label, "active": False})
    # The current page belongs to the entry with the longest matching URL (/bao-cao/tong-quan/
    # is the overview, not the reports archive at /bao-cao/).
    matching = [item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": items}
