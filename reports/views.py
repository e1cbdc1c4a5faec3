from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from antq_portal.exports import export_response
from antq_portal.files import serve_file
from antq_portal.lists import RegistryListView

from . import services
from .compare import compare, spreadsheet_rows
from .filtersets import ReportFilterSet
from .forms import CompareForm, ReportRequestForm
from .models import Report
from .schedules import RUN_SCHEDULED_REPORTS, schedules_in_scope
from .tables import REPORTS


def scoped_reports(user):
    """The one way views reach reports: those of the user's scope (others are a 404). Reading writes
    nothing: stalled reports are re-queued or failed by beat and the workers (services.reap_reports)."""
    return Report.objects.visible_to(user).select_related("unit", "requested_by")


def _report(request, pk: int) -> Report:
    return get_object_or_404(scoped_reports(request.user), pk=pk)


class ReportListView(RegistryListView):
    template_name = "reports/report_list.html"
    filterset_class = ReportFilterSet
    table = REPORTS
    paginate_by = 25
    context_object_name = "reports"

    def base_queryset(self):
        return scoped_reports(self.request.user).defer("figures")

    def get_context_data(self, **kwargs):
        from django_celery_beat.models import PeriodicTask

        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_staff and user.has_perm("django_celery_beat.change_periodictask"):
            context["schedules_url"] = reverse("admin:django_celery_beat_periodictask_changelist")
            context["schedules"] = schedules_in_scope(PeriodicTask.objects.filter(task=RUN_SCHEDULED_REPORTS), user)
        return context


class ReportDetailView(DetailView):
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return scoped_reports(self.request.user)


@permission_required("reports.add_report", raise_exception=True)
def report_create(request):
    form = ReportRequestForm(request.POST or None, user=request.user, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.reap_reports()  # a request that writes anyway flushes the outbox first
        key = data["request_key"]
        again = bool(key) and Report.objects.filter(request_key=key).exists()
        try:
            report = services.report_request(kind=data["kind"], unit=data["unit"], as_of=data["as_of"],
                                             since=data["since"], until=data["until"], by=request.user,
                                             signer_name=data["signer_name"], request_key=key,
                                             approved_only=data["approved_only"], layout=data["layout"])
        except PermissionDenied:
            raise Http404 from None
        report.refresh_from_db()
        if again:
            messages.info(request, _("Yêu cầu này đã được gửi trước đó: đây là báo cáo đã tạo, không tạo thêm."))
        else:
            _say_where_it_went(request, report, _("Đã gửi yêu cầu dựng báo cáo."))
        return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/report_form.html", {"form": form})


def _say_where_it_went(request, report: Report, sent: str) -> None:
    if report.is_waiting_for_queue:
        messages.warning(request, _("Hàng đợi dựng báo cáo đang tạm ngừng. Yêu cầu đã được lưu và báo cáo sẽ "
                                    "được dựng ngay khi hàng đợi hoạt động trở lại."))
    else:
        messages.success(request, sent)


def report_status(request, pk: int):
    """The progress fragment htmx polls every second until the report is done or failed. Only reads."""
    return render(request, "reports/_status.html", {"report": _report(request, pk)})


def report_download(request, pk: int, fmt: str = "pdf"):
    if fmt not in ("pdf", "json", "xlsx"):
        raise Http404
    report = _report(request, pk)
    if not report.is_done:
        raise Http404(_("Báo cáo chưa dựng xong."))
    filename = f"bao-cao-{report.pk}"
    if fmt == "xlsx":
        return export_response("xlsx", filename, [_("Nhóm"), _("Chỉ tiêu"), _("Giá trị"), _("Kỳ trước"),
                                                  _("Tăng/giảm")], spreadsheet_rows(report.figures),
                               request=request)
    file = report.pdf if fmt == "pdf" else report.figures_file
    content_type = "application/pdf" if fmt == "pdf" else "application/json"
    return serve_file(request, file, filename=f"{filename}.{fmt}", target=report, content_type=content_type)


@require_POST
def report_retry(request, pk: int):
    report = _report(request, pk)
    if not request.user.has_perm("reports.add_report"):
        raise PermissionDenied
    outcome = services.report_retry(report=report)
    report.refresh_from_db()
    if outcome == services.RetryOutcome.QUEUED:
        _say_where_it_went(request, report, _("Đã đưa báo cáo vào hàng đợi để dựng lại."))
    elif outcome == services.RetryOutcome.RUNNING:
        messages.info(request, _("Báo cáo đang được dựng, chưa cần thử lại."))
    else:
        messages.info(request, _("Báo cáo đã dựng xong."))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
def report_reproduce(request, pk: int):
    report = _report(request, pk)
    if not request.user.has_perm("reports.add_report"):
        raise PermissionDenied
    try:
        again = services.report_reproduce(report=report, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.info(request, _("Đang dựng lại báo cáo với cùng tham số từ số liệu hiện tại."))
    return redirect(f"{reverse('reports:report_compare')}?a={report.pk}&b={again.pk}")


def report_compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    rows = None
    if form.is_valid():
        first, second = form.cleaned_data["a"], form.cleaned_data["b"]
        rows = compare(first.figures, second.figures)
    elif request.GET and any(key in form.errors for key in ("a", "b")):
        # A report outside the scope (or unknown) is not found, whatever the URL says.
        if set(request.GET) >= {"a", "b"}:
            raise Http404
    return render(request, "reports/report_compare.html", {"form": form, "rows": rows,
                                                            "changed": sum(r["changed"] for r in rows or [])})


