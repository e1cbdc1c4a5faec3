import io
import json

import pytest
from pypdf import PdfReader

from reports.figures import Tally
from reports.models import Report
from reports.services import report_render, report_request, sha256

from .conftest import AS_OF, SINCE

pytestmark = pytest.mark.django_db


def render(kind: str, unit, **extra) -> Report:
    report = report_request(kind=kind, unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF, **extra)
    return report_render(report_id=report.pk)


def pdf_text(report: Report) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


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
    flat = " ".join(text.split())
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
