"""What the decision, recipient and people lists show and export, and how they sort."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq_portal.lists import Column, Table
from organizations.tables import place

RECIPIENTS = Table(
    columns=(
        Column("type", _("Đối tượng"), lambda r, view: r.get_recipient_type_display(), sort="recipient_type"),
        Column("name", _("Họ tên / tên tập thể"), lambda r, view: r.display_name, sort="person__full_name"),
        Column("birth_year", _("Năm sinh"), lambda r, view: r.person.birth_year if r.person_id else None),
        Column("commune", _("Xã, phường, thị trấn"), lambda r, view: place(r.commune), sort="commune__path"),
        Column("number", _("Số quyết định"), lambda r, view: r.decision.number, sort="decision__number"),
        Column("decided_on", _("Ngày quyết định"), lambda r, view: r.decision.decided_on,
               sort="decision__decided_on"),
        Column("authority", _("Cấp quyết định"), lambda r, view: r.decision.authority.name,
               sort="decision__authority__sort_order"),
        Column("form", _("Hình thức"), lambda r, view: r.decision.form.name, sort="decision__form__sort_order"),
        Column("kind", _("Loại khen thưởng"), lambda r, view: r.decision.get_kind_display(), sort="decision__kind"),
        Column("achievement", _("Thành tích"), lambda r, view: r.achievement),
    ),
    default_sort=("-decision__decided_on", "decision__number", "id"),
    noun=pgettext_lazy("list total", "lượt khen thưởng"),
    filename="nguoi-tap-the-duoc-khen",
)

DECISIONS = Table(
    columns=(
        Column("number", _("Số, ký hiệu"), lambda d, view: d.number, sort="number"),
        Column("decided_on", _("Ngày quyết định"), lambda d, view: d.decided_on, sort="decided_on"),
        Column("authority", _("Cấp quyết định"), lambda d, view: d.authority.name, sort="authority__sort_order"),
        Column("issuing_unit", _("Đơn vị ban hành"), lambda d, view: d.issuing_unit.name),
        Column("signer", _("Người ký"), lambda d, view: d.signer),
        Column("form", _("Hình thức"), lambda d, view: d.form.name, sort="form__sort_order"),
        Column("kind", _("Loại khen thưởng"), lambda d, view: d.get_kind_display(), sort="kind"),
        Column("individuals", _("Số cá nhân"), lambda d, view: d.individuals, sort="individuals", numeric=True),
        Column("collectives", _("Số tập thể"), lambda d, view: d.collectives, sort="collectives", numeric=True),
        Column("reason", _("Lý do, thành tích"), lambda d, view: d.reason),
    ),
    default_sort=("-decided_on", "number"),
    tie_break=("number",),
    noun=pgettext_lazy("list total", "quyết định"),
    filename="quyet-dinh-khen-thuong",
)


def _per_year(person) -> str:
    return "; ".join(f"{year}: {n}" for year, n in person.per_year)


PEOPLE = Table(
    columns=(
        Column("name", _("Họ và tên"), lambda p, view: p.full_name, sort="full_name"),
        Column("birth_year", _("Năm sinh"), lambda p, view: p.birth_year, sort="birth_year"),
        Column("commune", _("Xã, phường, thị trấn"), lambda p, view: place(p.commune), sort="commune__path"),
        Column("times", _("Số lần được khen"), lambda p, view: p.times, sort="times", numeric=True),
        Column("per_year", _("Theo năm"), lambda p, view: _per_year(p)),
    ),
    default_sort=("-times", "full_name"),
    tie_break=("full_name",),
    noun=pgettext_lazy("list total", "cá nhân"),
    filename="ca-nhan-duoc-khen",
)
