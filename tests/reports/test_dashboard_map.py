"""Shading the map: five classes, the darkest for the largest figures, a legend that matches."""

import shapely

from reports.svg_map import Area, commune_map, legend, quartile_breaks, shade


def test_quartiles_of_the_non_zero_values_and_zero_apart():
    breaks = quartile_breaks([0, 1, 2, 3, 4, 5, 6, 7, 8])
    assert breaks == [2, 4, 6, 8]
    assert [shade(v, breaks) for v in (0, 1, 2, 3, 5, 8, 9)] == ["q0", "q1", "q1", "q2", "q3", "q4", "q4"]
    assert [row["label"] for row in legend(breaks)] == ["0", "1 – 2", "3 – 4", "5 – 6", "7 – 8"]


def test_one_commune_with_a_figure_gets_the_darkest_shade():
    breaks = quartile_breaks([0, 0, 3])
    assert shade(3, breaks) == "q4" and shade(0, breaks) == "q0"
    assert legend(breaks) == [{"css_class": "q0", "label": "0"}, {"css_class": "q4", "label": "1 – 3"}]


def test_thousands_are_written_the_vietnamese_way():
    assert legend([1000, 2000, 3000, 4354])[-1]["label"] == "3.001 – 4.354"


def test_every_area_is_drawn_even_without_a_cell_or_coordinates():
    cell = shapely.box(105.4, 9.2, 105.6, 9.4)
    areas = [Area(unit_id=1, name="Xã A", value=5, href="/a/", latitude=9.3, longitude=105.5, shape=cell),
             Area(unit_id=2, name="Xã B", value=0, href="/b/", latitude=9.1, longitude=105.7),
             Area(unit_id=3, name="Xã <C>", value=1, href="/c/?x=1&y=2")]
    svg = str(commune_map(areas, title="Bản đồ", figure_label="tổ chức").svg)
    assert svg.count('class="commune-shape') == 3
    assert svg.count("<path") == 1 and svg.count("<circle") == 2
    assert "<title>Xã &lt;C&gt;: 1 tổ chức</title>" in svg
    assert 'href="/c/?x=1&amp;y=2"' in svg
    assert "style=" not in svg and "fill=" not in svg
