"""The reports' table of units (children, their communes, the total), laid out a column at a time.

WeasyPrint's cost is per table cell and per line: a row of eight cells took about 5 ms, so the
country's breakdown (10,700 rows) spent most of its time there. Here the table's body is one row of
three cells, each holding whole columns, one line per unit (`white-space: pre`, every line as tall,
a rule drawn over each line by the row's background), and the cells break across pages together, at
the same line. A unit's row is therefore always one line: a name too wide for its column is set
smaller (`fit_class`), never wrapped.

The six figures of a line share one cell: in the report font a digit is two quarters of an em wide,
"." and the no-break space one, so each figure is padded with no-break spaces to its column's width
(`Geometry.fields`, in quarters, sized by the total, the widest figure of each column) and every
figure ends exactly where its column does; the rules between them are drawn by the cell's background.
The CSS of the table is `table.units` in reports/pdf/base.html and `Geometry.css` here.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from math import ceil

from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .figures import UNIT_METRICS
from .formatting import vn_number

FONT_SIZE_PT = 11.5  # table.data
QUARTER_PT = FONT_SIZE_PT / 4
PADDING_PT = 4  # each side of the number and name cells
BODY_MARGIN_PT = 6  # WeasyPrint's own stylesheet: body { margin: 8px }
TEXT_WIDTH_PT = (210 - 30 - 15) * 72 / 25.4 - 2 * BODY_MARGIN_PT  # A4 less the margins of _page.css
NUMBER_PT = TEXT_WIDTH_PT * 0.06  # the TT column
FIELD_MIN = 14  # quarters: the narrowest figure column (its header fits)
FIELD_ROOM = 3  # quarters beside a column's widest figure
FIT_STEPS = (90, 80, 70, 60)  # percent of the font size a too wide name may be set in (.fit-90 …)
KERNING_ALLOWANCE = 1.03  # advance widths ignore kerning, which may widen a name a little
SPACE = "\u00a0"  # no-break space: one quarter
END = "\u200a"  # hair space closing a line of figures: with the space after each figure, about 4pt from its rule


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """The bundled report font's advance width of every character, in em, and of a missing one."""
    from fontTools.ttLib import TTFont

    font = TTFont(finders.find(f"fonts/LiberationSerif-{'Bold' if bold else 'Regular'}.ttf"), lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / per_em


def text_width(text: str, *, bold: bool = False, size: float = FONT_SIZE_PT) -> float:
    """How wide `text` is set in the report font, in points."""
    widths, missing = _advances(bold)
    return sum(widths.get(ord(char), missing) for char in unicodedata.normalize("NFC", text)) * size


def quarters(text: str, *, bold: bool = False) -> int:
    return ceil(round(text_width(text, bold=bold) / QUARTER_PT, 3))


def fit_class(text: str, *, bold: bool, room: float) -> str:
    """"" when `text` fits `room` at the table's size, else the largest .fit-NN step it fits at (the
    smallest step when none does: the cell clips what still overflows)."""
    wide = text_width(text, bold=bold) * KERNING_ALLOWANCE
    if wide <= room:
        return ""
    step = next((step for step in FIT_STEPS if wide * step / 100 <= room), FIT_STEPS[-1])
    return f"fit-{step}"


@dataclass(frozen=True)
class Geometry:
    """The table's columns: TT and the unit's name, then one per figure, `fields` quarters wide each."""

    fields: tuple[int, ...]

    @classmethod
    def for_totals(cls, totals) -> "Geometry":
        """Every part of a report shares its geometry: the total bounds every figure of its column."""
        return cls(tuple(max(FIELD_MIN, quarters(vn_number(getattr(totals, m).value), bold=True) + FIELD_ROOM)
                         for m in UNIT_METRICS))

    @property
    def figures_pt(self) -> float:
        return sum(self.fields) * QUARTER_PT

    @property
    def name_room(self) -> float:
        """The room for a unit's name, in points."""
        return TEXT_WIDTH_PT - NUMBER_PT - self.figures_pt - 2 * PADDING_PT

    def css(self) -> str:
        """The columns' widths and the rules between the figures (a tile one line tall, its lines where
        the columns meet: the cell's padding box begins half a 0.5pt border right of its column)."""
        widths = "".join(f"col.f{index} {{ width: {quarter * QUARTER_PT:.3f}pt; }} "
                         for index, quarter in enumerate(self.fields))
        edges, x = [], 0.0
        for quarter in self.fields[:-1]:
            x += quarter * QUARTER_PT
            edges.append(f"M{x - 0.25:.3f} 0V15")
        tile = (f"%3Csvg xmlns='http://www.w3.org/2000/svg' width='{self.figures_pt:.3f}pt' height='15pt' "
                f"viewBox='0 0 {self.figures_pt:.3f} 15'%3E%3Cpath d='{''.join(edges)}' stroke='black' "
                f"stroke-width='0.5'/%3E%3C/svg%3E")
        return (f"col.tt {{ width: {NUMBER_PT:.3f}pt; }} {widths}\n"
                f'table.units td.figures {{ background: url("data:image/svg+xml,{tile}") repeat-y; '
                f"background-size: {self.figures_pt:.3f}pt 20px; }}")

    def figures_line(self, values: list[str], *, bold: bool) -> str:
        """The figures of one line, each ending where its column does (the cell is right-aligned, the
        first figure's padding one quarter short so that the line never overflows the cell)."""
        parts = []
        for index, (text, field) in enumerate(zip(values, self.fields, strict=True)):
            pad = field - quarters(text, bold=bold) - 1 - (index == 0)
            parts.append(SPACE * max(pad, 0) + text + SPACE)
        return "".join(parts) + END


@dataclass(frozen=True)
class Column:
    css_class: str
    lines: SafeString
    span: int = 1


def _line(html: str, *, bold: bool, fit: str = "") -> str:
    if fit:
        html = f'<span class="{fit}">{html}</span>'
    return f"<b>{html}</b>" if bold else html


SHORT_ROWS = 40  # a table of at most this many lines is kept on one page


@dataclass(frozen=True)
class UnitTable:
    cells: list[Column]
    short: bool  # kept on one page (the provincial tally's children) rather than split across two


def unit_columns(groups: list, geometry: Geometry, *, start: int = 0, total=None) -> UnitTable:
    """The table's cells for `groups` ((child row, its commune rows) pairs), the children numbered
    from `start` + 1, the `total` row (Totals) last when given."""
    rows = []  # (number, name, figures source, bold)
    for number, (row, communes) in enumerate(groups, start + 1):
        rows.append((str(number), row.name, row, bool(communes)))
        rows.extend(("", f"– {commune.name}", commune, False) for commune in communes)
    if total is not None:
        rows.append(("", "Tổng cộng", total, True))
    room = geometry.name_room
    numbers, names, figures = [], [], []
    for number, name, source, bold in rows:
        numbers.append(_line(number, bold=bold))
        names.append(_line(escape(name), bold=bold, fit=fit_class(name, bold=bold, room=room)))
        values = [vn_number(getattr(source, metric).value) for metric in UNIT_METRICS]
        figures.append(_line(geometry.figures_line(values, bold=bold), bold=bold))
    return UnitTable([Column("n", mark_safe("\n".join(numbers))), Column("name", mark_safe("\n".join(names))),
                      Column("figures", mark_safe("\n".join(figures)), span=len(UNIT_METRICS))],
                     short=len(rows) <= SHORT_ROWS)
