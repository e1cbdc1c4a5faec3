"""Load administrative units from the `vietnamadminunits` package (never from hand-typed lists)."""

import difflib
import json
import math
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from vietnamadminunits.database import query

from antq_portal.db import refresh_statistics
from antq_portal.text import fold

from .models import NATION_CODE, AdministrativeUnit, Kind, Layout, Level, UnitSuccession, refresh_other_names

KIND_BY_LABEL = {
    "thanh pho": Kind.CITY,
    "thi xa": Kind.TOWN,
    "quan": Kind.URBAN_DISTRICT,
    "huyen": Kind.DISTRICT,
    "xa": Kind.COMMUNE,
    "phuong": Kind.WARD,
    "thi tran": Kind.TOWNLET,
    "dac khu": Kind.SPECIAL_ZONE,
}
TABLES = {Layout.LEGACY: "admin_units_legacy", Layout.Y2025: "admin_units"}
UNIT_FIELDS = [
    "name", "short_name", "kind", "level", "parent_id", "path", "key", "search_name",
    "latitude", "longitude", "min_latitude", "min_longitude", "max_latitude", "max_longitude",
]


class UnknownProvince(ValueError):
    def __init__(self, name: str, suggestions: list[str]):
        self.suggestions = suggestions
        hint = ", ".join(suggestions) if suggestions else "không có tên nào gần giống"
        super().__init__(f'Không tìm thấy tỉnh/thành phố "{name}". Gần giống: {hint}.')


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions: int = 0
    provinces: list[str] = field(default_factory=list)


def _province_kind(name: str) -> str:
    return Kind.CENTRAL_CITY if fold(name).startswith("thanh pho") else Kind.PROVINCE


def _kind(label: str | None) -> str:
    return KIND_BY_LABEL[fold(label or "xa")]


def _bounds(text: str | None) -> dict:
    # The package writes "9.256878,105.69153 – 9.285672,105.730176".
    if not text:
        return {}
    low, high = (part.strip() for part in text.split("–"))
    (lat1, lon1), (lat2, lon2) = (map(float, p.split(",")) for p in (low, high))
    return {
        "min_latitude": min(lat1, lat2), "max_latitude": max(lat1, lat2),
        "min_longitude": min(lon1, lon2), "max_longitude": max(lon1, lon2),
    }


def _square_bounds(lat: float | None, lon: float | None, area_km2: float | None) -> dict:
    # The 2025 dataset gives area, not bounds: a square of that area around the centroid.
    if lat is None or lon is None or not area_km2:
        return {}
    half = math.sqrt(area_km2) / 2
    dlat = half / 110.574
    dlon = half / (111.320 * math.cos(math.radians(lat)))
    return {
        "min_latitude": lat - dlat, "max_latitude": lat + dlat,
        "min_longitude": lon - dlon, "max_longitude": lon + dlon,
    }


def _enclosing(boxes: list[dict]) -> dict:
    boxes = [b for b in boxes if b]
    if not boxes:
        return {}
    return {
        "min_latitude": min(b["min_latitude"] for b in boxes),
        "max_latitude": max(b["max_latitude"] for b in boxes),
        "min_longitude": min(b["min_longitude"] for b in boxes),
        "max_longitude": max(b["max_longitude"] for b in boxes),
    }


def province_names(layout: str) -> dict[str, str]:
    """Folded short and full names -> the package's province key."""
    rows = query(f"SELECT DISTINCT province, provinceShort, provinceKey FROM [{TABLES[layout]}]")
    names = {}
    for row in rows:
        names[fold(row["provinceShort"])] = row["provinceKey"]
        names[fold(row["province"])] = row["provinceKey"]
    return names


def _converter() -> dict:
    data = resources.files("vietnamadminunits").joinpath("data/converter_2025.json")
    return json.loads(data.read_text(encoding="utf-8"))


def resolve_provinces(name: str | None, layout: str) -> list[str] | None:
    """Province keys for `name` (None: the whole country). A pre-2025 name asked for in the
    2025 layout resolves to the province it was merged into ("Bạc Liêu" -> Cà Mau)."""
    if name is None:
        return None
    names = province_names(layout)
    wanted = fold(name)
    if wanted in names:
        return [names[wanted]]
    if layout == Layout.Y2025:
        old_key = province_names(Layout.LEGACY).get(wanted)
        merged = [new for new, olds in _converter()["DICT_PROVINCE"].items() if old_key in olds]
        if merged:
            return merged
    shorts = {fold(r["provinceShort"]): r["provinceShort"]
              for r in query(f"SELECT DISTINCT provinceShort FROM [{TABLES[layout]}]")}
    suggestions = difflib.get_close_matches(wanted, list(shorts), n=3, cutoff=0.5)
    raise UnknownProvince(name, [shorts[s] for s in suggestions])


