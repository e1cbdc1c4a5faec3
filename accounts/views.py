from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_filters.views import FilterView

from .filtersets import AccessLogFilterSet
from .models import AccessLog
from .roles import Role


class AccessLogListView(FilterView):
    """Administrators read who saw personal data, exported or downloaded what, when and from where."""

    template_name = "accounts/access_log.html"
    filterset_class = AccessLogFilterSet
    paginate_by = 50
    context_object_name = "entries"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_role(Role.ADMINISTRATOR):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AccessLog.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "retention_days": settings.ACCESS_LOG_RETENTION_DAYS}
