"""Deployments and their yearly results: edited only inside the officer's scope."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, FormView, UpdateView

from antq_portal.history import history_entries
from antq_portal.lists import RegistryListView
from antq_portal.versioning import (
    VERSION_FIELD,
    VersionConflict,
    VersionedUpdateMixin,
    check_version,
    conflict_context,
    form_version,
)

from ..filtersets import DeploymentFilterSet
from ..forms import DeploymentForm, DeploymentResultsForm
from ..models import CrimePreventionModel, ResultIndicator
from ..selectors import deployments_visible_to, results_by_year, results_history
from ..services import deployment_results_save, deployment_save, record_set_archived
from ..tables import DEPLOYMENTS

CHANGE_DEPLOYMENT = "models_registry.change_deployment"
DELETE_DEPLOYMENT = "models_registry.delete_deployment"


class DeploymentListView(RegistryListView):
    """Where models run, inside the officer's scope; the dashboard's deployment figures link here."""

    template_name = "models_registry/deployment_list.html"
    filterset_class = DeploymentFilterSet
    table = DEPLOYMENTS

    def base_queryset(self):
        # As the tally counts them: a deployment of an archived model is not running anywhere.
        return (deployments_visible_to(self.request.user).filter(model__archived_at__isnull=True)
                .select_related("model__field", "commune__parent", "host_organization"))


class DeploymentFormMixin(PermissionRequiredMixin):
    raise_exception = True
    form_class = DeploymentForm
    template_name = "models_registry/deployment_form.html"

    def get_initial(self):
        # The htmx reload after choosing a commune asks for that commune's host organizations.
        initial = super().get_initial()
        if self.request.method == "GET" and self.request.GET.get("commune"):
            initial["commune"] = self.request.GET["commune"]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "model": self.crime_model,
                "options_url": self.request.path}

    def get_context_data(self, **kwargs):
        return super().get_context_data(crime_model=self.crime_model, **kwargs)

    def get_success_url(self):
        return reverse("models_registry:deployment_detail", args=[self.object.pk])


class DeploymentCreateView(DeploymentFormMixin, CreateView):
    permission_required = "models_registry.add_deployment"

    @cached_property
    def crime_model(self):
        return get_object_or_404(CrimePreventionModel.objects.for_everyone(), pk=self.kwargs["model_pk"])

    def form_valid(self, form):
        self.object = deployment_save(deployment=form.save(commit=False), by=self.request.user)
        messages.success(self.request, _("Đã thêm nơi triển khai mô hình."))
        return redirect(self.get_success_url())


class DeploymentUpdateView(VersionedUpdateMixin, DeploymentFormMixin, UpdateView):
    permission_required = CHANGE_DEPLOYMENT
    context_object_name = "deployment"

    def get_queryset(self):
        # Another commune's deployment is simply not found.
        return deployments_visible_to(self.request.user).select_related("model")

    @property
    def crime_model(self):
        return self.object.model

    def form_valid(self, form):
        self.object = deployment_save(deployment=form.save(commit=False), by=self.request.user)
        messages.success(self.request, _("Đã lưu nơi triển khai mô hình."))
        return redirect(self.get_success_url())


class DeploymentDetailView(DetailView):
    template_name = "models_registry/deployment_detail.html"
    context_object_name = "deployment"

    def get_queryset(self):
        user = self.request.user
        deployments = deployments_visible_to(user)
        if user.has_perm(CHANGE_DEPLOYMENT):
            deployments = deployments | deployments_visible_to(user, archived=True)
        return deployments.select_related("model", "commune__parent", "host_organization", "archived_by")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            results=results_by_year(self.object), history=history_entries(self.object),
            results_history=results_history(self.object),
            can_change=user.has_perm(CHANGE_DEPLOYMENT) and not self.object.is_archived,
            can_delete=user.has_perm(DELETE_DEPLOYMENT),
            can_enter_results=user.has_perm("models_registry.change_deploymentresult") and not self.object.is_archived,
            **kwargs)


@require_POST
def deployment_archive(request, pk: int):
    return _set_archived(request, pk, archive=True)


@require_POST
def deployment_restore(request, pk: int):
    return _set_archived(request, pk, archive=False)


def _set_archived(request, pk: int, *, archive: bool):
    if not request.user.has_perm(DELETE_DEPLOYMENT):
        raise PermissionDenied
    deployment = get_object_or_404(deployments_visible_to(request.user, archived=not archive), pk=pk)
    record_set_archived(record=deployment, by=request.user, archived=archive)
    if archive:
        messages.success(request, _("Đã xóa (lưu trữ) nơi triển khai; có thể khôi phục."))
    else:
        messages.success(request, _("Đã khôi phục nơi triển khai."))
    return redirect("models_registry:model_detail", pk=deployment.model_id)


class DeploymentResultsView(PermissionRequiredMixin, FormView):
    """One year's results; `?year=` preloads what that year already has."""

    permission_required = "models_registry.change_deploymentresult"
    raise_exception = True
    form_class = DeploymentResultsForm
    template_name = "models_registry/deployment_results_form.html"

    @cached_property
    def deployment(self):
        return get_object_or_404(deployments_visible_to(self.request.user).select_related("model", "commune"),
                                 pk=self.kwargs["pk"])

    @cached_property
    def indicators(self):
        return list(ResultIndicator.objects.all())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicators": self.indicators}

    def get_initial(self):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return {}
        initial = {"year": year}
        for result in self.deployment.results.filter(year=year):
            initial[f"indicator_{result.indicator_id}"] = result.value
        return initial

    def get_context_data(self, **kwargs):
        kwargs.setdefault("version", form_version(self.request, self.deployment))
        return super().get_context_data(deployment=self.deployment, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                check_version(self.deployment, self.request.POST.get(VERSION_FIELD))
                deployment_results_save(deployment=self.deployment, year=form.cleaned_data["year"],
                                        values=form.values())
        except VersionConflict as conflict:
            context = self.get_context_data(form=form, **conflict_context(conflict, self.request.user))
            return self.render_to_response(context, status=409)
        messages.success(self.request, _("Đã lưu kết quả năm %(year)s.") % {"year": form.cleaned_data["year"]})
        return redirect("models_registry:deployment_detail", pk=self.deployment.pk)
