"""Place names as people type them, resolved to administrative units inside the importer's scope.

A row is read in the layout valid on its date (geography.lookup.layout_on; a row without a date in
the importer's own layout). In the 2025 layout an old name ("P. Hộ Phòng, TX Giá Rai") maps to the
new commune it became. A province or city named in the text that is not the unit's own is never
overruled by a same-named commune inside the scope: "Phường 5, TP Cà Mau" is not Bạc Liêu's Phường 5.
"""

import re
from datetime import date

from django.utils.translation import gettext as _
from vietnamadminunits import ParseMode, parse_address

from accounts.scope import units_in_scope
from antq_portal.text import fold
from geography.loaders import province_names
from geography.lookup import AmbiguousUnit, UnitNotFound, describe, layout_on, resolve_unit, unit_as_of
from geography.models import AdministrativeUnit, Layout, Level

from .columns import CellError

# Unit-type words people put before a name ("P.", "xa", "TT", "huyen") — dropped to compare bare names.
_PREFIX = re.compile(r"^(thi tran|thi xa|thanh pho|phuong|xa|huyen|quan|tinh|tp|tx|tt|p|x|h|q)[\s.]+")
_PARTS = re.compile(r"\s*[,;–]\s*|\s+-\s+")
_COUNTRY = {"viet nam", "vn"}


def _bare(text: str) -> str:
    return _PREFIX.sub("", fold(text)).strip(" .")


