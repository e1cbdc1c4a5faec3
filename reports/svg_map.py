"""A map of communes drawn as inline SVG from the units' centroids and bounding boxes.

Police networks are closed: no tile server, no JavaScript. Each commune is an ellipse inscribed
in its bounding box (a circle at its centroid when it has no box), on an equirectangular
projection scaled to the scope's box, shaded by one of five CSS classes (q0 = none, q1…q4 =
quartiles of the non-zero values) and wrapped in a link to the commune's own page.
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
            if area.has_box:
                lats += [area.min_latitude, area.max_latitude]
                lons += [area.min_longitude, area.max_longitude]
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


def _shape(area: Area, projection: _Projection, css_class: str, title: str, spare: tuple[float, float]) -> str:
    attrs = f'class="commune-shape {css_class}" data-unit="{area.unit_id}"'
    label = f"<title>{escape(title)}</title>"
    if area.has_box and projection.ok:
        x1, y1 = projection.point(area.max_latitude, area.min_longitude)
        x2, y2 = projection.point(area.min_latitude, area.max_longitude)
        rx, ry = max((x2 - x1) / 2, 1.5), max((y2 - y1) / 2, 1.5)
        return f'<ellipse {attrs} cx="{(x1 + x2) / 2:.1f}" cy="{(y1 + y2) / 2:.1f}" rx="{rx:.1f}" ry="{ry:.1f}">{label}</ellipse>'
    if area.centre and projection.ok:
        cx, cy = projection.point(*area.centre)
    else:
        cx, cy = spare  # no coordinates at all: a dot in the strip under the map
    return f'<circle {attrs} cx="{cx:.1f}" cy="{cy:.1f}" r="{DOT_RADIUS}">{label}</circle>'


def commune_map(areas: Sequence[Area], *, title: str, figure_label: str, width: int = 640) -> Drawing:
    """One shape per area, the biggest drawn first so that small communes stay clickable on top."""
    projection = _Projection(areas, width)
    breaks = quartile_breaks([a.value for a in areas])
    lost = [a for a in areas if not (projection.ok and a.centre)]
    strip = (2 * DOT_RADIUS + 4) * math.ceil(len(lost) / max(1, (width - 2 * PADDING) // (2 * DOT_RADIUS + 4)))
    height = projection.height + (strip + PADDING if lost else 0)

    def size(area: Area) -> float:
        if not area.has_box:
            return 0.0
        return (area.max_latitude - area.min_latitude) * (area.max_longitude - area.min_longitude)

    per_row = max(1, (width - 2 * PADDING) // (2 * DOT_RADIUS + 4))
    spares = {a.unit_id: (PADDING + DOT_RADIUS + (i % per_row) * (2 * DOT_RADIUS + 4),
                          projection.height + PADDING + DOT_RADIUS + (i // per_row) * (2 * DOT_RADIUS + 4))
              for i, a in enumerate(lost)}
    body = []
    for area in sorted(areas, key=size, reverse=True):
        tooltip = f"{area.name}: {vn_number(area.value)} {figure_label}"
        shape = _shape(area, projection, shade(area.value, breaks), tooltip, spares.get(area.unit_id, (0, 0)))
        body.append(f'<a href="{escape(area.href)}">{shape}</a>')
    label = escape(title)
    svg = mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="commune-map" viewBox="0 0 {width} {max(height, 24)}" '
        f'role="group" aria-label="{label}"><title>{label}</title>{"".join(body)}</svg>'
    )
    return Drawing(svg=svg, legend=legend(breaks))
