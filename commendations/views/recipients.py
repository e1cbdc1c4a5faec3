from antq_portal.lists import RegistryListView

from ..filtersets import RecipientFilterSet
from ..models import Recipient
from ..tables import RECIPIENTS


class RecipientListView(RegistryListView):
    """Every commendation of a person or collective; the dashboard's figures link here."""

    template_name = "commendations/recipient_list.html"
    filterset_class = RecipientFilterSet
    table = RECIPIENTS

    def base_queryset(self):
        return Recipient.objects.visible_to(self.request.user).select_related(
            "decision__authority", "decision__form", "person", "commune__parent", "organization",
            "deployment__model")
