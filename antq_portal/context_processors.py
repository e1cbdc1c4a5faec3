from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (URL name, label). An entry whose view is not installed is left out of the menu.
NAVIGATION = [
    ("reports:dashboard", _("Tổng quan")),
    ("organizations:organization_list", _("Tổ chức quần chúng")),
    ("models_registry:model_list", _("Mô hình")),
    ("commendations:decision_list", _("Khen thưởng")),
    ("reports:report_list", _("Báo cáo")),
    ("imports:import_start", _("Nhập Excel")),
]


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
