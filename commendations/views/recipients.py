from django.utils.translation import gettext as _

from ..filtersets import RecipientFilterSet
from ..models import Recipient
from .lists import FilteredListView


class RecipientListView(FilteredListView):
    """Every commendation of a person or collective; the dashboard's figures link here."""

    template_name = "commendations/recipient_list.html"
    filterset_class = RecipientFilterSet
    sort_fields = {"name": "person__full_name", "decided_on": "decision__decided_on",
                   "commune": "commune__path", "authority": "decision__authority__sort_order"}
    default_sort = ("-decision__decided_on", "decision__number", "id")
    export_name = "nguoi-tap-the-duoc-khen"

    def base_queryset(self):
        return Recipient.objects.visible_to(self.request.user).select_related(
            "decision__authority", "decision__form", "person", "commune__parent", "organization",
            "deployment__model")

    def export_headers(self):
        return [_("Đối tượng"), _("Họ tên / tên tập thể"), _("Năm sinh"), _("Xã, phường, thị trấn"),
                _("Huyện, thị xã, thành phố"), _("Số quyết định"), _("Ngày quyết định"), _("Cấp quyết định"),
                _("Hình thức"), _("Loại khen thưởng"), _("Thành tích")]

    def export_rows(self, queryset):
        for r in queryset:
            yield [r.get_recipient_type_display(), r.display_name, r.person.birth_year if r.person_id else None,
                   r.commune.name, r.commune.parent.name if r.commune.parent_id else "", r.decision.number,
                   r.decision.decided_on, r.decision.authority.name, r.decision.form.name,
                   r.decision.get_kind_display(), r.achievement]
