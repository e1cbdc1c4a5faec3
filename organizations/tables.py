"""What the organization and member lists show and export, and how they sort (next to filtersets.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table


def place(commune) -> str:
    """"Phường 1, Thành phố Bạc Liêu": commune names repeat across districts."""
    return f"{commune.name}, {commune.parent.name}" if commune.parent_id else commune.name


def _member_header(view) -> str:
    return _("Thành viên (ngày %(day)s)") % {"day": view.filterset.count_day.strftime("%d/%m/%Y")}


def _birth(member):
    return member.birth_date.year if member.birth_date else member.birth_year


ORGANIZATIONS = Table(
    columns=(
        Column("name", _("Tên tổ chức"), lambda org, view: org.name, sort="name"),
        Column("kind", _("Loại"), lambda org, view: org.kind.name, sort="kind__sort_order"),
        Column("hamlet", _("Ấp, khóm"), lambda org, view: org.hamlet, sort="hamlet"),
        Column("commune", _("Xã, phường, thị trấn"), lambda org, view: place(org.commune), sort="commune__path"),
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
    noun=pgettext_lazy("list total", "tổ chức"),
    filename="to-chuc-quan-chung",
)

MEMBERS = Table(
    columns=(
        Column("full_name", _("Họ và tên"), lambda m, view: m.full_name, sort="full_name"),
        Column("gender", _("Giới tính"), lambda m, view: m.get_gender_display()),
        Column("birth_year", _("Năm sinh"), lambda m, view: _birth(m)),
        Column("role", _("Chức danh"), lambda m, view: m.get_role_display(), sort="role"),
        Column("organization", _("Tổ chức"), lambda m, view: m.organization.name, sort="organization__name"),
        Column("commune", _("Xã, phường, thị trấn"), lambda m, view: place(m.organization.commune),
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
    noun=pgettext_lazy("list total", "lượt thành viên"),
    filename="thanh-vien-to-chuc-quan-chung",
)
