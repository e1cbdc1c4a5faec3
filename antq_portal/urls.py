from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import health, views

handler500 = "antq_portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("accounts.urls")),
    # Choosing a language reveals nothing, so the login page may offer it too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("quan-tri/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

# Each registry app mounts its own URLs once it has them.
for prefix, module in [
    ("to-chuc/", "organizations.urls"),
    ("mo-hinh/", "models_registry.urls"),
    ("khen-thuong/", "commendations.urls"),
    ("bao-cao/", "reports.urls"),
    ("nhap-lieu/", "imports.urls"),
    ("bao-cao-ky/", "approvals.urls"),
    ("don-vi/", "geography.urls"),
]:
    urlpatterns.append(path(prefix, include(module)))
# No static(MEDIA_URL): uploaded and rendered files leave only through permission-checked views
# (antq_portal/files.py), in development as in production.
