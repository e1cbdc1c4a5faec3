import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from accounts.scope import restrict_to_scope

from ..filtersets import DecisionFilterSet
from ..forms import DecisionForm, RecipientFormSet
from ..models import Decision, Recipient, RecipientType
from ..selectors import decision_history
from ..services import decision_archive as decision_archive_service
from ..services import decision_save
from ..validators import scan_extension
from .lists import FilteredListView


def _visible_recipients(user):
    return Recipient.objects.visible_to(user)


class DecisionListView(FilteredListView):
    template_name = "commendations/decision_list.html"
    filterset_class = DecisionFilterSet
    sort_fields = {"number": "number", "decided_on": "decided_on", "authority": "authority__sort_order",
                   "form": "form__sort_order", "kind": "kind", "individuals": "individuals",
                   "collectives": "collectives"}
    default_sort = ("-decided_on", "number")
    export_name = "quyet-dinh-khen-thuong"

    def base_queryset(self):
        # Only the recipients the user may see are counted.
        visible = Q(recipients__in=_visible_recipients(self.request.user))
        return (Decision.objects.visible_to(self.request.user)
                .select_related("authority", "form", "issuing_unit")
                .annotate(individuals=Count("recipients", filter=visible & Q(
                              recipients__recipient_type=RecipientType.INDIVIDUAL)),
                          collectives=Count("recipients", filter=visible & Q(
                              recipients__recipient_type=RecipientType.COLLECTIVE))))

    def export_headers(self):
        return [_("Số, ký hiệu"), _("Ngày quyết định"), _("Cấp quyết định"), _("Đơn vị ban hành"), _("Người ký"),
                _("Hình thức"), _("Loại khen thưởng"), _("Số cá nhân"), _("Số tập thể"), _("Lý do, thành tích")]

    def export_rows(self, queryset):
        for d in queryset:
            yield [d.number, d.decided_on, d.authority.name, d.issuing_unit.name, d.signer, d.form.name,
                   d.get_kind_display(), d.individuals, d.collectives, d.reason]


class DecisionDetailView(DetailView):
    template_name = "commendations/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return Decision.objects.visible_to(self.request.user).select_related(
            "authority", "form", "issuing_unit", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        recipients = list(_visible_recipients(user).filter(decision=self.object).select_related(
            "person", "commune__parent", "organization", "deployment__model").order_by("recipient_type", "id"))
        context.update(
            recipients=recipients,
            individuals=sum(1 for r in recipients if r.recipient_type == RecipientType.INDIVIDUAL),
            collectives=sum(1 for r in recipients if r.recipient_type == RecipientType.COLLECTIVE),
            history=decision_history(self.object, user=user),
            can_edit=user.has_perm("commendations.change_decision")
            and _editable(user).filter(pk=self.object.pk).exists(),
            can_archive=user.has_perm("commendations.delete_decision")
            and _editable(user).filter(pk=self.object.pk).exists(),
        )
        return context


def _editable(user):
    """A decision is edited by those whose scope holds its issuing unit, not only some recipients."""
    return restrict_to_scope(Decision.objects.visible_to(user), user, "issuing_unit")


def _edit(request, decision: Decision | None):
    user = request.user
    instance = decision or Decision()
    if request.method == "POST":
        form = DecisionForm(request.POST, request.FILES, instance=instance, user=user)
        formset = RecipientFormSet(request.POST, instance=instance, user=user, prefix="recipients")
        if form.is_valid() and formset.is_valid():
            try:
                saved = decision_save(decision=form.save(commit=False), entries=formset.entries(),
                                      removed=formset.removed(), by=user)
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            except IntegrityError:
                formset._non_form_errors = formset.error_class(
                    [_("Dữ liệu trùng với một bản ghi đã có (một người có hai lần trong quyết định?).")])
            else:
                messages.success(request, _("Đã lưu quyết định %(decision)s.") % {"decision": saved})
                return redirect(saved.get_absolute_url())
            if decision is None:
                instance.pk = None
    else:
        form = DecisionForm(instance=instance, user=user)
        formset = RecipientFormSet(instance=instance, user=user, prefix="recipients")
    return render(request, "commendations/decision_form.html",
                  {"form": form, "formset": formset, "decision": decision})


@permission_required("commendations.add_decision", raise_exception=True)
def decision_create(request):
    return _edit(request, None)


@permission_required("commendations.change_decision", raise_exception=True)
def decision_update(request, pk: int):
    return _edit(request, get_object_or_404(_editable(request.user), pk=pk))


@require_POST
@permission_required("commendations.delete_decision", raise_exception=True)
def decision_archive(request, pk: int):
    decision = get_object_or_404(_editable(request.user), pk=pk)
    decision_archive_service(decision=decision, by=request.user)
    messages.success(request, _("Đã xóa (lưu trữ) quyết định %(decision)s; có thể khôi phục.") % {"decision": decision})
    return redirect("commendations:decision_list")


def decision_scan(request, pk: int):
    """The scan is served through scope, never from a public media URL."""
    decision = get_object_or_404(Decision.objects.visible_to(request.user), pk=pk)
    if not decision.scan:
        raise Http404
    handle = decision.scan.open("rb")
    name = Path(decision.scan.name).name
    kind = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}.get(
        scan_extension(handle) or "", mimetypes.guess_type(name)[0] or "application/octet-stream")
    return FileResponse(handle, content_type=kind, filename=name)
