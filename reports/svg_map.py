"""A map of units drawn as inline SVG from their outlines (geography.shapes).

Police networks are closed: no tile server, no JavaScript. Each unit is its official boundary or
its Voronoi cell, on an equirectangular projection scaled to the scope, shaded by one of five CSS
classes (q0 = none, q1…q4 = quartiles of the non-zero values) and wrapped in a link to the unit's
own dashboard. A unit with no outline at all is a dot at its centroid, or in a strip under the map.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from antq_portal.templatetags.portal import vn_number

SHADES = 5
PADDING = 8
DOT_RADIUS = 4
LABEL_MIN_WIDTH = 26  # px: narrower cells keep their figure in the title only


@dataclass(frozen=True)
class Area:
    """One commune to draw: where it is, its figure, where its link goes."""

    unit_id: int
    name: str
    value: int
    href: str
    latitude: float | None = None
    longitude: float | None = None
    min_latitude: float | None = None
    min_longitude: float | None = None
    max_latitude: float | None = None
    max_longitude: float | None = None
    shape: object | None = None  # a shapely geometry in longitude/latitude
    context: bool = False  # a neighbour drawn only to show where the scope lies: no figure, no link
    # The reporting chain's status group ("approved", …) and its label: the cell is coloured by it instead.
    status: str = ""
    status_label: str = ""

    @property
    def has_box(self) -> bool:
        return None not in (self.min_latitude, self.min_longitude, self.max_latitude, self.max_longitude)

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        if self.has_box:
            return (self.min_latitude + self.max_latitude) / 2, (self.min_longitude + self.max_longitude) / 2
        return None


@dataclass(frozen=True)
class Drawing:
    svg: SafeString
    legend: list[dict]  # [{"css_class": "q0", "label": "0"}, …]


def quartile_breaks(values: Sequence[int]) -> list[int]:
    """The upper bounds of shades q1…q4 among the non-zero values (ascending, possibly repeated)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    return [positive[min(len(positive) - 1, math.ceil(len(positive) * q / 4) - 1)] for q in (1, 2, 3, 4)]


def _ranges(breaks: list[int]) -> list[tuple[str, int, int]]:
    """(class, lowest, highest) per shade in use; of equal bounds the darkest shade is kept."""
    ranges, lower = [], 1
    for index, upper in enumerate(breaks, start=1):
        if index < len(breaks) and breaks[index] == upper:
            continue
        ranges.append((f"q{index}", lower, upper))
        lower = upper + 1
    return ranges


def shade(value: int, breaks: list[int]) -> str:
    if value <= 0 or not breaks:
        return "q0"
    for css_class, _lowest, highest in _ranges(breaks):
        if value <= highest:
            return css_class
    return f"q{SHADES - 1}"


def legend(breaks: list[int]) -> list[dict]:
    rows = [{"css_class": "q0", "label": "0"}]
    for css_class, lowest, highest in _ranges(breaks):
        label = vn_number(lowest) if lowest == highest else f"{vn_number(lowest)} – {vn_number(highest)}"
        rows.append({"css_class": css_class, "label": label})
    return rows


class _Projection:
    """Equirectangular: longitude scaled by cos(latitude) so that the shapes keep their proportions."""

    def __init__(self, areas: Sequence[Area], width: int):
        lats, lons = [], []
        for area in areas:
            if area.shape is not None and not area.shape.is_empty:
                west, south, east, north = area.shape.bounds
                lats += [south, north]
                lons += [west, east]
            elif area.centre:
                lats.append(area.centre[0])
                lons.append(area.centre[1])
        self.ok = bool(lats)
        if not self.ok:
            self.width, self.height = width, 0
            return
        self.north, self.west = max(lats), min(lons)
        self.kx = math.cos(math.radians((max(lats) + min(lats)) / 2))
        span_x = max((max(lons) - self.west) * self.kx, 1e-6)
        span_y = max(self.north - min(lats), 1e-6)
        self.scale = (width - 2 * PADDING) / span_x
        self.width = width
        self.height = round(span_y * self.scale + 2 * PADDING)

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        return PADDING + (lon - self.west) * self.kx * self.scale, PADDING + (self.north - lat) * self.scale

    def path(self, shape) -> str:
        """SVG path data of a (multi)polygon, holes included (the CSS fills it even-odd)."""
        rings = []
        for polygon in getattr(shape, "geoms", [shape]):
            if polygon.geom_type != "Polygon":
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                points = [self.point(lat, lon) for lon, lat in ring.coords[:-1]]
                rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        return "".join(rings)


