"""The chain's pages: a period's communes and their status, one commune's period, the steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import units_in_scope
from antq_portal.paths import path_to
from geography.models import AdministrativeUnit
from reports.periods import ReportingPeriod

from . import rules, selectors, services
from .forms import ApproveForm, PeriodForm, ReasonForm, SubmitForm, period_choices
from .models import Status, Submission

# Read when the page is made, in the officer's language (a plain gettext here ran once, at import, in Vietnamese).
GROUP_LABELS = {
    "all": gettext_lazy("Tất cả xã"), "submitted": gettext_lazy("Xã đã nộp"),
    "approved": gettext_lazy("Xã đã được duyệt"), "accepted": gettext_lazy("Xã tỉnh đã tiếp nhận"),
    "waiting": gettext_lazy("Xã chờ duyệt"), "missing": gettext_lazy("Xã chưa báo cáo"),
    "returned": gettext_lazy("Xã bị trả lại"), "not_submitted": gettext_lazy("Xã chưa nộp"),
}


def _period(key: str) -> ReportingPeriod:
    try:
        return ReportingPeriod.from_key(key)
    except ValueError:
        raise Http404 from None


def _unit(request) -> AdministrativeUnit:
    """The unit in the query string (inside the user's scope), else the user's own."""
    unit_id = request.GET.get("unit")
    if unit_id:
        return get_object_or_404(units_in_scope(request.user), pk=unit_id if unit_id.isdigit() else 0)
    if request.user.unit_id:
        return request.user.unit
    raise Http404


def overview_url(period: ReportingPeriod, unit: AdministrativeUnit | None = None, group: str | None = None) -> str:
    query = {"kind": period.kind, "period": period.key}
    if unit is not None:
        query["unit"] = unit.pk
    if group:
        query["group"] = group
    return f"{path_to('approvals:overview')}?{urlencode(query)}"  # by the hundred on a province's dashboard


def overview(request):
    """A period's communes under a unit: the completeness figures and the list behind each one."""
    form = PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("kind") or selectors.default_kind()
    period = data.get("period") or selectors.current_period(kind)
    unit = _unit(request)
    group = request.GET.get("group") if request.GET.get("group") in selectors.GROUPS else "all"
    figures = selectors.completeness(user=request.user, unit=unit, period=period)
    communes = (selectors.communes_in_group(user=request.user, unit=unit, period=period, group=group)
                .select_related("parent").order_by("path"))
    page = Paginator(communes, 100).get_page(request.GET.get("page"))
    submissions = {s.commune_id: s for s in Submission.objects.visible_to(request.user).for_period(period)
                   .filter(commune__in=[c.pk for c in page]).select_related("submitted_by", "approved_by")}
    rows = [{"commune": c, "submission": submissions.get(c.pk)} for c in page]
    links = {g: overview_url(period, unit, g) for g in selectors.GROUPS}
    return render(request, "approvals/overview.html", {
        "form": form, "period": period, "unit": unit, "figures": figures, "group": group,
        "group_label": GROUP_LABELS[group], "page": page, "rows": rows, "links": links, "page_base": links[group],
        "choices": period_choices(selectors.current_period(period.kind)), "kind": period.kind,
        "can_accept": rules.can_accept(request.user) and figures["approved"] > figures["accepted"],
        "statuses": Status,
        "listed": {"noun": _("xã")},  # the list's stated total: the figure that opened it must equal it
    })


def _commune_in_scope(request, commune_id: int) -> AdministrativeUnit:
    return get_object_or_404(units_in_scope(request.user).communes().select_related("parent"), pk=commune_id)


def commune_period(request, period: str, commune_id: int):
    """One commune's period: where it stands, its steps (who, when, why) and what the officer may do."""
    reporting_period = _period(period)
    commune = _commune_in_scope(request, commune_id)
    submission = (Submission.objects.visible_to(request.user).for_period(reporting_period)
                  .filter(commune=commune).select_related("submitted_by", "approved_by", "approved_unit",
                                                          "accepted_by").first())
    events = list(submission.events.select_related("by", "unit").order_by("-at", "-pk")) if submission else []
    return render(request, "approvals/commune_period.html", {
        "period": reporting_period, "commune": commune, "submission": submission, "events": events,
        "actions": rules.actions_for(request.user, commune, submission),
        "submit_form": SubmitForm(), "approve_form": ApproveForm(), "reason_form": ReasonForm(),
        "overview_url": overview_url(reporting_period, commune.parent),
    })


@require_POST
def commune_period_step(request, period: str, commune_id: int, step: str):
    reporting_period = _period(period)
    commune = _commune_in_scope(request, commune_id)
    here = reverse("approvals:commune_period", args=[reporting_period.key, commune.pk])
    submission = Submission.objects.visible_to(request.user).for_period(reporting_period).filter(commune=commune).first()
    forms = {"submit": SubmitForm, "approve": ApproveForm, "return": ReasonForm, "reopen": ReasonForm}
    if step not in forms or (step != "submit" and submission is None):
        raise Http404
    form = forms[step](request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(here)
    data = form.cleaned_data
    try:
        if step == "submit":
            services.submission_submit(by=request.user, commune=commune, period=reporting_period, note=data["note"])
            done = _("Đã nộp báo cáo %(period)s của %(commune)s.")
        elif step == "approve":
            services.submission_approve(by=request.user, submission=submission, note=data["note"])
            done = _("Đã duyệt số liệu %(period)s của %(commune)s; số liệu kỳ này được khóa.")
        elif step == "return":
            services.submission_return(by=request.user, submission=submission, reason=data["reason"])
            done = _("Đã trả lại báo cáo %(period)s của %(commune)s.")
        else:
            services.submission_reopen(by=request.user, submission=submission, reason=data["reason"])
            done = _("Đã mở lại kỳ %(period)s của %(commune)s; xã sửa số liệu rồi nộp lại.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(here)
    messages.success(request, done % {"period": reporting_period.name, "commune": commune.name})
    return redirect(here)


@require_POST
def period_accept(request, period: str):
    """The province accepts every approved commune of the unit for the period."""
    reporting_period = _period(period)
    unit = get_object_or_404(units_in_scope(request.user), pk=request.POST.get("unit") or 0)
    if not rules.can_accept(request.user):
        raise PermissionDenied
    count = services.submission_accept(by=request.user, unit=unit, period=reporting_period)
    messages.success(request, _("Đã tiếp nhận số liệu %(period)s của %(count)s xã.")
                     % {"period": reporting_period.name, "count": f"{count:,}".replace(",", ".")})
    return redirect(overview_url(reporting_period, unit))


def freshness(request):
    """Per commune, the share of organizations rated (re-confirmed) in the year; those not for two years."""
    from django.utils import timezone

    from .freshness import freshness_by_commune, not_confirmed_for_two_years

    unit = _unit(request)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else timezone.localdate().year
    rows = freshness_by_commune(user=request.user, unit=unit, year=year)
    total, rated = sum(r["total"] for r in rows), sum(r["rated"] for r in rows)
    stale = Paginator(not_confirmed_for_two_years(user=request.user, unit=unit, year=year), 100)
    return render(request, "approvals/freshness.html", {
        "unit": unit, "year": year, "rows": rows, "total": total, "rated": rated,
        "share": round(100 * rated / total, 1) if total else None,
        "stale": stale.get_page(request.GET.get("page")), "years": range(year + 1, year - 6, -1),
    })