def _rows(layout: str, province_keys: list[str] | None) -> list[dict]:
    sql = f"SELECT * FROM [{TABLES[layout]}]"
    if province_keys is not None:
        quoted = ",".join("'" + key.replace("'", "") + "'" for key in province_keys)
        sql += f" WHERE provinceKey IN ({quoted})"
    return query(sql)


class _Upserter:
    """Creates missing units and updates changed ones, level by level, in bulk."""

    def __init__(self, layout: str, result: LoadResult):
        self.layout = layout
        self.result = result
        self.existing = {u.code: u for u in AdministrativeUnit.objects.filter(layout=layout)}

    def apply(self, specs: dict[str, dict]) -> dict[str, AdministrativeUnit]:
        to_create, to_update, units = [], [], {}
        for code, spec in specs.items():
            unit = self.existing.get(code)
            if unit is None:
                unit = AdministrativeUnit(code=code, layout=self.layout, **spec)
                unit.search_name = fold(unit.name)
                to_create.append(unit)
            else:
                spec = {**spec, "search_name": fold(spec["name"])}
                if any(getattr(unit, k) != v for k, v in spec.items()):
                    for k, v in spec.items():
                        setattr(unit, k, v)
                    to_update.append(unit)
                else:
                    self.result.unchanged += 1
            units[code] = unit
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=1000)
        # bulk_create does not return primary keys on every backend: read them back.
        if to_create:
            ids = dict(
                AdministrativeUnit.objects.filter(
                    layout=self.layout, code__in=[u.code for u in to_create]
                ).values_list("code", "id")
            )
            for unit in to_create:
                unit.pk = ids[unit.code]
                self.existing[unit.code] = unit
        AdministrativeUnit.objects.bulk_update(to_update, UNIT_FIELDS, batch_size=1000)
        self.result.created += len(to_create)
        self.result.updated += len(to_update)
        return units


def _spec(name, short, kind, level, parent, path, key, lat, lon, box) -> dict:
    spec = {
        "name": name, "short_name": short, "kind": kind, "level": level,
        "parent_id": parent.pk if parent else None, "path": path, "key": key,
        "latitude": lat, "longitude": lon,
        "min_latitude": None, "min_longitude": None, "max_latitude": None, "max_longitude": None,
    }
    spec.update(box)
    return spec


def _load_legacy(rows: list[dict], result: LoadResult) -> None:
    upsert = _Upserter(Layout.LEGACY, result)
    provinces, districts, communes = {}, {}, {}
    for r in rows:
        provinces[r["provinceCode"]] = r
        districts[r["districtCode"]] = r
        if r["wardCode"]:
            communes[r["wardCode"]] = r
    prov_units = upsert.apply({
        code: _spec(r["province"], r["provinceShort"], _province_kind(r["province"]), Level.PROVINCE,
                    None, f"legacy/{code}/", r["provinceKey"], r["provinceLat"], r["provinceLon"],
                    _bounds(r["provinceBounds"]))
        for code, r in provinces.items()
    })
    dist_units = upsert.apply({
        code: _spec(r["district"], r["districtShort"], _kind(r["districtType"]), Level.DISTRICT,
                    prov_units[r["provinceCode"]], f"legacy/{r['provinceCode']}/{code}/",
                    f"{r['provinceKey']}_{r['districtKey']}", r["districtLat"], r["districtLon"],
                    _bounds(r["districtBounds"]))
        for code, r in districts.items()
    })
    upsert.apply({
        code: _spec(r["ward"], r["wardShort"], _kind(r["wardType"]), Level.COMMUNE,
                    dist_units[r["districtCode"]],
                    f"legacy/{r['provinceCode']}/{r['districtCode']}/{code}/",
                    f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}", r["wardLat"], r["wardLon"],
                    _bounds(r["wardBounds"]))
        for code, r in communes.items()
    })
    result.provinces += sorted({r["province"] for r in provinces.values()})


def _load_2025(rows: list[dict], result: LoadResult) -> dict[str, AdministrativeUnit]:
    upsert = _Upserter(Layout.Y2025, result)
    by_province: dict[str, list[dict]] = {}
    for r in rows:
        by_province.setdefault(r["provinceCode"], []).append(r)
    prov_units = upsert.apply({
        code: _spec(rs[0]["province"], rs[0]["provinceShort"], _province_kind(rs[0]["province"]),
                    Level.PROVINCE, None, f"2025/{code}/", rs[0]["provinceKey"],
                    rs[0]["provinceLat"], rs[0]["provinceLon"],
                    _enclosing([_square_bounds(r["wardLat"], r["wardLon"], r["wardAreaKm2"]) for r in rs]))
        for code, rs in by_province.items()
    })
    # In the two-level layout a commune hangs directly on its province.
    units = upsert.apply({
        r["wardCode"]: _spec(r["ward"], r["wardShort"], _kind(r["wardType"]), Level.COMMUNE,
                             prov_units[r["provinceCode"]], f"2025/{r['provinceCode']}/{r['wardCode']}/",
                             f"{r['provinceKey']}_{r['wardKey']}", r["wardLat"], r["wardLon"],
                             _square_bounds(r["wardLat"], r["wardLon"], r["wardAreaKm2"]))
        for r in rows
    })
    result.provinces += sorted({rs[0]["province"] for rs in by_province.values()})
    return {u.key: u for u in units.values()}


