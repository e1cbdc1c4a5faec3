from xml.etree import ElementTree

from reports.charts import bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_has_one_bar_and_one_label_per_row_with_vietnamese_numbers():
    svg = ElementTree.fromstring(bar_chart([("Thị xã Giá Rai", 686), ("Huyện Hòa Bình", 4354), ("Xã <Mới>", 0)],
                                           title="Tổ chức theo đơn vị"))
    assert len(svg.findall(f"{SVG}rect")) == 3
    texts = [t.text for t in svg.findall(f"{SVG}text")]
    assert "Thị xã Giá Rai" in texts and "4.354" in texts and "Xã <Mới>" in texts  # escaped, parsed back
    assert svg.find(f"{SVG}title").text == "Tổ chức theo đơn vị"
    assert "style" not in ElementTree.tostring(svg, encoding="unicode")


def test_a_column_chart_stacks_its_series_and_has_a_legend():
    svg = ElementTree.fromstring(column_chart(["01/2017", "02/2017"], [("Tập thể", [1, 0]), ("Cá nhân", [3, 2])],
                                              title="Khen thưởng theo tháng"))
    # Three non-empty columns segments + two legend swatches.
    assert len(svg.findall(f"{SVG}rect")) == 5
    assert {"Tập thể", "Cá nhân", "01/2017"} <= {t.text for t in svg.findall(f"{SVG}text")}


def test_empty_charts_still_draw():
    assert bar_chart([], title="Trống").startswith("<svg")
    assert column_chart([], [("Tập thể", [])], title="Trống").startswith("<svg")
