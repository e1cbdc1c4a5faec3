"""The dashboard's map: one cell per commune, in the right place, none overlapping, each a link to that
commune's dashboard; cells are computed once and rebuilt when the units move."""

import re

import shapely
from django.urls import reverse

from geography.models import AdministrativeUnit, ShapeSource, UnitShape
from geography.shapes import unit_shapes

CELL = re.compile(r'<a href="(?P<href>[^"]+)" aria-label="[^"]*"><title>[^<]*</title>'
                  r'<path class="commune-shape (?P<shade>q\d)" data-unit="(?P<unit>\d+)" d="(?P<d>[^"]+)"/>')


def _polygon(path_data: str):
    rings = [[tuple(map(float, point.split(","))) for point in ring.split("L")]
             for ring in path_data.strip("M").rstrip("Z").split("ZM")]
    return shapely.make_valid(shapely.Polygon(rings[0], rings[1:]))


def test_every_commune_is_a_cell_linking_to_its_dashboard_and_no_two_overlap(client_for, provincial_staff, bac_lieu):
    communes = set(AdministrativeUnit.objects.communes_under(bac_lieu).values_list("pk", flat=True))
    page = client_for(provincial_staff).get(reverse("reports:dashboard"))
    cells = {int(m["unit"]): m for m in CELL.finditer(page.content.decode())}

    assert set(cells) == communes
    for unit_id, cell in cells.items():
        assert cell["href"].startswith(reverse("reports:dashboard_unit", args=[unit_id]) + "?")
    polygons = [_polygon(cell["d"]) for cell in cells.values()]
    tree = shapely.STRtree(polygons)
    for i, polygon in enumerate(polygons):
        for j in tree.query(polygon):
            if j != i:
                assert polygon.intersection(polygons[j]).area < 1e-3 * polygon.area
    assert 'class="map-legend"' in page.content.decode()


def test_cells_follow_the_communes_centroids(bac_lieu):
    communes = list(AdministrativeUnit.objects.communes_under(bac_lieu))
    shapes = unit_shapes([c.pk for c in communes])
    inside = [c for c in communes if shapes[c.pk].contains(shapely.Point(c.longitude, c.latitude))]
    # Two communes share one centroid in the package's data: the second is placed at its box's centre.
    assert len(inside) >= len(communes) - 1


def test_cells_are_stored_once_and_rebuilt_when_a_commune_moves(bac_lieu, django_assert_max_num_queries):
    ids = list(AdministrativeUnit.objects.communes_under(bac_lieu).values_list("pk", flat=True))
    first = unit_shapes(ids)
    assert UnitShape.objects.filter(source=ShapeSource.VORONOI).count() == len(ids)
    with django_assert_max_num_queries(3):  # the frame, its communes, their stored cells: nothing written
        assert unit_shapes(ids).keys() == first.keys()

    moved = AdministrativeUnit.objects.get(pk=ids[0])
    moved.longitude += 0.05
    moved.save()
    assert not unit_shapes(ids)[moved.pk].equals(first[moved.pk])


def test_a_commune_s_map_shows_it_among_its_neighbours_which_are_not_links(client_for, commune_officer, ho_phong):
    page = client_for(commune_officer).get(reverse("reports:dashboard")).content.decode()
    cells = {int(m["unit"]) for m in CELL.finditer(page)}
    assert cells == {ho_phong.pk}
    neighbours = AdministrativeUnit.objects.filter(parent=ho_phong.parent).exclude(pk=ho_phong.pk)
    assert page.count('class="commune-shape context"') == neighbours.count() > 0
    for neighbour in neighbours:
        assert reverse("reports:dashboard_unit", args=[neighbour.pk]) not in page
