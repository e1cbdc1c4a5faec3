"""The dashboard's map (and the breakdown PDF's): one cell per commune of the scope, shaded by a figure.

A national or whole-country scope has thousands of communes, too many cells to read or to send:
above MAX_COMMUNES the map draws the scope's child units (provinces, districts) instead.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from geography.models import AdministrativeUnit, Level
from geography.shapes import unit_shapes
from reports.figures import Tally
from reports.svg_map import Area, Drawing, commune_map

from .forms import MAP_FIGURES

MAX_COMMUNES = 400
BOX_FIELDS = ("latitude", "longitude", "min_latitude", "min_longitude", "max_latitude", "max_longitude")


def figure_map(unit, tally: Tally, figure: str, href: Callable[[int], str] | None = None,
               statuses: dict[int, tuple[str, str]] | None = None) -> Drawing:
    """`href(unit_id)` is where a cell leads (None in the PDF, where the cells are not links).
    `statuses`: commune → (status group, label) of the reporting chain; the communes are coloured by it."""
    label, metrics = MAP_FIGURES[figure]
    communes = tally.communes or []
    rows = communes if communes and len(communes) <= MAX_COMMUNES else tally.children
    values = {row.unit_id: sum(getattr(row, m).value for m in metrics) for row in rows}
    neighbours = _neighbours(unit) if unit.level == Level.COMMUNE else []
    shapes = unit_shapes([*values, *neighbours])
    places = AdministrativeUnit.objects.filter(pk__in=[*values, *neighbours]).values("pk", "name", *BOX_FIELDS)
    areas = [Area(unit_id=p["pk"], name=p["name"], value=values.get(p["pk"], 0), context=p["pk"] not in values,
                  href=href(p["pk"]) if href and p["pk"] in values else "", shape=shapes.get(p["pk"]),
                  **_status(statuses, p["pk"]) if p["pk"] in values else {},
                  **{k: p[k] for k in BOX_FIELDS})
             for p in places]
    what = str(label).lower()
    if rows is communes:
        title = _("Bản đồ các xã, phường, thị trấn của %(unit)s theo số %(figure)s")
    else:
        title = _("Bản đồ các đơn vị trực thuộc %(unit)s theo số %(figure)s")
    return commune_map(areas, title=title % {"unit": unit.name, "figure": what}, figure_label=what)


def _neighbours(commune) -> list[int]:
    """The other communes of its district (or province): a lone commune's cell says nothing of where it is.
    Only their outlines and names are drawn, which every officer may see."""
    return list(AdministrativeUnit.objects.filter(parent_id=commune.parent_id, level=Level.COMMUNE)
                .exclude(pk=commune.pk).values_list("pk", flat=True))


def _status(statuses: dict[int, tuple[str, str]] | None, unit_id: int) -> dict:
    if not statuses or unit_id not in statuses:
        return {}
    status, label = statuses[unit_id]
    return {"status": status, "status_label": str(label)}
