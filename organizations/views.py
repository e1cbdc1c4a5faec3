import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from accounts.scope import commune_in_scope
from antq_portal.lists import RegistryListView
from antq_portal.versioning import (
    VERSION_FIELD,
    VersionConflict,
    check_version,
    conflict_context,
    form_version,
)
from geography.models import place_names, places_under

from . import panels, tables
from .filtersets import MemberFilterSet, OrganizationFilterSet
from .forms import MemberFormSet, OrganizationForm, RatingFormSet
from .models import Member, MemberRole, Organization, member_count, member_counts, set_member_counts
from .selectors import citizen_id_elsewhere, organization_history
from .services import organization_archive, organization_create, organization_restore, organization_update

logger = logging.getLogger(__name__)
SHARED_FILTERS = ("q", "district", "commune", "kind", "active_on")


class RegistryList(RegistryListView):
    # Filters on rows the triggers of reports/triggers.py do not watch (an organization's ratings): a total
    # filtered by them is counted each time, never kept.
    UNWATCHED_FILTERS = ("rating", "rating_year")

    def count_keeper(self):
        """Totals and pages' ids kept under the stamp of the officer's communes, as tallies are (reports.kept): a
        write to an organization or member under their unit, or to the lists and units, moves it. Not for words typed in
        the search box (a row per word), nor for filters on rows the stamp does not follow."""
        from geography.models import rolled_up_ids
        from reports.kept import kept_many

        user = self.request.user
        if user.unit_id is None or self.searched or any(self.request.GET.get(f) for f in self.UNWATCHED_FILTERS):
            return None
        communes = rolled_up_ids(user.unit)

        def keep(asked: dict) -> dict:
            kept = kept_many({f"list|{question}": compute for question, compute in asked.items()}, communes)
            return {question: kept[f"list|{question}"] for question in asked}
        return keep

    def commune_of(self, row) -> int:
        raise NotImplementedError

    def prepare_rows(self, rows: list) -> list:
        """The rows shown or exported, each with its `commune_place` (its commune and district): those of the
        officer's unit kept with the unit tree (geography.models.places_under); without a unit, one query.

        A page's rows are read by their ids, which a kept page keeps while no row under the officer's unit is
        written (ListPaginator._kept): should that ever fail, a row outside the officer's scope is dropped here,
        never shown."""
        user, in_scope = self.request.user, commune_in_scope(self.request.user)
        inside = [(row, commune) for row in rows if in_scope(commune := self.commune_of(row))]
        if len(inside) < len(rows):
            logger.error("%s rows outside the scope of %s dropped from %s", len(rows) - len(inside), user,
                         self.request.path)
        # An officer's rows all lie in their unit's communes (just checked), every one of which is named here.
        names = places_under(user.unit) if user.unit_id else place_names({commune for _row, commune in inside})
        for row, commune in inside:
            row.commune_place = names.get(commune, "")
        return [row for row, _commune in inside]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filters both lists share, to jump between organizations and their members.
        shared = {key: value for key, value in self.request.GET.items() if key in SHARED_FILTERS and value}
        context["shared_query"] = urlencode(shared)
        context["count_day"] = self.filterset.count_day
        return context


class OrganizationListView(RegistryList):
    filterset_class = OrganizationFilterSet
    table = tables.ORGANIZATIONS
    template_name = "organizations/organization_list.html"
    kept = ("archived",)

    @property
    def showing_archived(self) -> bool:
        return self.request.GET.get("archived") == "1" and self.request.user.has_perm(
            "organizations.restore_organization")

    def base_queryset(self):
        return Organization.objects.visible_to(self.request.user, archived=self.showing_archived).select_related("kind")

    def commune_of(self, row) -> int:
        return row.commune_id

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["showing_archived"] = self.showing_archived
        return context

    def page_values(self):
        # The page's member counts, kept with its ids (one grouped query when the page is kept again).
        day = self.filterset.count_day
        return day.isoformat(), lambda ids: {"member_count": member_counts(ids, day)}

    def page_rows(self, queryset, ids, values=None):
        # The page's member counts, when not kept with it, in the same query as its rows (a subquery for its rows
        # only), unless the sort by the count already annotates them.
        rows = super().page_rows(queryset, ids)
        if "member_count" in rows.query.annotations or (values and "member_count" in values):
            return rows
        return rows.annotate(member_count=member_count(self.filterset.count_day))

    def prepare_rows(self, rows: list) -> list:
        # An export's rows their member counts (a page's are counted with them: page_rows).
        return super().prepare_rows(set_member_counts(rows, self.filterset.count_day))


class MemberListView(RegistryList):
    filterset_class = MemberFilterSet
    table = tables.MEMBERS
    template_name = "organizations/member_list.html"

    def base_queryset(self):
        return Member.objects.visible_to(self.request.user).select_related("organization")

    def commune_of(self, row) -> int:
        return row.organization.commune_id


