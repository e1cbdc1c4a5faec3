"""Report kinds and their PDF: Django templates rendered by WeasyPrint with an embedded serif font."""

import io
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import charts
from .figures import Tally
from .formatting import vn_count, vn_date
from .models import ReportKind
from .official import issuer_for, layout_note, lower_first
from .pdf_parts import ready_to_write, write_part
from .pdf_table import Geometry

PDF_VARIANT = "pdf/a-3b"
FONT_FILES = {("normal", "normal"): "Regular", ("bold", "normal"): "Bold",
              ("normal", "italic"): "Italic", ("bold", "italic"): "BoldItalic"}


@dataclass(frozen=True)
class KindSpec:
    template: str
    subject: str
    include_communes: bool = False


KINDS: dict[str, KindSpec] = {
    ReportKind.PROVINCIAL_TALLY: KindSpec("reports/pdf/provincial_tally.html",
                                          "Kết quả xây dựng, củng cố tổ chức quần chúng, mô hình phòng, chống "
                                          "tội phạm và công tác khen thưởng trong phong trào Toàn dân bảo vệ ANTQ"),
    ReportKind.BREAKDOWN: KindSpec("reports/pdf/breakdown.html",
                                   "Số liệu tổ chức quần chúng, mô hình và khen thưởng theo từng địa bàn",
                                   include_communes=True),
    ReportKind.COMMENDATIONS: KindSpec("reports/pdf/commendations.html",
                                       "Kết quả khen thưởng trong phong trào Toàn dân bảo vệ ANTQ"),
}


@cache
def font_face_css() -> str:
    """@font-face rules pointing at the bundled Liberation Serif files: no PDF depends on system fonts."""
    rules = []
    for (weight, style), suffix in FONT_FILES.items():
        path = finders.find(f"fonts/LiberationSerif-{suffix}.ttf")
        if path is None:
            raise FileNotFoundError(f"Thiếu tệp phông chữ LiberationSerif-{suffix}.ttf trong static/fonts/.")
        uri = "file://" + str(path)
        rules.append(f'@font-face {{ font-family: "Report Serif"; font-weight: {weight}; font-style: {style}; '
                     f'src: url("{uri}") format("truetype"); }}')
    return "\n".join(rules)


def _charts(tally: Tally) -> dict:
    """The dashboard's own charts (reports.charts), without its links."""
    return {
        "children_chart": charts.children_chart(tally) if tally.children else "",
        "kinds_chart": charts.kinds_chart(tally),
        "months_chart": charts.months_chart(tally),
    }


def basis_line(basis) -> str:
    """What the figures are made of and how complete the chain is, as the report states it."""
    from .periods import ReportingPeriod

    if basis.approved:
        line = _("Số liệu tổng hợp chỉ gồm các xã, phường đã được duyệt (số liệu đã khóa, không thay đổi).")
    else:
        line = _("Số liệu tổng hợp theo dữ liệu hiện có tại thời điểm lập báo cáo (gồm cả số liệu chưa được duyệt).")
    c = basis.completeness
    if c is not None:
        line += " " + _("%(name)s: %(submitted)s/%(total)s xã đã nộp, %(approved)s/%(total)s xã đã được duyệt.") % {
            "name": ReportingPeriod.from_key(c.period).name, "submitted": vn_count(c.submitted),
            "approved": vn_count(c.approved), "total": vn_count(c.total)}
    return line


# A breakdown longer than REPORTS_PDF_PART_ROWS table rows is laid out in parts (whole units, each part on
# its own pages), the parts written in REPORTS_PDF_PROCESSES processes at once (reports/pdf_parts.py) and
# joined. WeasyPrint holds a document's every box until it is written: the country's 10,000 communes in
# one document took 92 s and 1.7 GB; in parts, each process holds one part, and the parts share the
# cores. The table itself is laid out a column at a time (reports/pdf_table.py).


@dataclass(frozen=True)
class Part:
    """One part of a report: `start` numbers its first row (TT). A report in one part (first and last)
    numbers its own pages; the parts of a longer one are numbered once joined (`_joined`)."""

    first: bool
    last: bool
    start: int = 0

    @property
    def numbered(self) -> bool:
        return self.first and self.last


WHOLE = Part(first=True, last=True)  # a report in one document


