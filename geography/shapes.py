"""Where each unit lies on a map: its official boundary, or its Voronoi cell among its siblings.

Official outlines come from `manage.py load_boundaries`. Most installations have none, so a unit
without one gets the cell of the Voronoi tessellation of its siblings' centroids (all communes of
its province, or all provinces of its layout), clipped to the province's outline when loaded, else
to the buffered hull of the siblings: every unit a non-overlapping cell in the right place. The
geometry is shapely's; the cells are stored on UnitShape with a fingerprint of the points they
were built from and rebuilt only when those change.
"""

import hashlib

import shapely
from django.db import transaction
from shapely.geometry.base import BaseGeometry

from .models import AdministrativeUnit, ShapeSource, UnitShape

# About 50 m: invisible at a province's scale, and a fraction of an official outline's vertices.
SIMPLIFY_DEGREES = 0.0005
# The hull of the centroids cuts the outer communes in half; a margin gives them their share of land.
HULL_MARGIN = 0.04
MIN_MARGIN_DEGREES = 0.01
PLACE_FIELDS = ("pk", "path", "latitude", "longitude", "min_latitude", "min_longitude",
                "max_latitude", "max_longitude")


def simplified(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.make_valid(geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True))


def unit_shapes(unit_ids) -> dict[int, BaseGeometry]:
    """{unit id: its outline in longitude/latitude} for the units that have or can be given one."""
    frames = set(AdministrativeUnit.objects.filter(pk__in=unit_ids).values_list("path", "level").distinct())
    wanted, shapes = set(unit_ids), {}
    for prefix, level in {(_frame(path, level), level) for path, level in frames}:
        shapes.update({pk: shape for pk, shape in _frame_shapes(prefix, level, wanted).items() if pk in wanted})
    return shapes


def _frame(path: str, level: int) -> str:
    """The tessellation a unit belongs to: its province's ("legacy/95/"), or the layout's for a province."""
    parts = path.strip("/").split("/")
    return "/".join(parts[: 1 if level <= 1 else 2]) + "/"


def _centre(place: dict, taken=frozenset()) -> tuple[float, float] | None:
    """The unit's centroid; for a unit given the same centroid as another (it happens in the
    package's data), the centre of its bounding box."""
    candidates = []
    if place["latitude"] is not None and place["longitude"] is not None:
        candidates.append((place["longitude"], place["latitude"]))
    corners = [place[k] for k in ("min_latitude", "min_longitude", "max_latitude", "max_longitude")]
    if None not in corners:
        candidates.append(((corners[1] + corners[3]) / 2, (corners[0] + corners[2]) / 2))
    return next((c for c in candidates if c not in taken), candidates[0] if candidates else None)


def _points(places: list[dict], skip) -> dict[int, tuple[float, float]]:
    points: dict[int, tuple[float, float]] = {}
    taken: set = set()
    for place in places:
        if place["pk"] not in skip and (centre := _centre(place, taken)) is not None:
            points[place["pk"]] = centre
            taken.add(centre)
    return points


def _frame_shapes(prefix: str, level: int, wanted=None) -> dict[int, BaseGeometry]:
    """The frame's cells (its kept ones read, parsed only for the `wanted` ids when given: a commune's page
    draws its district, not the 600 cells of its province)."""
    places = list(AdministrativeUnit.objects.filter(path__startswith=prefix, level=level).values(*PLACE_FIELDS))
    stored = {row.unit_id: row for row in
              UnitShape.objects.filter(unit__path__startswith=prefix, unit__level__in=[level, 1])}
    root = next((row for row in stored.values() if row.source == ShapeSource.BOUNDARY
                 and level > 1 and row.unit_id not in {p["pk"] for p in places}), None)
    outlined = {pk: row for pk, row in stored.items()
                if row.source == ShapeSource.BOUNDARY and (root is None or pk != root.unit_id)}
    points = _points(places, skip=outlined)
    fingerprint = _fingerprint(points, [row.wkt for row in stored.values() if row.source == ShapeSource.BOUNDARY])
    cached = {pk: stored[pk] for pk in points if pk in stored and stored[pk].fingerprint == fingerprint}
    if len(cached) == len(set(points.values())):  # units sharing a point share one cell's row count
        return {pk: shapely.from_wkt(row.wkt) for pk, row in (outlined | cached).items()
                if wanted is None or pk in wanted}
    boundaries = {pk: shapely.from_wkt(row.wkt) for pk, row in outlined.items()}
    outline = shapely.from_wkt(root.wkt) if root else _hull(places)
    free = outline.difference(shapely.union_all(list(boundaries.values()))) if boundaries else outline
    cells = voronoi_cells(points, free)
    _store(cells, points, fingerprint)
    return boundaries | cells


def _fingerprint(points: dict, boundary_wkts: list[str]) -> str:
    digest = hashlib.sha1(repr(sorted(points.items())).encode())
    for text in sorted(boundary_wkts):
        digest.update(hashlib.sha1(text.encode()).digest())
    return digest.hexdigest()


def _hull(places: list[dict]) -> BaseGeometry:
    """The siblings' centroids and bounding boxes, hulled and given a margin."""
    corners = []
    for p in places:
        if (centre := _centre(p)) is not None:
            corners.append(centre)
        if None not in (p["min_latitude"], p["min_longitude"], p["max_latitude"], p["max_longitude"]):
            corners += [(p["min_longitude"], p["min_latitude"]), (p["max_longitude"], p["max_latitude"]),
                        (p["min_longitude"], p["max_latitude"]), (p["max_longitude"], p["min_latitude"])]
    hull = shapely.convex_hull(shapely.MultiPoint(corners)) if corners else shapely.Polygon()
    minx, miny, maxx, maxy = hull.bounds if not hull.is_empty else (0, 0, 0, 0)
    return hull.buffer(max(MIN_MARGIN_DEGREES, HULL_MARGIN * max(maxx - minx, maxy - miny)))


def voronoi_cells(points: dict[int, tuple[float, float]], region: BaseGeometry) -> dict[int, BaseGeometry]:
    """{id: the part of `region` nearer to its point than to any other}. Units sharing a point (a data
    error) leave all but the first without a cell: they are drawn as dots."""
    first_at: dict[tuple[float, float], int] = {}
    for pk, point in points.items():
        first_at.setdefault(point, pk)
    if not first_at or region.is_empty:
        return {}
    ids = list(first_at.values())
    if len(ids) == 1:
        return {ids[0]: region}
    diagram = shapely.voronoi_polygons(shapely.MultiPoint([points[pk] for pk in ids]), extend_to=region,
                                       ordered=True)
    cells = {}
    for pk, cell in zip(ids, diagram.geoms, strict=True):
        clipped = _polygons(cell.intersection(region))
        if not clipped.is_empty:
            cells[pk] = clipped
    return cells


def _polygons(geometry: BaseGeometry) -> BaseGeometry:
    """Only the areal parts: a clip along an edge can leave slivers of lines or points."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


@transaction.atomic
def _store(cells: dict[int, BaseGeometry], points: dict, fingerprint: str) -> None:
    UnitShape.objects.filter(unit_id__in=list(points), source=ShapeSource.VORONOI).delete()
    UnitShape.objects.bulk_create(
        [UnitShape(unit_id=pk, source=ShapeSource.VORONOI, wkt=shapely.to_wkt(cell, rounding_precision=6),
                   fingerprint=fingerprint) for pk, cell in cells.items()],
        batch_size=500,
    )