class OrganizationDetailView(DetailView):
    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        user = self.request.user
        # Staff who may restore also open archived ones (to restore them).
        archived = user.has_perm("organizations.restore_organization") and self.request.GET.get("archived") == "1"
        return Organization.objects.visible_to(user, archived=archived).select_related(
            "kind", "commune__parent", "created_by", "archived_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org, user = self.object, self.request.user
        # Current members first, the Tổ trưởng and Tổ phó on top.
        rank = {MemberRole.LEADER: 0, MemberRole.DEPUTY: 1}
        members = sorted(org.members.filter(archived_at__isnull=True),
                         key=lambda m: (m.left_on is not None, rank.get(m.role, 2), m.full_name))
        for member in members:
            member.shown_citizen_id = member.citizen_id_for(user)
            member.shown_phone, member.shown_birth_date = member.phone_for(user), member.birth_date_for(user)
        context.update({
            "shown_leader_phone": org.leader_phone_for(user),
            "members": members,
            "active_member_count": sum(1 for m in members if m.left_on is None),
            "ratings": org.ratings.all(),
            "history": organization_history(org, user=user),
            "detail_panels": panels.DETAIL_PANELS,
        })
        return context


def citizen_id_notices(organization: Organization, user) -> list[str]:
    """A warning with a link per member who is also in another active team (it saves: one person may
    serve in two teams, but a duplicate entry is worth a look)."""
    return [format_html(
        _("Lưu ý: {name} (CCCD …{last4}) cũng đang là thành viên của <a href=\"{url}\">{org}</a> "
          "({commune}). Một người có thể tham gia hai tổ; hãy kiểm tra nếu đây là nhập trùng."),
        name=other.full_name, last4=other.citizen_id[-4:], url=other.organization.get_absolute_url(),
        org=other.organization.name, commune=other.organization.commune.name)
        for other in citizen_id_elsewhere(organization=organization, user=user)]


class OrganizationFormMixin:
    """The organization form with its members and ratings as inline formsets, saved by a service."""

    model = Organization
    form_class = OrganizationForm
    template_name = "organizations/organization_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_formsets(self, instance=None):
        data = self.request.POST if self.request.method == "POST" else None
        instance = instance or self.object or Organization()
        return [MemberFormSet(data, instance=instance, prefix="members", form_kwargs={"user": self.request.user}),
                RatingFormSet(data, instance=instance, prefix="ratings")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", self.get_formsets())
        context.setdefault("version", form_version(self.request, self.object))
        if self.object is not None and self.request.method == "GET":
            context["citizen_id_notices"] = citizen_id_notices(self.object, self.request.user)
        context["member_formset"], context["rating_formset"] = context["formsets"]
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        # The formsets share the form's instance: its kind and dates decide the member and rating rules.
        formsets = self.get_formsets(form.instance)
        valid = form.is_valid()
        valid = all([fs.is_valid() for fs in formsets]) and valid
        if valid:
            try:
                with transaction.atomic():
                    if self.object is not None:
                        check_version(self.object, request.POST.get(VERSION_FIELD))
                    self.object = self.save(form, formsets)
            except VersionConflict as conflict:
                context = self.get_context_data(form=form, formsets=formsets,
                                                **conflict_context(conflict, request.user))
                return self.render_to_response(context, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message % {"name": self.object.name})
                for notice in citizen_id_notices(self.object, request.user):
                    messages.warning(request, notice)
                return redirect(self.object.get_absolute_url())
        messages.error(request, _("Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới."))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))


class OrganizationCreateView(PermissionRequiredMixin, OrganizationFormMixin, CreateView):
    permission_required = "organizations.add_organization"
    success_message = _("Đã thêm tổ chức “%(name)s”.")

    def save(self, form, formsets):
        return organization_create(by=self.request.user, organization=form.instance, formsets=formsets)


class OrganizationUpdateView(PermissionRequiredMixin, OrganizationFormMixin, UpdateView):
    permission_required = "organizations.change_organization"
    success_message = _("Đã lưu thay đổi của “%(name)s”.")

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).select_related("kind", "commune")

    def save(self, form, formsets):
        return organization_update(by=self.request.user, organization=form.instance, formsets=formsets)


@require_POST
def organization_archive_view(request, pk: int):
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    try:
        organization_archive(by=request.user, organization=organization)
    except ValidationError as error:  # an approved period's figures do not move
        messages.error(request, " ".join(error.messages))
        return redirect(organization.get_absolute_url())
    messages.success(request, _("Đã lưu trữ (xóa) “%(name)s”. Cán bộ tổng hợp có thể khôi phục.")
                     % {"name": organization.name})
    return redirect("organizations:organization_list")


@require_POST
def organization_restore_view(request, pk: int):
    organization = get_object_or_404(Organization.objects.visible_to(request.user, archived=True), pk=pk)
    try:
        organization_restore(by=request.user, organization=organization)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("organizations:organization_list") + "?archived=1")
    messages.success(request, _("Đã khôi phục “%(name)s”.") % {"name": organization.name})
    return redirect(organization.get_absolute_url())