def report_context(report, tally: Tally, commendation_rows: list | None = None) -> dict:
    issuer = issuer_for(report.unit, report.as_of)
    spec = KINDS[report.kind]
    communes_by_child: dict = {}
    for row in tally.communes or []:
        communes_by_child.setdefault(row.child_id, []).append(row)
    return {
        "report": report, "tally": tally, "t": tally.totals, "issuer": issuer,
        "layout_note": layout_note(tally.layout or tally.unit.layout, report.as_of),
        "basis_line": basis_line(tally.basis),
        "number_line": issuer.number_line(report.number),
        "place_and_date": issuer.place_and_date(report.as_of),
        "subject": spec.subject, "unit_name": lower_first(report.unit.name),
        "as_of": vn_date(report.as_of), "since": vn_date(report.since), "until": vn_date(report.until),
        "signer_name": report.signer_name,
        "children_with_communes": [(row, communes_by_child.get(row.unit_id, [])) for row in tally.children],
        "commendation_rows": commendation_rows or [],
        "font_css": font_face_css(),
        "unit_table": Geometry.for_totals(tally.totals),
        **_charts(tally),
        "commune_map": _commune_map(report, tally) if spec.include_communes else None,
        "part": WHOLE,
    }


def _commune_map(report, tally: Tally):
    """The dashboard's map of communes, without links, shaded by organizations."""
    from .dashboard.maps import figure_map

    return figure_map(report.unit, tally, "organizations")


def _parts(groups: list) -> list[list]:
    """The table's (unit, communes) groups cut into runs of at most REPORTS_PDF_PART_ROWS rows; a unit is
    never split."""
    parts, run, rows = [], [], 0
    for group in groups:
        size = 1 + len(group[1])
        if run and rows + size > settings.REPORTS_PDF_PART_ROWS:
            parts.append(run)
            run, rows = [], 0
        run.append(group)
        rows += size
    return [*parts, run]


def render_pdf(report, figures: dict, *, figures_json: bytes, commendation_rows: list | None = None) -> bytes:
    """The report as PDF/A-3b bytes, the figures it shows attached inside as JSON.

    `figures` is the JSON the report keeps (`Tally.as_dict()`), `figures_json` the very bytes it is
    archived and hashed as (`services.canonical_json`): the PDF is drawn from exactly what is archived,
    read back as a typed Tally, and carries that file, whose SHA-256 is the report's `figures_sha256`.
    A breakdown too long for one document is rendered part by part (REPORTS_PDF_PART_ROWS, several
    parts at once) and joined, its rows and pages numbered on throughout.
    """
    tally = Tally.from_dict(figures)
    template = KINDS[report.kind].template
    base_url = str(finders.find("fonts") or ".")
    with translation.override("vi"):
        context = report_context(report, tally, commendation_rows)
        groups = context["children_with_communes"]
        runs = _parts(groups) if KINDS[report.kind].include_communes else [groups]
        with _writer(len(runs)) as write:  # each part laid out as soon as its HTML is rendered
            pending, start = [], 0
            for index, run in enumerate(runs):
                part = Part(first=index == 0, last=index == len(runs) - 1, start=start)
                html = render_to_string(template, {**context, "children_with_communes": run, "part": part})
                pending.append(write(html, base_url, PDF_VARIANT, figures_json if index == 0 else None))
                start += len(run)
            written = [result() for result in pending]
    if len(written) == 1:
        return written[0][0]  # a report in one part, as WeasyPrint wrote it
    pages = sum(count for _pdf, count in written)
    stamps = render_to_string("reports/pdf/page_numbers.html", {"pages": range(pages), "font_css": context["font_css"]})
    return _joined([pdf for pdf, _count in written], numbers=write_part(stamps, base_url, PDF_VARIANT)[0])


@contextmanager
def _writer(parts: int):
    """A function that has `write_part(*job)` done and returns a function that waits for its result: at
    once, in this process, for a report in one part; else in REPORTS_PDF_PROCESSES spawned processes,
    started before the first part's HTML is rendered so that they import WeasyPrint meanwhile, each
    part laid out while the next part's HTML is rendered. Spawned, not forked: a Celery worker's open
    connections stay its own. By billiard (Celery's own multiprocessing): the standard library's refuses
    to start processes from a prefork worker's task, which runs in a daemonic process."""
    processes = min(settings.REPORTS_PDF_PROCESSES, parts)
    if processes <= 1:
        def at_once(*job):
            written = write_part(*job)
            return lambda: written

        yield at_once
        return
    from billiard import get_context

    pool = get_context("spawn").Pool(processes, initializer=ready_to_write)
    try:
        yield lambda *job: pool.apply_async(write_part, job).get
        pool.close()  # the processes end once idle; a failed part ends them at once (terminate)
    finally:
        pool.terminate()
        pool.join()


def _joined(pdfs: list[bytes], *, numbers: bytes) -> bytes:
    """The parts as one PDF: the first part's catalogue (PDF/A metadata, output intent, the attached
    figures) with every part's pages after its own, each page's number (`numbers`, a page of its own
    for each) drawn over it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdfs[0])))
    for pdf in pdfs[1:]:
        writer.append(PdfReader(io.BytesIO(pdf)))
    for page, number in zip(writer.pages, PdfReader(io.BytesIO(numbers)).pages, strict=True):
        page.merge_page(number)
        page.compress_content_streams()  # merged, a page's content is written out uncompressed (16 MB → 10 MB)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
