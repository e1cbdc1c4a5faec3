import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from accounts.permissions import in_scope
from antq_portal.files import serve_file
from antq_portal.lists import RegistryListView
from antq_portal.versioning import (
    VERSION_FIELD,
    VersionConflict,
    check_version,
    conflict_context,
    form_version,
)

from ..filtersets import DecisionFilterSet
from ..forms import DecisionForm, RecipientFormSet
from ..models import Decision, Recipient, RecipientType
from ..selectors import decision_history
from ..services import decision_archive as decision_archive_service
from ..services import decision_save
from ..tables import DECISIONS
from ..validators import scan_extension


def _visible_recipients(user):
    return Recipient.objects.visible_to(user)


def _count(recipients, recipient_type):
    counted = (recipients.filter(decision=OuterRef("pk"), recipient_type=recipient_type).order_by()
               .values("decision").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class DecisionListView(RegistryListView):
    template_name = "commendations/decision_list.html"
    filterset_class = DecisionFilterSet
    table = DECISIONS

    def base_queryset(self):
        # Only the recipients the user may see are counted; subqueries, so that the paginator's count
        # skips them and the page computes them for its own rows only.
        visible = _visible_recipients(self.request.user)
        return (Decision.objects.visible_to(self.request.user)
                .select_related("authority", "form", "issuing_unit")
                .annotate(individuals=_count(visible, RecipientType.INDIVIDUAL),
                          collectives=_count(visible, RecipientType.COLLECTIVE)))


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
    return in_scope(user, Decision).filter(archived_at__isnull=True)


def _edit(request, decision: Decision | None):
    user = request.user
    instance = decision or Decision()
    if request.method == "POST":
        form = DecisionForm(request.POST, request.FILES, instance=instance, user=user)
        formset = RecipientFormSet(request.POST, instance=instance, user=user, prefix="recipients")
        form_valid = form.is_valid()
        formset.decided_on = form.cleaned_data.get("decided_on") if form_valid else None
        if form_valid and formset.is_valid():
            try:
                with transaction.atomic():
                    if decision is not None:
                        check_version(decision, request.POST.get(VERSION_FIELD))
                    saved = decision_save(decision=form.save(commit=False), entries=formset.entries(),
                                          removed=formset.removed(), by=user)
            except VersionConflict as conflict:
                return render(request, "commendations/decision_form.html",
                              {"form": form, "formset": formset, "decision": decision,
                               **conflict_context(conflict, user)}, status=409)
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
                  {"form": form, "formset": formset, "decision": decision,
                   "version": form_version(request, decision)})


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
    # The stored name is a random token; the officer gets the decision's number as the file name.
    with decision.scan.open("rb") as handle:
        extension = scan_extension(handle)
    name = Path(decision.scan.name).name
    kind = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}.get(
        extension or "", mimetypes.guess_type(name)[0] or "application/octet-stream")
    stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in decision.number).strip("-.") or str(decision.pk)
    return serve_file(request, decision.scan, filename=f"quyet-dinh-{stem}.{extension or name.rsplit('.', 1)[-1]}",
                      target=decision, content_type=kind)
