"""Official unit outlines from a GeoJSON file or a zipped Shapefile, matched to units by code.

The features carry the unit's code in one of their properties (the field is guessed from the usual
names or given). Codes are unique within a layout only: without `layout`, a code found in both
layouts is reported as ambiguous rather than guessed. Each outline is simplified for the web and
stored once (UnitShape); the Voronoi cells of the units beside it are rebuilt on the next map.
"""

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from django.db import transaction
from shapely.geometry import shape as to_geometry

from .models import AdministrativeUnit, ShapeSource, UnitShape
from .shapes import simplified

CODE_FIELDS = ("code", "ma", "ma_dvhc", "madvhc", "ma_xa", "maxa", "ma_huyen", "mahuyen", "ma_tinh", "matinh", "id")


class BoundaryFileError(ValueError):
    pass


@dataclass
class BoundaryResult:
    loaded: int = 0
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


def read_features(path: Path) -> list[tuple[dict, dict]]:
    """[(properties, GeoJSON geometry)] from a .geojson/.json file or a .zip holding a Shapefile."""
    if zipfile.is_zipfile(path):
        import shapefile  # pyshp

        with shapefile.Reader(str(path)) as reader:
            return [(dict(record.as_dict()), shp.__geo_interface__)
                    for record, shp in zip(reader.records(), reader.shapes(), strict=True)]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BoundaryFileError(f"Không đọc được tệp GeoJSON: {error}") from error
    features = data.get("features", [data] if data.get("type") == "Feature" else [])
    return [(f.get("properties") or {}, f["geometry"]) for f in features if f.get("geometry")]


def _code_field(properties: dict, wanted: str | None) -> str:
    names = {name.lower(): name for name in properties}
    for candidate in [wanted.lower()] if wanted else CODE_FIELDS:
        if candidate in names:
            return names[candidate]
    raise BoundaryFileError(f"Không thấy trường mã đơn vị trong {sorted(properties)}; chỉ rõ bằng --code-field.")


def _normal(code) -> str:
    # Shapefiles often store "00001" as the number 1.
    return str(code).strip().lstrip("0") or "0"


def load_boundaries(path: Path, *, layout: str | None = None, code_field: str | None = None) -> BoundaryResult:
    features = read_features(path)
    if not features:
        raise BoundaryFileError("Tệp không có đối tượng nào có hình.")
    key = _code_field(features[0][0], code_field)
    units = AdministrativeUnit.objects.all() if layout is None else AdministrativeUnit.objects.filter(layout=layout)
    by_code: dict[str, list[int]] = {}
    for pk, code in units.values_list("pk", "code"):
        by_code.setdefault(_normal(code), []).append(pk)
    result, rows = BoundaryResult(), {}
    for properties, geometry in features:
        code = _normal(properties.get(key, ""))
        matches = by_code.get(code, [])
        if len(matches) != 1:
            (result.ambiguous if matches else result.unmatched).append(code)
            continue
        outline = to_geometry(geometry)
        if not (-180 <= outline.bounds[0] <= 180 and -90 <= outline.bounds[1] <= 90):
            raise BoundaryFileError("Tọa độ không phải kinh độ/vĩ độ WGS84 (EPSG:4326): hãy chuyển hệ tọa độ trước.")
        rows[matches[0]] = shapely.to_wkt(simplified(outline), rounding_precision=6)
    with transaction.atomic():
        UnitShape.objects.filter(unit_id__in=list(rows)).delete()
        UnitShape.objects.bulk_create([UnitShape(unit_id=pk, source=ShapeSource.BOUNDARY, wkt=text)
                                       for pk, text in rows.items()], batch_size=500)
    result.loaded = len(rows)
    return result
