"""Shared reads of the reports app: finding a unit by what people type, reports a user may see."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from accounts.scope import units_in_scope
from antq_portal.text import fold
from geography.models import AdministrativeUnit


def _matches(text: str, layout: str | None):
    wanted = fold(text)
    units = AdministrativeUnit.objects.filter(Q(search_name=wanted) | Q(search_name__endswith=f" {wanted}"))
    if layout:
        units = units.filter(layout=layout)
    return [u for u in units.select_related("parent") if wanted in (fold(u.name), fold(u.short_name))]


def unit_by_name_or_code(text: str, *, layout: str | None = None) -> AdministrativeUnit:
    """"Bạc Liêu" (the province wins over the city of the same name), "95", or
    "Phường 1, Thành phố Bạc Liêu" (a parent after a comma settles a shared name)."""
    text = (text or "").strip()
    if text.isdigit():
        units = list(AdministrativeUnit.objects.filter(code=text, **({"layout": layout} if layout else {})))
    else:
        name, _comma, parent = text.partition(",")
        units = _matches(name, layout)
        if parent.strip():
            units = [u for u in units if u.parent and fold(parent) in (fold(u.parent.name), fold(u.parent.short_name))]
    if not units:
        raise ValidationError(f'Không tìm thấy đơn vị hành chính "{text}".')
    top = min(u.level for u in units)
    units = [u for u in units if u.level == top]
    if len(units) > 1:
        names = "; ".join(f"{u.name} ({u.parent.name if u.parent else u.get_layout_display()}, mã {u.code})"
                          for u in units)
        raise ValidationError(f'Tên "{text}" chỉ nhiều đơn vị: {names}. Hãy ghi mã đơn vị hoặc thêm '
                              f'đơn vị cấp trên sau dấu phẩy, ví dụ "{units[0].name}, {units[0].parent}".')
    return units[0]


def unit_in_scope(user, unit: AdministrativeUnit) -> bool:
    return units_in_scope(user).filter(pk=unit.pk).exists()
