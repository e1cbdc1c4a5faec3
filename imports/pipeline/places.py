"""Place names as people type them, resolved to administrative units inside the importer's scope."""

import re

from django.utils.translation import gettext as _
from vietnamadminunits import ParseMode, parse_address

from accounts.scope import units_in_scope
from antq_portal.text import fold
from geography.models import AdministrativeUnit, Layout, Level

from .columns import CellError

# Unit-type words people put before a name ("P.", "xa", "TT", "huyen") — dropped to compare bare names.
_PREFIX = re.compile(r"^(thi tran|thi xa|thanh pho|phuong|xa|huyen|quan|tinh|tp|tx|tt|p|x|h|q)[\s.]+")


def _bare(text: str) -> str:
    return _PREFIX.sub("", fold(text)).strip(" .")


class PlaceResolver:
    """Resolves and caches: a 17,000-row file repeats the same few dozen places."""

    def __init__(self, user):
        self.user = user
        self.allowed = {u.pk: u for u in units_in_scope(user).only(
            "id", "name", "short_name", "level", "layout", "key", "path", "parent_id")}
        unit = user.unit if user.unit_id else None
        self.layout = unit.layout if unit else Layout.LEGACY
        self.scope_name = unit.name if unit else _("toàn quốc")
        self.province = None
        if unit:
            root = AdministrativeUnit.objects.get(path="/".join(unit.path.split("/")[:2]) + "/")
            self.province = root
        self._units: dict[str, AdministrativeUnit | None] = {}
        self._cache: dict[tuple[str, str], AdministrativeUnit | CellError] = {}
        self._by_bare: dict[str, list[AdministrativeUnit]] | None = None

    def resolve(self, text: str, *, level: str = "commune") -> AdministrativeUnit:
        key = (fold(text), level)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(text, level)
            except CellError as error:
                self._cache[key] = error
        found = self._cache[key]
        if isinstance(found, CellError):
            raise found
        return found

    def _resolve(self, text: str, level: str) -> AdministrativeUnit:
        unit = self._parse(text, level) or self._by_name(text, level)
        if unit is None:
            raise CellError(_("Không tìm thấy địa danh “%(text)s”. Hãy ghi rõ xã/phường và huyện/thị xã,"
                              " ví dụ “Phường Hộ Phòng, Thị xã Giá Rai”.") % {"text": text})
        if unit.pk not in self.allowed:
            raise CellError(_("“%(text)s” (%(unit)s) nằm ngoài phạm vi của bạn (%(scope)s).")
                            % {"text": text, "unit": self._describe(unit), "scope": self.scope_name})
        return unit

    def _unit(self, key: str) -> AdministrativeUnit | None:
        if key not in self._units:
            self._units[key] = AdministrativeUnit.objects.filter(layout=self.layout, key=key).first()
        return self._units[key]

    def _parse_keys(self, address: str):
        mode = ParseMode.LEGACY if self.layout == Layout.LEGACY else ParseMode.FROM_2025
        try:
            parsed = parse_address(address, mode=mode)
        except Exception:  # the parser raises plain exceptions on text it cannot read
            return None
        return parsed if getattr(parsed, "province_key", None) else None

    def _score(self, parsed) -> tuple[bool, bool]:
        if parsed is None:
            return (False, False)
        return (bool(parsed.district_key), parsed.province_key == self.province.key)

    def _parse(self, text: str, level: str) -> AdministrativeUnit | None:
        folded = fold(text)
        parsed = self._parse_keys(text)
        if (parsed is None or not parsed.ward_key) and self.province is not None:
            # People leave the province out: it is the importer's own. The completed text wins only if
            # it finds more ("Phường 1 - TP Bạc Liêu"); "Huyện Hòa Bình" alone is a province elsewhere.
            completed = self._parse_keys(f"{text}, {self.province.name}")
            if completed is not None and (completed.ward_key or self._score(completed) > self._score(parsed)):
                parsed = completed
        if parsed is None:
            return None
        legacy = self.layout == Layout.LEGACY
        province, district, ward = parsed.province_key, parsed.district_key if legacy else None, parsed.ward_key
        if ward:
            return self._unit("_".join(k for k in (province, district, ward) if k))
        if level == "commune":
            return None
        # A district or province counts only when the text itself names it (not the appended province).
        # "Tỉnh Bạc Liêu" is the province, not its namesake city.
        if folded.startswith("tinh ") and _bare(parsed.province) == _bare(text):
            return self._unit(province)
        if district and _bare(parsed.district) in folded:
            return self._unit(f"{province}_{district}")
        if _bare(parsed.province) in folded:
            return self._unit(province)
        return None

    def _by_name(self, text: str, level: str) -> AdministrativeUnit | None:
        """The parser found no commune: compare the bare name with the communes of the province."""
        if self._by_bare is None:
            units = AdministrativeUnit.objects.filter(layout=self.layout, level=Level.COMMUNE)
            if self.province:
                units = units.filter(path__startswith=self.province.path)
            self._by_bare = {}
            for unit in units.select_related("parent"):
                self._by_bare.setdefault(_bare(unit.name), []).append(unit)
        first = re.split(r"[,;\-–]", text, maxsplit=1)[0]
        candidates = self._by_bare.get(_bare(first), [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        named = [unit for unit in candidates if unit.parent_id and _bare(unit.parent.name) in fold(text)]
        if len(named) == 1:
            return named[0]
        mine = [unit for unit in candidates if unit.pk in self.allowed]
        if len(mine) == 1:
            return mine[0]
        raise CellError(_("Địa danh “%(text)s” chưa rõ: có %(count)d nơi trùng tên (%(names)s). Hãy ghi thêm"
                          " huyện/thị xã.") % {"text": text, "count": len(candidates),
                                               "names": "; ".join(self._describe(u) for u in candidates)})

    def _describe(self, unit: AdministrativeUnit) -> str:
        parent = unit.parent.name if unit.parent_id and unit.level == Level.COMMUNE else ""
        return f"{unit.name}, {parent}" if parent else unit.name


class PlaceLabels:
    """How exports write a unit ("Phường Hộ Phòng, Thị xã Giá Rai, Tỉnh Bạc Liêu") so that the import
    resolves it back to the same unit; one lookup per unit, however many rows hang on it."""

    def __init__(self):
        self._labels: dict[int, str] = {}

    def __call__(self, unit: AdministrativeUnit) -> str:
        if unit.pk not in self._labels:
            self._labels[unit.pk] = unit.full_name()
        return self._labels[unit.pk]
