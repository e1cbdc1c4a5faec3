"""What the organization and member lists show and export, and how they sort (next to filtersets.py)."""

import functools
from html import escape

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table
from antq_portal.paths import path_to
from geography.models import place_name


def place(commune) -> str:
    """"Phường 1, Thành phố Bạc Liêu": commune names repeat across districts (a row's commune and district read
    with it; the organization and member lists read the names of a page's communes at once: place_names)."""
    return place_name(commune.name, commune.parent.name if commune.parent_id else None)


def _member_header(view) -> str:
    return _("Thành viên (ngày %(day)s)") % {"day": view.filterset.count_day.strftime("%d/%m/%Y")}


@functools.cache
def _choice_labels(model, field_name: str) -> dict:
    return dict(make_hashable(model._meta.get_field(field_name).flatchoices))


def display(field_name: str):
    """A column's value: `row.get_<field_name>_display()`, the choices read once rather than on every row
    (Django builds their dict for each call: a fifth of a member page's cells)."""
    def value(row, view):
        raw = getattr(row, field_name)
        return force_str(_choice_labels(type(row), field_name).get(make_hashable(raw), raw), strings_only=True)
    return value


def _birth(member):
    return member.birth_date.year if member.birth_date else member.birth_year


def _birth_cell(member, view) -> str:
    """The year as written, without a thousands separator."""
    return str(_birth(member) or "")


def organization_link(organization, *, archived: bool = False) -> str:
    """The organization's name linking to its page (an archived one's page with ?archived=1)."""
    url = path_to("organizations:organization_detail", organization.pk)
    return mark_safe(f'<a href="{escape(url)}{"?archived=1" if archived else ""}">{escape(organization.name)}</a>')


ORGANIZATIONS = Table(
    columns=(
        Column("name", _("Tên tổ chức"), lambda org, view: org.name, sort="name",
               html=lambda org, view: organization_link(org, archived=org.is_archived)),
        Column("kind", _("Loại"), lambda org, view: org.kind.name, sort="kind__sort_order"),
        Column("hamlet", _("Ấp, khóm"), lambda org, view: org.hamlet, sort="hamlet"),
        Column("commune", _("Xã, phường, thị trấn"), lambda org, view: org.commune_place, sort="commune__path"),
        Column("founded_on", _("Thành lập"), lambda org, view: org.founded_on, sort="founded_on"),
        Column("dissolved_on", _("Giải thể"), lambda org, view: org.dissolved_on, sort="dissolved_on"),
        Column("leader", _("Người đứng đầu"), lambda org, view: org.leader_name),
        Column("leader_phone", _("Điện thoại"), lambda org, view: org.leader_phone_for(view.request.user)),
        Column("members", _member_header, lambda org, view: org.member_count, sort="member_count", numeric=True),
    ),
    # By commune, then kind, then name, on the table's own columns: an index walk (organization_list_order)
    # reaches page 500 without joining the 25,000 rows before it. Commune ids follow the official code order
    # in which the units were loaded; kinds' ids their list order.
    default_sort=("commune_id", "kind_id", "name"),
    tie_break=("name",),
    reads=("name", "archived_at", "kind__name", "hamlet", "commune_id", "founded_on", "dissolved_on", "leader_name",
           "leader_phone"),
    noun=pgettext_lazy("list total", "tổ chức"),
    filename="to-chuc-quan-chung",
)

MEMBERS = Table(
    columns=(
        Column("full_name", _("Họ và tên"), lambda m, view: m.full_name, sort="full_name"),
        Column("gender", _("Giới tính"), display("gender")),
        Column("birth_year", _("Năm sinh"), lambda m, view: _birth(m), html=_birth_cell),
        Column("role", _("Chức danh"), display("role"), sort="role"),
        Column("organization", _("Tổ chức"), lambda m, view: m.organization.name, sort="organization__name",
               html=lambda m, view: organization_link(m.organization)),
        Column("commune", _("Xã, phường, thị trấn"), lambda m, view: m.commune_place,
               sort="organization__commune__path"),
        Column("citizen_id", _("Số CCCD"), lambda m, view: m.citizen_id_for(view.request.user)),
        Column("phone", _("Điện thoại"), lambda m, view: m.phone_for(view.request.user)),
        Column("joined_on", _("Tham gia"), lambda m, view: m.joined_on, sort="joined_on"),
        Column("left_on", _("Thôi tham gia"), lambda m, view: m.left_on, sort="left_on"),
    ),
    # Each organization's members together, by role, then name (member_list_order), the organizations in the
    # organization list's order: walked along organization_list_order within the scope, each organization's
    # members along member_list_order (by organization id alone, a province's page 1 walked the members of
    # every organization of the country ahead of its own: 60–90 ms).
    default_sort=("organization__commune_id", "organization__kind_id", "organization__name", "organization_id",
                  "role", "full_name"),
    tie_break=("full_name",),
    reads=("full_name", "gender", "birth_date", "birth_year", "role", "organization__name",
           "organization__commune_id", "citizen_id", "phone", "joined_on", "left_on"),
    noun=pgettext_lazy("list total", "lượt thành viên"),
    filename="thanh-vien-to-chuc-quan-chung",
)
