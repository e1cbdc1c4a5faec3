"""Models and their recognitions: everyone reads, provincial staff and administrators write."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from accounts.permissions import DELETE, editable
from antq_portal.history import history_entries
from antq_portal.lists import RegistryListView
from antq_portal.versioning import VersionedUpdateMixin

from ..filtersets import CrimePreventionModelFilterSet
from ..forms import CrimePreventionModelForm, RecognitionForm
from ..models import CrimePreventionModel, Recognition, RecognitionLevel
from ..selectors import deployments_visible_to, model_rows, with_deployment_places
from ..services import model_save, recognition_save, record_set_archived
from ..tables import MODELS

ADD_MODEL = "models_registry.add_crimepreventionmodel"
CHANGE_MODEL = "models_registry.change_crimepreventionmodel"
DELETE_MODEL = "models_registry.delete_crimepreventionmodel"


class ModelListView(RegistryListView):
    template_name = "models_registry/model_list.html"
    filterset_class = CrimePreventionModelFilterSet
    table = MODELS
    paginate_by = 25
    kept = ("archived",)

    @property
    def showing_archived(self) -> bool:
        """Staff see archived models with `?archived=1`."""
        return self.request.GET.get("archived") == "1" and self.request.user.has_perm(CHANGE_MODEL)

    def base_queryset(self):
        return model_rows(user=self.request.user, archived=self.showing_archived)

    def prepare_rows(self, rows: list) -> list:
        return with_deployment_places(rows, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(level_day=self.filterset.level_day, showing_archived=self.showing_archived,
                       can_add=user.has_perm(ADD_MODEL), can_see_archived=user.has_perm(CHANGE_MODEL))
        return context


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
        self.object = model_save(model=form.save(commit=False), by=self.request.user)
        form.save_m2m()
        messages.success(self.request, _("Đã thêm mô hình “%(name)s”.") % {"name": self.object.name})
        return redirect(self.get_success_url())


class ModelUpdateView(VersionedUpdateMixin, ModelFormMixin, UpdateView):
    permission_required = CHANGE_MODEL
    context_object_name = "model"

    def get_queryset(self):
        # Read by everyone, edited by the scope holding its founding unit (accounts.permissions).
        return editable(self.request.user, CrimePreventionModel).filter(archived_at__isnull=True)

    def form_valid(self, form):
        self.object = model_save(model=form.save(commit=False), by=self.request.user)
        form.save_m2m()
        messages.success(self.request, _("Đã lưu mô hình “%(name)s”.") % {"name": self.object.name})
        return redirect(self.get_success_url())


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
    record_set_archived(record=model, by=request.user, archived=archive)
    if archive:
        messages.success(request, _("Đã xóa (lưu trữ) mô hình “%(name)s”; có thể khôi phục.") % {"name": model.name})
        return redirect("models_registry:model_list")
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
        self.object = recognition_save(recognition=form.save(commit=False), by=self.request.user)
        messages.success(self.request, _("Đã lưu quyết định công nhận."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("models_registry:model_detail", args=[self.get_model().pk])


class RecognitionCreateView(RecognitionFormMixin, CreateView):
    permission_required = "models_registry.add_recognition"

    def get_model(self):
        if not hasattr(self, "_model"):
            self._model = get_object_or_404(editable(self.request.user, CrimePreventionModel)
                                            .filter(archived_at__isnull=True), pk=self.kwargs["model_pk"])
        return self._model


class RecognitionUpdateView(VersionedUpdateMixin, RecognitionFormMixin, UpdateView):
    permission_required = "models_registry.change_recognition"

    def get_queryset(self):
        return editable(self.request.user, Recognition).filter(model__archived_at__isnull=True).select_related("model")

    def get_model(self):
        return self.object.model
