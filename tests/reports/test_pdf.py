import io
import json
import re
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader

from reports.figures import UNIT_METRICS, Tally
from reports.formatting import vn_number
from reports.models import Report
from reports.services import report_render, report_request, sha256

from .conftest import AS_OF, SINCE
from .factories import OrganizationFactory, OrganizationKindFactory

pytestmark = pytest.mark.django_db


def render(kind: str, unit, **extra) -> Report:
    report = report_request(kind=kind, unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF, **extra)
    return report_render(report_id=report.pk)


def pdf_text(report: Report) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def layout_lines(report: Report) -> list[str]:
    """Every line of the report as a reader sees it on the page (laid out by position), spaces collapsed."""
    report.pdf.open("rb")
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    return [" ".join(line.split()) for page in reader.pages
            for line in page.extract_text(extraction_mode="layout").splitlines()]


def table_rows(tally: Tally) -> list[str]:
    """The breakdown's rows as they should read: number, unit, its six figures; communes under their unit."""
    def figures(row) -> str:
        return " ".join(vn_number(getattr(row, metric).value) for metric in UNIT_METRICS)

    communes = defaultdict(list)
    for commune in tally.communes or []:
        communes[commune.child_id].append(commune)
    rows = []
    for number, child in enumerate(tally.children, 1):
        rows.append(f"{number} {child.name} {figures(child)}")
        rows.extend(f"– {commune.name} {figures(commune)}" for commune in communes[child.unit_id])
    return [*rows, f"Tổng cộng {figures(tally.totals)}"]


def test_the_provincial_tally_reads_like_the_article(article_figures, bac_lieu):
    report = render("provincial_tally", bac_lieu, number=15, signer_name="Ngô Thành Thật")
    reader, text = pdf_text(report)
    assert "BÁO CÁO" in text
    assert "4.354" in text and "17.077" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BỘ CÔNG AN" in text and "CÔNG AN TỈNH BẠC LIÊU" in text
    assert "Số: 15/BC-CAT-PV05" in text
    assert "Bạc Liêu, ngày 11 tháng 7 năm 2018" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Ngô Thành Thật" in text
    assert "Nơi nhận:" in text and "Lưu: VT, PV05." in text


def test_the_pdf_embeds_its_own_serif_font_and_is_pdf_a(small_world, bac_lieu):
    report = render("provincial_tally", bac_lieu)
    reader, _text = pdf_text(report)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded, not referenced
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Report-Serif" in name for name in fonts)
    assert "pdfaid" in reader.xmp_metadata.xmp_metadata_raw if hasattr(reader.xmp_metadata, "xmp_metadata_raw") \
        else b"pdfaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert report.pdf_variant == "pdf/a-3b"


def top_margin_text(page) -> str:
    """Text drawn in the top 20 mm of the page (where the decree puts page numbers)."""
    top = float(page.mediabox.top) - 20 * 72 / 25.4
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
        if text.strip() and y > top:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def test_page_numbers_start_on_page_two_and_table_headers_repeat(small_world, bac_lieu, article_figures):
    report = render("breakdown", bac_lieu)
    reader, _text = pdf_text(report)
    assert len(reader.pages) >= 2
    assert top_margin_text(reader.pages[0]) == ""
    assert top_margin_text(reader.pages[1]) == "2"
    assert reader.pages[1].extract_text().count("Đơn vị") >= 1  # the table's header again on page 2


def test_the_breakdown_lists_every_district_and_its_communes(small_world, bac_lieu):
    _reader, text = pdf_text(render("breakdown", bac_lieu))
    for name in ("Thị xã Giá Rai", "Phường Hộ Phòng", "Thành phố Bạc Liêu", "Huyện Hòa Bình", "Tổng cộng"):
        assert name in text


def test_the_list_of_commendations_names_each_recipient(small_world, bac_lieu):
    report = render("commendations", bac_lieu)
    _reader, text = pdf_text(report)
    assert "Nguyễn Minh Chẳng" in text and "Phạm Quốc Việt" in text and "Tổ bảo vệ ANTT khóm 1" in text
    assert len(report.figures["list"]) == 5


def test_figures_are_stored_beside_the_pdf_with_checksums(small_world, bac_lieu):
    report = render("provincial_tally", bac_lieu)
    pdf = report.pdf.read()
    stored = report.figures_file.read()
    assert report.pdf_sha256 == sha256(pdf) and report.figures_sha256 == sha256(stored)
    # The PDF carries the archived file itself: its attachment checks against the same checksum.
    assert sha256(PdfReader(io.BytesIO(pdf)).attachments["so-lieu.json"][0]) == report.figures_sha256
    assert json.loads(stored) == report.figures
    assert report.figures["totals"]["organizations"]["value"] == 4
    assert report.pdf.name.endswith(".pdf") and str(report.uuid) in report.pdf.name


def test_a_district_report_is_issued_by_the_district_police(small_world, gia_rai):
    _reader, text = pdf_text(render("provincial_tally", gia_rai))
    assert "CÔNG AN TỈNH BẠC LIÊU" in text and "CÔNG AN THỊ XÃ GIÁ RAI" in text
    assert "/BC-CAH" in text and "TRƯỞNG CÔNG AN" in text


