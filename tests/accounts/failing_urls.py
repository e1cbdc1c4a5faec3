"""The portal's URLs plus one page that fails, to see the 500 page an officer gets."""

from django.urls import path

from antq_portal.urls import handler500  # noqa: F401
from antq_portal.urls import urlpatterns as portal_urlpatterns


def failing_page(request):
    raise RuntimeError("a bug in a page")


urlpatterns = [*portal_urlpatterns, path("trang-loi/", failing_page)]
