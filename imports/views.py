from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq_portal.exports import export_response
from antq_portal.files import serve_file
from antq_portal.lists import RegistryListView

from .filtersets import ImportJobFilterSet
from .forms import ImportForm
from .models import ImportJob
from .pipeline.reader import FileRejected
from .registries import get_registry, registries, registry_choices
from .services import can_import, import_job_confirm, import_job_create, import_job_discard
from .tables import JOBS
from .workbook import headers, template_bytes


def _importer(request):
    if not can_import(request.user):
        raise PermissionDenied(_("Tài khoản của bạn chỉ được xem, không được nhập dữ liệu."))
    return request.user


def _spec(registry: str):
    try:
        return get_registry(registry)
    except LookupError:
        raise Http404(registry) from None


def _job(request, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)


def import_start(request):
    user = _importer(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(user=user, registry=form.cleaned_data["registry"],
                                    upload=form.cleaned_data["file"])
        except FileRejected as error:
            form.add_error("file", str(error))
        else:
            return redirect("imports:job_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(user).select_related("created_by")[:10]
    return render(request, "imports/start.html", {
        "form": form, "jobs": jobs, "registries": registries().values(),
    })


class JobListView(RegistryListView):
    """Every import job the officer may see (their own; an administrator also those under them)."""

    template_name = "imports/job_list.html"
    filterset_class = ImportJobFilterSet
    table = JOBS

    def base_queryset(self):
        return ImportJob.objects.visible_to(self.request.user).select_related("created_by").defer(
            "errors", "summary")

    def prepare_rows(self, rows: list) -> list:
        labels = dict(registry_choices())
        for job in rows:
            job.registry_label = labels.get(job.registry, job.registry)
        return rows


def import_template(request, registry: str):
    _importer(request)  # a template holds no data: any importer may read any registry's columns
    spec = _spec(registry)
    with translation.override(settings.LANGUAGE_CODE):  # the files are Vietnamese whatever the page's language
        content = template_bytes(spec)
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}.xlsx"'
    return response


def import_export(request, registry: str):
    """The records in the user's scope, in the template's columns: edit and import back."""
    spec = _spec(registry)
    fmt = "csv" if request.GET.get("dinh_dang") == "csv" else "xlsx"
    with translation.override(settings.LANGUAGE_CODE):  # imported back as Vietnamese (choices, headers)
        return export_response(fmt, f"{spec.filename.replace('mau-nhap-', 'du-lieu-')}", headers(spec),
                               spec.export_rows(request.user), request=request)


def job_detail(request, pk: int):
    job = _job(request, pk)
    return render(request, "imports/job.html", {
        "job": job, "spec": _spec(job.registry), "errors": job.errors[:500], "mine": job.created_by_id == request.user.pk,
    })


def job_file(request, pk: int):
    """The uploaded file itself, to whoever may see the job (its importer, their administrator)."""
    job = _job(request, pk)
    return serve_file(request, job.file, filename=job.original_name, target=job)


def job_progress(request, pk: int):
    job = _job(request, pk)
    response = render(request, "imports/_progress.html", {"job": job})
    if job.is_finished:
        response["HX-Refresh"] = "true"  # show the finished preview in full
    return response


def _owner_action(request, pk: int, action, done: str, refused: str):
    """Confirm or discard: only the officer who uploaded the file decides what becomes of it."""
    job = _job(request, pk)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    if action(job=job, user=_importer(request)):
        messages.info(request, done)
    else:
        messages.error(request, refused)
    return redirect("imports:job_detail", pk=job.pk)


@require_POST
def job_confirm(request, pk: int):
    return _owner_action(request, pk, import_job_confirm, _("Đã xác nhận: hệ thống đang lưu dữ liệu."),
                         _("Lượt nhập này không thể lưu (có lỗi hoặc đã lưu)."))


@require_POST
def job_discard(request, pk: int):
    return _owner_action(request, pk, import_job_discard, _("Đã hủy lượt nhập và xóa tệp đã tải lên."),
                         _("Lượt nhập này không thể hủy (đã lưu, đang xử lý hoặc đã hủy)."))


def job_errors(request, pk: int):
    job = _job(request, pk)
    rows = [(e["row"] or "", e["column"], e["message"]) for e in job.errors]
    return export_response("xlsx", f"loi-nhap-{job.pk}", [_("Dòng"), _("Cột"), _("Lỗi")], rows, request=request)