def _shape(area: Area, projection: _Projection, css_class: str, spare: tuple[float, float]) -> str:
    attrs = f'class="commune-shape {css_class}" data-unit="{area.unit_id}"'
    if area.shape is not None and not area.shape.is_empty and projection.ok:
        return f'<path {attrs} d="{projection.path(area.shape)}"/>'
    if area.centre and projection.ok:
        cx, cy = projection.point(*area.centre)
    else:
        cx, cy = spare  # no coordinates at all: a dot in the strip under the map
    return f'<circle {attrs} cx="{cx:.1f}" cy="{cy:.1f}" r="{DOT_RADIUS}"/>'


def _value_label(area: Area, projection: _Projection) -> str:
    """The figure written inside a cell wide enough for it, so the map reads without hovering."""
    if area.shape is None or area.shape.is_empty or not projection.ok:
        return ""
    west, south, east, north = area.shape.bounds
    if (east - west) * projection.kx * projection.scale < LABEL_MIN_WIDTH or (north - south) * projection.scale < 14:
        return ""
    spot = area.shape.point_on_surface()
    x, y = projection.point(spot.y, spot.x)
    return f'<text class="cell-value" x="{x:.1f}" y="{y:.1f}" aria-hidden="true">{vn_number(area.value)}</text>'


def commune_map(areas: Sequence[Area], *, title: str, figure_label: str, width: int = 640) -> Drawing:
    """One cell per area (the cells do not overlap); dots, for areas without a cell, drawn last on top."""
    projection = _Projection(areas, width)
    breaks = quartile_breaks([a.value for a in areas if not a.context])
    lost = [a for a in areas if not (projection.ok and (a.shape is not None or a.centre))]
    per_row = max(1, (width - 2 * PADDING) // (2 * DOT_RADIUS + 4))
    strip = (2 * DOT_RADIUS + 4) * math.ceil(len(lost) / per_row)
    height = projection.height + (strip + PADDING if lost else 0)
    spares = {a.unit_id: (PADDING + DOT_RADIUS + (i % per_row) * (2 * DOT_RADIUS + 4),
                          projection.height + PADDING + DOT_RADIUS + (i // per_row) * (2 * DOT_RADIUS + 4))
              for i, a in enumerate(lost)}
    body = []
    for area in sorted(areas, key=lambda a: (not a.context, a.shape is None)):
        if area.context:
            body.append(f"<g><title>{escape(area.name)}</title>{_shape(area, projection, 'context', (0, 0))}</g>")
            continue
        if area.status:
            tooltip, css_class = escape(f"{area.name}: {area.status_label}"), f"status-{area.status}"
        else:
            tooltip, css_class = escape(f"{area.name}: {vn_number(area.value)} {figure_label}"), shade(area.value, breaks)
        shape = _shape(area, projection, css_class, spares.get(area.unit_id, (0, 0)))
        inner = f"<title>{tooltip}</title>{shape}{_value_label(area, projection)}"
        if area.href:  # a keyboard-reachable link to the unit's dashboard; a printed map has none
            body.append(f'<a href="{escape(area.href)}" aria-label="{tooltip}">{inner}</a>')
        else:
            body.append(f"<g>{inner}</g>")
    label = escape(title)
    svg = mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="commune-map" viewBox="0 0 {width} {max(height, 24)}" '
        f'role="group" aria-label="{label}"><title>{label}</title>{"".join(body)}</svg>'
    )
    statuses = {a.status: a.status_label for a in areas if a.status}
    return Drawing(svg=svg, legend=[{"css_class": f"status-{status}", "label": label}
                                    for status, label in statuses.items()] if statuses else legend(breaks))