def test_the_breakdown_draws_the_map_of_communes_without_links(small_world, bac_lieu):
    from reports.rendering import report_context

    report = render("breakdown", bac_lieu)
    _reader, text = pdf_text(report)
    assert "Bản đồ. Tổ chức quần chúng theo xã, phường, thị trấn" in text
    assert "Số tổ chức quần chúng:" in text
    svg = str(report_context(report, Tally.from_dict(report.figures))["commune_map"].svg)
    assert svg.count('<path class="commune-shape') == 64 and "<a " not in svg


def test_a_long_breakdown_is_rendered_in_parts_and_reads_as_one_report(small_world, bac_lieu, settings):
    """The country's breakdown (10,000 communes) is laid out a few hundred rows at a time, in two
    processes at once, and joined: the officer still gets one PDF/A report whose rows, numbering,
    page numbers and figures run on throughout."""
    whole_reader, whole = pdf_text(render("breakdown", bac_lieu))
    settings.REPORTS_PDF_PART_ROWS, settings.REPORTS_PDF_PROCESSES = 20, 2
    report = render("breakdown", bac_lieu)
    reader, text = pdf_text(report)
    tally = Tally.from_dict(report.figures)
    flat = " ".join(layout_lines(report))
    places = [flat.index(f"{number} {row.name} ") for number, row in enumerate(tally.children, 1)]
    assert len(places) == 7 and places == sorted(places)  # every district, numbered on across the parts
    assert len(tally.communes) == 64 and all(f"– {c.name} " in flat for c in tally.communes)
    assert text.count("Tổng cộng") == 1 and text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 1
    assert text.count("Nơi nhận:") == 1 and "Bản đồ. Tổ chức quần chúng theo xã, phường, thị trấn" in text
    numbers = [top_margin_text(page) for page in reader.pages]
    assert len(reader.pages) > len(whole_reader.pages)  # each part begins a page
    assert numbers == [""] + [str(n) for n in range(2, len(reader.pages) + 1)]
    assert json.loads(reader.attachments["so-lieu.json"][0]) == json.loads(
        whole_reader.attachments["so-lieu.json"][0])
    assert b"pdfaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_every_unit_reads_on_one_line_with_its_own_figures_across_pages_and_parts(small_world, article_figures,
                                                                                    bac_lieu, settings):
    """The table is laid out a column at a time (reports/pdf_table.py): on every page, in every part,
    each unit's number, name and six figures still read as one line, in the tally's order."""
    settings.REPORTS_PDF_PART_ROWS, settings.REPORTS_PDF_PROCESSES = 20, 2
    report = render("breakdown", bac_lieu)
    expected = table_rows(Tally.from_dict(report.figures))
    assert len(expected) == 7 + 64 + 1 and expected[-1].startswith("Tổng cộng 4.358 17.071 ")
    assert [line for line in layout_lines(report) if line in set(expected)] == expected


def test_figures_end_where_their_columns_do_on_every_line(small_world, article_figures, bac_lieu, tmp_path):
    """The six figures of a line share one cell, padded to their columns: whatever their width, bold
    or not, every figure of a column ends at the same place on every page."""
    report = render("breakdown", bac_lieu)
    path = tmp_path / "breakdown.pdf"
    report.pdf.open("rb")
    path.write_bytes(report.pdf.read())
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = defaultdict(list)  # (page, top) -> [(left, right, word)]
    for page, xml in enumerate(boxes.split("<page ")[1:]):
        for left, top, right, word in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', xml):
            lines[page, round(float(top), 1)].append((float(left), float(right), word))
    rows = [sorted(words)[-6:] for words in lines.values() if min(words)[2] in ("–", "Tổng")]  # communes, total
    ends = {tuple(round(right, 1) for _left, right, _word in row) for row in rows}
    widths = {len(word) for row in rows for _left, _right, word in row}
    assert len(rows) == 64 + 1 and widths == {1, 5, 6}  # 0, 2.178 (a commune), 17.071 (the total, bold)
    assert len(ends) == 1, ends


def test_a_name_too_long_for_its_column_is_set_smaller_on_its_own_line(small_world, bac_lieu, ho_phong, settings):
    ho_phong.name = "Phường Hộ Phòng Nông trường Việt Trung Phan Rang Tháp Chàm"
    ho_phong.save(update_fields=["name"])
    settings.REPORTS_PDF_PART_ROWS, settings.REPORTS_PDF_PROCESSES = 10, 1
    report = render("breakdown", bac_lieu)
    expected = table_rows(Tally.from_dict(report.figures))
    assert any(row.startswith(f"– {ho_phong.name} ") for row in expected)
    assert [line for line in layout_lines(report) if line in set(expected)] == expected  # and the rows after it


def test_the_tally_s_short_table_of_units_is_not_split_across_pages(small_world, bac_lieu, ho_phong):
    """Three more kinds of organization push the provincial tally's table of districts (section 4) across
    a page end: it moves to the next page whole, its header and its total together."""
    for n in range(3):
        OrganizationFactory(commune=ho_phong, kind=OrganizationKindFactory(name=f"Loại tổ chức {n}"))
    reader, _text = pdf_text(render("provincial_tally", bac_lieu))
    pages = [page.extract_text() for page in reader.pages]
    header = [number for number, text in enumerate(pages) if "Đơn vị" in text]
    assert len(header) == 1 and "Tổng cộng" in pages[header[0]] and "Huyện Hòa Bình" in pages[header[0]]
