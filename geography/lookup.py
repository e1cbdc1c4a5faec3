"""The one unit parser: what people type ("Cà Mau", "96", "Phường 5, TP Cà Mau") -> one unit.

Every command and page that takes a unit calls `resolve_unit`. The layout is the one asked for,
else the one valid on the date (before 01/07/2025 the three-level layout, from then on, and
when no date is given, the 2025 layout); a name or code found only in the other layout is taken
from there, so "Phường 1, Thị xã Giá Rai" still finds the old ward today.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq_portal.text import fold

from .models import NATION_CODE, AdministrativeUnit, Layout, Level, UnitSuccession

LAYOUT_CHANGE = date(2025, 7, 1)  # Resolution 202/2025/QH15: two levels from this day

# Abbreviations people put before a name; "tp ca mau" is compared as "thanh pho ca mau".
_ABBREVIATIONS = {"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran", "p": "phuong", "x": "xa",
                  "h": "huyen", "q": "quan", "t": "tinh"}
_LEADING = re.compile(r"^([a-z]{1,2})(?:\.\s*|\s+)")


def layout_on(day: date | None) -> str:
    """The layout valid on `day` (None: today's)."""
    return Layout.LEGACY if day is not None and day < LAYOUT_CHANGE else Layout.Y2025


def layout_for(day: date | None, layout: str | None = None) -> str:
    """THE layout figures, forms and imports read a date in: the one asked for, else the one valid on
    `day` (a date before 01/07/2025 means the three-level layout)."""
    return layout or layout_on(day)


def unit_as_of(unit: AdministrativeUnit, day: date | None, layout: str | None = None) -> AdministrativeUnit:
    """The unit that stood for `unit` on `day` (or in `layout`): a report's issuing body, an imported
    row's place.

    A pre-2025 unit in the 2025 layout: the 2025 commune its commune became, or for a province or
    district the 2025 province its communes went to. A 2025 unit in the old layout: the pre-2025
    unit of the same code and level when there is one. Otherwise `unit` itself.
    """
    wanted = layout_for(day, layout)
    if unit.layout == wanted:
        return unit
    if unit.level == Level.NATION:
        return AdministrativeUnit.objects.filter(layout=wanted, level=Level.NATION).first() or unit
    if wanted == Layout.Y2025:
        succession = (UnitSuccession.objects.filter(old_unit__path__startswith=unit.path, is_default=True)
                      .select_related("new_unit").order_by("new_unit__path").first())
        if succession is None:
            return unit
        if unit.level == Level.COMMUNE:
            return succession.new_unit
        province_path = "/".join(succession.new_unit.path.split("/")[:2]) + "/"
        return AdministrativeUnit.objects.filter(path=province_path).first() or unit
    return (AdministrativeUnit.objects.filter(layout=Layout.LEGACY, code=unit.code, level=unit.level).first()
            or unit)


def other_layout(layout: str) -> str:
    return Layout.Y2025 if layout == Layout.LEGACY else Layout.LEGACY


class UnitNotFound(ValidationError):
    pass


class AmbiguousUnit(ValidationError):
    def __init__(self, message: str, candidates: list[AdministrativeUnit]):
        super().__init__(message, code="ambiguous")
        self.candidates = candidates


def expand(text: str) -> str:
    """Folded, with a leading abbreviation written out: "P. Hộ Phòng" -> "phuong ho phong"."""
    folded = fold(text)
    match = _LEADING.match(folded)
    if match and match.group(1) in _ABBREVIATIONS:
        folded = f"{_ABBREVIATIONS[match.group(1)]} {folded[match.end():]}"
    return folded


def _names(unit: AdministrativeUnit) -> tuple[str, str]:
    return fold(unit.name), fold(unit.short_name)


def _ancestors(units: list[AdministrativeUnit]) -> dict[str, AdministrativeUnit]:
    """Every ancestor of `units`, by path, in one query."""
    prefixes = set()
    for unit in units:
        parts = unit.path.strip("/").split("/")
        prefixes.update("/".join(parts[:i]) + "/" for i in range(2, len(parts)))
    return {u.path: u for u in AdministrativeUnit.objects.filter(path__in=prefixes)}


def _ancestors_of(unit: AdministrativeUnit, known: dict[str, AdministrativeUnit]) -> list[AdministrativeUnit]:
    parts = unit.path.strip("/").split("/")
    paths = ["/".join(parts[:i]) + "/" for i in range(len(parts) - 1, 1, -1)]  # nearest first
    return [known[p] for p in paths if p in known]


def _candidates(text: str, layout: str, within: QuerySet | None, level: int | None) -> list[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(layout=layout)
    if level is not None:
        units = units.filter(level=level)
    if within is not None:
        units = units.filter(pk__in=within.values("pk"))
    if text.isdigit():
        return list(units.filter(code=text))
    if text.isascii() and text.isalpha() and text.upper() == NATION_CODE:  # the country's own code
        return list(units.filter(code=NATION_CODE))
    name, *parents = [part.strip() for part in text.split(",")]
    wanted = expand(name)
    found = [u for u in units.filter(Q(search_name=wanted) | Q(search_name__endswith=f" {wanted}"))
             if wanted in _names(u)]
    parents = [expand(p) for p in parents if p]
    if found and parents:
        known = _ancestors(found)
        # Each part after a comma names some unit above ("Phường 5, TP Cà Mau, Cà Mau").
        found = [u for u in found
                 if all(any(p in _names(a) for a in _ancestors_of(u, known)) for p in parents)]
    return found


def describe(unit: AdministrativeUnit) -> str:
    """"Phường 5, Thành phố Cà Mau, Tỉnh Cà Mau [trước 01/07/2025, mã 32008; nay thuộc Phường An Xuyên]"."""
    era = _("trước 01/07/2025") if unit.layout == Layout.LEGACY else _("từ 01/07/2025")
    successor = unit.successor()
    detail = _("%(era)s, mã %(code)s") % {"era": era, "code": unit.code}
    if successor is not None:
        detail += "; " + _("nay thuộc %(unit)s") % {"unit": successor.name}
    return f"{unit.full_name()} [{detail}]"


def resolve_unit(text: str, *, on: date | None = None, layout: str | None = None,
                 within: QuerySet | None = None, level: int | None = None) -> AdministrativeUnit:
    """The unit named or coded by `text` in `layout` (else the layout valid `on` that date; else the
    other one). "Bạc Liêu" as of 2018 is the province (a province wins over the city of the same
    name); a parent after a comma settles a shared name. `within` limits the search (a scope).
    Raises UnitNotFound or AmbiguousUnit (a ValidationError) with a Vietnamese message."""
    text = (text or "").strip()
    preferred = layout_for(on, layout)
    units: list[AdministrativeUnit] = []
    for each in [preferred] if layout else [preferred, other_layout(preferred)]:
        units = _candidates(text, each, within, level) if text else []
        if units:
            break
    if not units:
        raise UnitNotFound(_("Không tìm thấy đơn vị hành chính “%(text)s”. Hãy ghi tên (ví dụ “Cà Mau”, "
                             "“Phường 5, Thành phố Cà Mau”) hoặc mã đơn vị; đơn vị phải được nạp bằng "
                             "load_units trước.") % {"text": text}, code="not_found")
    top = min(u.level for u in units)
    units = [u for u in units if u.level == top]
    if len(units) > 1:
        example = next((f"{u.name}, {u.parent.name}" for u in units if u.parent_id), units[0].code)
        raise AmbiguousUnit(
            _("Tên “%(text)s” chỉ nhiều đơn vị: %(names)s. Hãy ghi mã đơn vị hoặc thêm đơn vị cấp trên sau "
              "dấu phẩy, ví dụ “%(example)s”.")
            % {"text": text, "names": "; ".join(describe(u) for u in units), "example": example},
            units)
    return units[0]


def check_commune_on(commune: AdministrativeUnit | None, day: date | None) -> None:
    """A record dated `day` hangs on a commune of the layout valid that day. A pre-2025 commune for a
    record dated from 01/07/2025 is refused with the commune it became (when that layout is loaded);
    a 2025 commune for an earlier record, with the old communes it was made from."""
    if commune is None or day is None or commune.layout == layout_on(day):
        return
    when = day.strftime("%d/%m/%Y")
    if commune.layout == Layout.LEGACY:
        new = commune.successor()
        if new is not None:
            raise ValidationError(
                _("%(commune)s là đơn vị trước 01/07/2025; hồ sơ ngày %(day)s ghi theo đơn vị mới: %(new)s.")
                % {"commune": commune.place_line().split(" — ")[0], "day": when, "new": new.full_name()},
                code="layout")
        return
    olds = [old.name_with_parent() for old in commune.predecessors()]
    if olds:
        raise ValidationError(
            _("%(commune)s chỉ có từ 01/07/2025; hồ sơ ngày %(day)s ghi theo đơn vị cũ: %(olds)s.")
            % {"commune": commune.name, "day": when, "olds": "; ".join(olds)}, code="layout")
