from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]

# Each registry app mounts its own URLs once it has them.
for prefix, module in [
    ("to-chuc/", "organizations.urls"),
    ("mo-hinh/", "models_registry.urls"),
    ("khen-thuong/", "commendations.urls"),
    ("bao-cao/", "reports.urls"),
]:
    urlpatterns.append(path(prefix, include(module)))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
