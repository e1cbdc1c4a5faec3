from xml.etree import ElementTree

from reports.charts import bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_has_one_bar_and_one_label_per_row_with_vietnamese_numbers():
    svg = ElementTree.fromstring(bar_chart([("Thị xã Giá Rai", 686), ("Huyện Hòa Bình", 4354), ("Xã <Mới>", 0)],
                                           title="Tổ chức theo đơn vị"))
    assert len(list(svg.iter(f"{SVG}rect"))) == 3
    texts = [t.text for t in svg.iter() if t.tag in (f"{SVG}text", f"{SVG}tspan")]
    assert "Thị xã Giá Rai" in texts and "4.354" in texts and "Xã <Mới>" in texts  # escaped, parsed back
    assert svg.find(f"{SVG}title").text == "Tổ chức theo đơn vị"
    assert "style" not in ElementTree.tostring(svg, encoding="unicode")


def test_a_column_chart_stacks_its_series_and_has_a_legend():
    svg = ElementTree.fromstring(column_chart(["01/2017", "02/2017"], [("Tập thể", [1, 0]), ("Cá nhân", [3, 2])],
                                              title="Khen thưởng theo tháng"))
    # Three non-empty columns segments + two legend swatches.
    assert len(svg.findall(f"{SVG}rect")) == 5
    texts = {t.text for t in svg.findall(f"{SVG}text")}
    assert {"Tập thể", "Cá nhân", "01/2017"} <= texts
    assert {"4", "2"} <= texts  # each column's total written on it


def test_empty_charts_still_draw():
    assert bar_chart([], title="Trống").startswith("<svg")
    assert column_chart([], [("Tập thể", [])], title="Trống").startswith("<svg")


def test_long_labels_wrap_on_two_lines_at_a_legible_size_and_keep_their_full_name():
    long = "Tổ tự quản / liên hộ tự quản / nhóm hỗ trợ tái hòa nhập cộng đồng người hoàn lương"
    svg = ElementTree.fromstring(bar_chart([(long, 12), ("Đội dân phòng", 3)], title="Theo loại"))
    assert int(svg.get("font-size")) >= 12
    label = svg.find(f"{SVG}g/{SVG}text")
    lines = [span.text for span in label.findall(f"{SVG}tspan")]
    assert len(lines) == 2 and lines[1].endswith("…")
    assert lines[0].startswith("Tổ tự quản")
    assert svg.find(f"{SVG}g/{SVG}title").text == f"{long}: 12"
    assert all(int(t.get("font-size", svg.get("font-size"))) >= 12 for t in svg.iter(f"{SVG}text"))