def _record_successions(new_province_keys: list[str], new_units: dict, result: LoadResult) -> None:
    converter = _converter()
    old_units = {
        u.key: u for u in AdministrativeUnit.objects.filter(layout=Layout.LEGACY, level=Level.COMMUNE)
    }
    wanted: dict[tuple[int, int], bool] = {}
    for prov in new_province_keys:
        for new_ward, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(prov, {}).items():
            for old_key in old_keys:
                if old_key in old_units and f"{prov}_{new_ward}" in new_units:
                    wanted[(old_units[old_key].pk, new_units[f"{prov}_{new_ward}"].pk)] = True
        for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(prov, {}).items():
            for target in targets:
                new_key = f"{prov}_{target['newWardKey']}"
                if old_key in old_units and new_key in new_units:
                    wanted[(old_units[old_key].pk, new_units[new_key].pk)] = bool(target["isDefaultNewWard"])
    existing = {
        (s.old_unit_id, s.new_unit_id): s
        for s in UnitSuccession.objects.filter(new_unit__in=[u.pk for u in new_units.values()])
    }
    to_create = [
        UnitSuccession(old_unit_id=o, new_unit_id=n, is_default=d)
        for (o, n), d in wanted.items() if (o, n) not in existing
    ]
    to_update = []
    for pair, default in wanted.items():
        if pair in existing and existing[pair].is_default != default:
            existing[pair].is_default = default
            to_update.append(existing[pair])
    UnitSuccession.objects.bulk_create(to_create, batch_size=1000)
    UnitSuccession.objects.bulk_update(to_update, ["is_default"])
    result.successions += len(to_create) + len(to_update)


@transaction.atomic
def load_units(*, province: str | None = None, layout: str = Layout.LEGACY) -> LoadResult:
    """Load one province (or, with None, the whole country) in `layout`. Idempotent."""
    result = LoadResult()
    keys = resolve_provinces(province, layout)
    rows = _rows(layout, keys)
    if province is None:  # the whole country: the unit above its provinces too (both layouts for 2025)
        ensure_nation(layout)
        ensure_nation(Layout.LEGACY)
    if layout == Layout.LEGACY:
        _load_legacy(rows, result)
    else:
        _load_new_layout(rows, result)
    # Thousands of units arrive at once: the planner must know before the first rollup (rolled_up_ids)
    # reads them, or it expects 20 units where a country has 10,795 (autovacuum may be off or late).
    refresh_statistics([AdministrativeUnit, UnitSuccession])
    return result


def _load_new_layout(rows: list[dict], result: LoadResult) -> None:
    new_keys = sorted({r["provinceKey"] for r in rows})
    # The correspondence needs the old communes the new ones were made from.
    merged = _converter()["DICT_PROVINCE"]
    old_keys = sorted({old for new in new_keys for old in merged.get(new, [])})
    _load_legacy(_rows(Layout.LEGACY, old_keys), LoadResult())
    new_units = _load_2025(rows, result)
    _record_successions(new_keys, new_units, result)
    refresh_other_names([unit.pk for unit in new_units.values()])



def ensure_nation(layout: str = Layout.LEGACY) -> AdministrativeUnit:
    """The unit above the provinces ("Toàn quốc", the Ministry's scope) of `layout`.

    Its path is the layout's root ("legacy/"), so its subtree is every unit of the layout and
    every rule built on paths (scope, rollup, tally) covers the whole country unchanged.
    """
    unit, _created = AdministrativeUnit.objects.get_or_create(
        layout=layout, code=NATION_CODE,
        defaults={"name": "Toàn quốc", "short_name": "Toàn quốc", "kind": Kind.NATION, "level": Level.NATION,
                  "path": f"{layout}/", "key": fold("Toàn quốc")})
    return unit


def ensure_province(name: str, layout: str = Layout.LEGACY) -> AdministrativeUnit:
    """The province unit, loading it first if it is not there yet (seed data, tests)."""
    keys = resolve_provinces(name, layout)
    unit = AdministrativeUnit.objects.filter(layout=layout, level=Level.PROVINCE, key__in=keys).first()
    if unit is None:
        load_units(province=name, layout=layout)
        unit = AdministrativeUnit.objects.get(layout=layout, level=Level.PROVINCE, key__in=keys)
    return unit
