"""Models and their recognitions: everyone reads, provincial staff and administrators write."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.permissions import DELETE, editable
from antq_portal.exports import export_response
from antq_portal.history import history_entries

from ..filtersets import CrimePreventionModelFilterSet
from ..forms import CrimePreventionModelForm, RecognitionForm
from ..models import CrimePreventionModel, Recognition, RecognitionLevel
from ..selectors import deployments_visible_to, model_rows, with_deployment_places

ADD_MODEL = "models_registry.add_crimepreventionmodel"
CHANGE_MODEL = "models_registry.change_crimepreventionmodel"
DELETE_MODEL = "models_registry.delete_crimepreventionmodel"


def filtered_models(request) -> tuple[CrimePreventionModelFilterSet, object]:
    """The list's filterset and its rows; staff see archived models with `?archived=1`."""
    archived = request.GET.get("archived") == "1" and request.user.has_perm(CHANGE_MODEL)
    filterset = CrimePreventionModelFilterSet(request.GET, queryset=model_rows(user=request.user, archived=archived),
                                              user=request.user)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, rows


class ModelListView(ListView):
    template_name = "models_registry/model_list.html"
    context_object_name = "models"
    paginate_by = 25

    def get_queryset(self):
        self.filterset, rows = filtered_models(self.request)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(filterset=self.filterset, level_day=self.filterset.level_day,
                       showing_archived=self.request.GET.get("archived") == "1" and user.has_perm(CHANGE_MODEL),
                       can_add=user.has_perm(ADD_MODEL), can_see_archived=user.has_perm(CHANGE_MODEL))
        return context


def model_export(request):
    filterset, rows = filtered_models(request)
    rows = with_deployment_places(rows, user=request.user)
    day = filterset.level_day.strftime("%d/%m/%Y")
    headers = [_("Tên mô hình"), _("Lĩnh vực"), _("Đơn vị xây dựng"), _("Ngày xây dựng"), _("Trạng thái"),
               _("Cấp công nhận tại ngày %(day)s") % {"day": day}, _("Số nơi triển khai"), _("Địa bàn triển khai")]

    def lines():
        for model in rows.iterator(chunk_size=500):
            level = RecognitionLevel(model.level_on_date).label if model.level_on_date else ""
            places = "; ".join(f"{d.commune.name} ({d.commune.parent.name})" if d.commune.parent_id else d.commune.name
                               for d in model.scoped_deployments)
            yield [model.name, model.field.name, model.founding_unit.name, model.founded_on,
                   model.get_status_display(), str(level), model.deployment_count, places]

    return export_response(request.GET.get("format", "xlsx"), "mo-hinh-phong-chong-toi-pham", headers, lines())


class ModelDetailView(DetailView):
    template_name = "models_registry/model_detail.html"
    context_object_name = "model"

    def get_queryset(self):
        # Archived models stay reachable for those who may restore them.
        models = CrimePreventionModel.objects.select_related("field", "founding_unit", "archived_by")
        return models if self.request.user.has_perm(CHANGE_MODEL) else models.for_everyone()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, model, today = self.request.user, self.object, timezone.localdate()
        recognitions = list(model.recognitions.order_by("-decided_on", "-level"))
        for recognition in recognitions:
            recognition.valid_today = recognition.is_valid_on(today)
        deployments = deployments_visible_to(user).filter(model=model).select_related(
            "commune__parent", "host_organization")
        archived = deployments_visible_to(user, archived=True).filter(model=model).select_related(
            "commune__parent", "host_organization")
        level = model.level_on(today)
        context.update(
            today=today, recognitions=recognitions,
            level_today=RecognitionLevel(level).label if level else None,
            deployments=deployments,
            archived_deployments=archived if user.has_perm("models_registry.change_deployment") else [],
            history=history_entries(model),
            can_change=user.has_perm(CHANGE_MODEL), can_delete=user.has_perm(DELETE_MODEL),
            can_recognise=user.has_perm("models_registry.add_recognition"),
            can_change_recognition=user.has_perm("models_registry.change_recognition"),
            can_deploy=user.has_perm("models_registry.add_deployment") and not model.is_archived,
        )
        return context


class ModelFormMixin(PermissionRequiredMixin):
    raise_exception = True
    form_class = CrimePreventionModelForm
    template_name = "models_registry/model_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return reverse("models_registry:model_detail", args=[self.object.pk])


class ModelCreateView(ModelFormMixin, CreateView):
    permission_required = ADD_MODEL

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        messages.success(self.request, _("Đã thêm mô hình “%(name)s”.") % {"name": form.instance.name})
        return super().form_valid(form)


class ModelUpdateView(ModelFormMixin, UpdateView):
    permission_required = CHANGE_MODEL
    context_object_name = "model"

    def get_queryset(self):
        # Read by everyone, edited by the scope holding its founding unit (accounts.permissions).
        return editable(self.request.user, CrimePreventionModel).filter(archived_at__isnull=True)

    def form_valid(self, form):
        messages.success(self.request, _("Đã lưu mô hình “%(name)s”.") % {"name": form.instance.name})
        return super().form_valid(form)


@require_POST
def model_archive(request, pk: int):
    return _set_archived(request, pk, archive=True)


@require_POST
def model_restore(request, pk: int):
    return _set_archived(request, pk, archive=False)


def _set_archived(request, pk: int, *, archive: bool):
    if not request.user.has_perm(DELETE_MODEL):
        raise PermissionDenied
    model = get_object_or_404(editable(request.user, CrimePreventionModel, DELETE)
                              .filter(archived_at__isnull=archive), pk=pk)
    if archive:
        model.archive(by=request.user)
        messages.success(request, _("Đã xóa (lưu trữ) mô hình “%(name)s”; có thể khôi phục.") % {"name": model.name})
        return redirect("models_registry:model_list")
    model.restore(by=request.user)
    messages.success(request, _("Đã khôi phục mô hình “%(name)s”.") % {"name": model.name})
    return redirect("models_registry:model_detail", pk=model.pk)


class RecognitionFormMixin(PermissionRequiredMixin):
    raise_exception = True
    form_class = RecognitionForm
    template_name = "models_registry/recognition_form.html"

    def get_model(self) -> CrimePreventionModel:
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "model": self.get_model()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(crime_model=self.get_model(), **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Đã lưu quyết định công nhận."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("models_registry:model_detail", args=[self.get_model().pk])


class RecognitionCreateView(RecognitionFormMixin, CreateView):
    permission_required = "models_registry.add_recognition"

    def get_model(self):
        if not hasattr(self, "_model"):
            self._model = get_object_or_404(editable(self.request.user, CrimePreventionModel)
                                            .filter(archived_at__isnull=True), pk=self.kwargs["model_pk"])
        return self._model


class RecognitionUpdateView(RecognitionFormMixin, UpdateView):
    permission_required = "models_registry.change_recognition"

    def get_queryset(self):
        return editable(self.request.user, Recognition).filter(model__archived_at__isnull=True).select_related("model")

    def get_model(self):
        return self.object.model