class PlaceResolver:
    """Resolves and caches: a 17,000-row file repeats the same few dozen places."""

    def __init__(self, user):
        self.user = user
        unit = user.unit if user.unit_id else None
        fields = ("id", "name", "short_name", "level", "layout", "key", "path", "parent_id")
        # The units the importer's scope names: their subtree and, for a 2025 unit, the old communes, districts
        # and provinces wholly inside it; every unit for a superuser without one.
        self.allowed = {u.pk: u for u in units_in_scope(user).only(*fields)}
        self.layout = unit.layout if unit else Layout.LEGACY
        self.scope_name = unit.name if unit else _("toàn quốc")
        self.whole_country = unit is None
        self._provinces: dict[str, list[AdministrativeUnit]] = {}
        self._units: dict[tuple[str, str], AdministrativeUnit | None] = {}
        self._cache: dict[tuple, AdministrativeUnit | CellError] = {}
        self._by_bare: dict[str, dict[str, list[AdministrativeUnit]]] = {}
        self._regions: set[str] | None = None

    def resolve(self, text: str, *, level: str = "commune", on: date | None = None) -> AdministrativeUnit:
        layout = layout_on(on) if on else self.layout
        key = (fold(text), level, layout)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(text, level, layout)
            except CellError as error:
                self._cache[key] = error
        found = self._cache[key]
        if isinstance(found, CellError):
            raise found
        return found

    def _resolve(self, text: str, level: str, layout: str) -> AdministrativeUnit:
        # In the 2025 layout an old name is read too ("P. Hộ Phòng, TX Giá Rai" -> the commune it became);
        # the exact unit parser first in both layouts, the free-form address parser after it.
        layouts = [Layout.Y2025, Layout.LEGACY] if layout == Layout.Y2025 else [layout]
        unit = None
        for finder in (self._lookup, self._parse_or_name):
            unit = next((found for each in layouts if (found := finder(text, level, each)) is not None), None)
            if unit is not None:
                break
        if unit is None:
            raise CellError(_("Không tìm thấy địa danh “%(text)s”. Hãy ghi rõ xã/phường và huyện/thị xã,"
                              " ví dụ “Phường Hộ Phòng, Thị xã Giá Rai”.") % {"text": text})
        self._check_named_places(text, unit)
        if unit.layout == Layout.LEGACY and layout == Layout.Y2025:
            unit = unit_as_of(unit, None, layout)
        if unit.pk not in self.allowed:
            raise self._outside(text, self._describe(unit))
        return unit

    def _outside(self, text: str, what: str) -> CellError:
        return CellError(_("“%(text)s” (%(unit)s) nằm ngoài phạm vi của bạn (%(scope)s).")
                         % {"text": text, "unit": what, "scope": self.scope_name})

    # Finding the unit in one layout ----------------------------------------------------------
    def _parse_or_name(self, text: str, level: str, layout: str) -> AdministrativeUnit | None:
        return self._parse(text, level, layout) or self._by_name(text, level, layout)

    def _lookup(self, text: str, level: str, layout: str) -> AdministrativeUnit | None:
        """The one unit parser (names, short forms, parents after a comma), in `layout` only."""
        try:
            return resolve_unit(text, layout=layout, level=Level.COMMUNE if level == "commune" else None)
        except UnitNotFound:
            return None
        except AmbiguousUnit as error:
            mine = [unit for unit in error.candidates if unit.pk in self.allowed]
            if len(mine) == 1:
                return mine[0]
            raise self._ambiguous(text, error.candidates) from None

    def _ambiguous(self, text: str, candidates: list[AdministrativeUnit]) -> CellError:
        return CellError(_("Địa danh “%(text)s” chưa rõ: có %(count)d nơi trùng tên (%(names)s). Hãy ghi thêm"
                           " huyện/thị xã.") % {"text": text, "count": len(candidates),
                                                "names": "; ".join(self._describe(u) for u in candidates)})

    def _check_named_places(self, text: str, unit: AdministrativeUnit) -> None:
        """A province or district named in the text must be the unit's own ("Phường 5, TP Cà Mau")."""
        written = [part for part in _PARTS.split(text)[1:] if _bare(part) and _bare(part) not in _COUNTRY]
        if not written:
            return
        own = {_bare(name) for u in [unit, *unit.ancestors()] for name in (u.name, u.short_name)}
        for part in written:
            if _bare(part) not in own and _bare(part) in self._region_names():
                raise self._outside(text, part.strip())

    def _region_names(self) -> set[str]:
        """Bare names of every province (both layouts) and every loaded district-level unit."""
        if self._regions is None:
            self._regions = {_bare(name) for layout in (Layout.LEGACY, Layout.Y2025)
                             for name in province_names(layout)}
            self._regions |= {_bare(name) for name in AdministrativeUnit.objects.filter(level__lt=Level.COMMUNE)
                              .values_list("name", flat=True).distinct()}
        return self._regions

    def _provinces_in(self, layout: str) -> list[AdministrativeUnit]:
        """The importer's provinces in `layout` (a 2025 province has old ones: Bạc Liêu and Cà Mau)."""
        if layout not in self._provinces:
            if self.whole_country:
                self._provinces[layout] = []
            else:
                roots = {"/".join(u.path.split("/")[:2]) + "/" for u in self.allowed.values() if u.layout == layout}
                self._provinces[layout] = list(AdministrativeUnit.objects.filter(path__in=roots).order_by("path"))
        return self._provinces[layout]

    def _unit(self, key: str, layout: str) -> AdministrativeUnit | None:
        if (key, layout) not in self._units:
            self._units[(key, layout)] = AdministrativeUnit.objects.filter(layout=layout, key=key).first()
        return self._units[(key, layout)]

    def _parse_keys(self, address: str, layout: str):
        mode = ParseMode.LEGACY if layout == Layout.LEGACY else ParseMode.FROM_2025
        try:
            parsed = parse_address(address, mode=mode)
        except Exception:  # the parser raises plain exceptions on text it cannot read
            return None
        return parsed if getattr(parsed, "province_key", None) else None

    @staticmethod
    def _score(parsed, province) -> tuple[bool, bool]:
        if parsed is None:
            return (False, False)
        return (bool(getattr(parsed, "district_key", None)), parsed.province_key == province.key)

    def _parse(self, text: str, level: str, layout: str) -> AdministrativeUnit | None:
        """The address parser of `vietnamadminunits`, for what the unit parser cannot read
        ("xa Vinh Thinh huyen Hoa Binh")."""
        folded = fold(text)
        parsed = self._parse_keys(text, layout)
        for province in self._provinces_in(layout):
            if parsed is not None and parsed.ward_key:
                break
            # People leave the province out: it is the importer's own. The completed text wins only if
            # it finds more ("Phường 1 - TP Bạc Liêu"); "Huyện Hòa Bình" alone is a province elsewhere.
            completed = self._parse_keys(f"{text}, {province.name}", layout)
            if completed is not None and (completed.ward_key or self._score(completed, province)
                                          > self._score(parsed, province)):
                parsed = completed
        if parsed is None:
            return None
        legacy = layout == Layout.LEGACY
        province, district, ward = parsed.province_key, parsed.district_key if legacy else None, parsed.ward_key
        if ward:
            return self._unit("_".join(k for k in (province, district, ward) if k), layout)
        if level == "commune":
            return None
        # A district or province counts only when the text itself names it (not the appended province).
        # "Tỉnh Bạc Liêu" is the province, not its namesake city.
        if folded.startswith("tinh ") and _bare(parsed.province) == _bare(text):
            return self._unit(province)
        if district and _bare(parsed.district) in folded:
            return self._unit(f"{province}_{district}", layout)
        if _bare(parsed.province) in folded:
            return self._unit(province, layout)
        return None

    def _by_name(self, text: str, level: str, layout: str) -> AdministrativeUnit | None:
        """The parsers found no commune: compare the bare name with the communes of the province."""
        if layout not in self._by_bare:
            units = AdministrativeUnit.objects.filter(layout=layout, level=Level.COMMUNE)
            provinces = self._provinces_in(layout)
            if not self.whole_country:
                units = units.filter(path__regex=r"^(" + "|".join(re.escape(p.path) for p in provinces) + ")") \
                    if provinces else units.none()
            self._by_bare[layout] = {}
            for unit in units.select_related("parent"):
                self._by_bare[layout].setdefault(_bare(unit.name), []).append(unit)
        first = re.split(r"[,;\-–]", text, maxsplit=1)[0]
        candidates = self._by_bare[layout].get(_bare(first), [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        named = [unit for unit in candidates if unit.parent_id and _bare(unit.parent.name) in fold(text)]
        if len(named) == 1:
            return named[0]
        mine = [unit for unit in candidates if unit.pk in self.allowed]
        if len(mine) == 1:
            return mine[0]
        raise self._ambiguous(text, candidates)

    def _describe(self, unit: AdministrativeUnit) -> str:
        if unit.level != Level.COMMUNE or not unit.parent_id:
            return unit.name
        if unit.layout == Layout.Y2025:
            return f"{unit.name}, {unit.parent.name}"
        return describe(unit) if self.layout == Layout.Y2025 else f"{unit.name}, {unit.parent.name}"


class PlaceLabels:
    """How exports write a unit ("Phường Hộ Phòng, Thị xã Giá Rai, Tỉnh Bạc Liêu") so that the import
    resolves it back to the same unit; one lookup per unit, however many rows hang on it."""

    def __init__(self):
        self._labels: dict[int, str] = {}

    def __call__(self, unit: AdministrativeUnit) -> str:
        if unit.pk not in self._labels:
            self._labels[unit.pk] = unit.full_name()
        return self._labels[unit.pk]
