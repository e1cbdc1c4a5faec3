"""Small SVG charts drawn on the server: the PDF reports and the dashboard share them.

Each function returns SVG markup (a SafeString) that can be placed inline in HTML; colours
and fonts are SVG presentation attributes, never style= attributes (strict CSP). The PDF keeps the
serif given here; the dashboard's style sheet gives the charts the page's own font. Text is 13 px
(labels) and 12 px (axes) at the chart's natural width, which both places show it at or above.
"""

import textwrap
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from antq_portal.templatetags.portal import vn_number

PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#d9882b", "#6b4c9a", "#2a8c8c")
FONT = "Report Serif, Liberation Serif, Times New Roman, serif"
FONT_SIZE = 13
SMALL_FONT_SIZE = 12
CHAR_WIDTH = 0.56 * FONT_SIZE  # an average Vietnamese letter, to wrap labels before they are cut
LINE_HEIGHT = 15


def _svg(width: int, height: int, title: str, body: list[str], *, links: bool = False) -> SafeString:
    # A chart whose bars are links is a group of links (an image cannot hold controls).
    label, role = escape(title), "group" if links else "img"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="{role}" aria-label="{label}" font-family="{FONT}" font-size="{FONT_SIZE}">'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def wrap_label(label: str, width: float, lines: int = 2) -> list[str]:
    """The label on at most `lines` lines of `width` px; a longer one ends in "…" (its row's title
    keeps the full name)."""
    chars = max(int(width / CHAR_WIDTH), 4)
    wrapped = textwrap.wrap(label, chars) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: chars - 1].rstrip() + "…"
    return wrapped


def _label(x: float, y_middle: float, lines: list[str]) -> str:
    first = y_middle - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
    spans = "".join(f'<tspan x="{x:.1f}" y="{first + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="label" text-anchor="end">{spans}</text>'


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, width: int = 560, bar_height: int = 20,
              label_width: int = 210, color: str = PALETTE[0],
              links: Sequence[str | None] | None = None) -> SafeString:
    """Horizontal bars, one per (label, value): districts, kinds of organization, fields of work.

    Labels are wrapped on two lines (or abbreviated, the row's title saying the full name) and the
    value is written at the end of its bar. `links` (the dashboard's drill-down): one address per
    row, or None; a row with one becomes a link around its label and bar.
    """
    gap, top = 8, 6
    labels = [wrap_label(label, label_width - 10) for label, _value in rows]
    row_height = max(bar_height, max((len(lines) for lines in labels), default=1) * LINE_HEIGHT)
    height = top + len(rows) * (row_height + gap) + 2
    scale_width = width - label_width - 64
    largest = max((value for _label, value in rows), default=0) or 1
    body = []
    for index, ((label, value), lines) in enumerate(zip(rows, labels, strict=True)):
        y = top + index * (row_height + gap)
        middle = y + row_height / 2
        length = scale_width * value / largest
        href = links[index] if links else None
        tooltip = f"<title>{escape(label)}: {vn_number(value)}</title>"
        body.append(f'<a href="{escape(href)}">{tooltip}' if href else f"<g>{tooltip}")
        body.append(_label(label_width - 8, middle, lines))
        body.append(f'<rect class="bar" x="{label_width}" y="{middle - bar_height / 2:.1f}" width="{length:.1f}" '
                    f'height="{bar_height}" fill="{color}"/>')
        body.append(_text(label_width + length + 5, middle + FONT_SIZE * 0.35, vn_number(value),
                          font_weight="bold"))
        body.append("</a>" if href else "</g>")
    return _svg(width, max(height, 24), title, body, links=bool(links and any(links)))


def column_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, title: str,
                 width: int = 560, height: int = 220) -> SafeString:
    """Stacked columns per category (e.g. months) with a legend: collectives and individuals."""
    left, right, top, bottom = 40, 8, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _name, values in series) for i in range(len(categories))]
    largest = max(totals, default=0) or 1
    step = plot_w / max(len(categories), 1)
    bar_w = max(step * 0.7, 1)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#444"/>',
            _text(left - 4, top + 4, vn_number(largest), "end", font_size=SMALL_FONT_SIZE),
            _text(left - 4, top + plot_h, "0", "end", font_size=SMALL_FONT_SIZE)]
    for index, category in enumerate(categories):
        x = left + index * step + (step - bar_w) / 2
        base = top + plot_h
        for colour, (_name, values) in zip(PALETTE, series, strict=False):
            h = plot_h * values[index] / largest
            if h:
                body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
            base -= h
        if totals[index] and step >= 2 * SMALL_FONT_SIZE:  # the value on its column, where it fits
            body.append(_text(x + bar_w / 2, base - 4, vn_number(totals[index]), "middle", font_size=SMALL_FONT_SIZE))
        if len(categories) <= 24 or index % 3 == 0:
            cx, cy = x + bar_w / 2, top + plot_h + 12
            body.append(_text(cx, cy, category, "end", transform=f"rotate(-45 {cx:.1f} {cy:.1f})",
                              font_size=SMALL_FONT_SIZE))
    for index, (colour, (name, _values)) in enumerate(zip(PALETTE, series, strict=False)):
        x = left + index * 150
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        body.append(_text(x + 17, 17, name))
    return _svg(width, height, title, body)


# --- The tally's charts: built once here, the dashboard and the PDF show the same ones ----------

def children_chart(tally, links: Sequence[str | None] | None = None) -> SafeString:
    return bar_chart([(row.name, row.organizations.value) for row in tally.children],
                     title=str(_("Tổ chức quần chúng theo đơn vị trực thuộc")), links=links)


def kinds_chart(tally, links: Sequence[str | None] | None = None) -> SafeString:
    return bar_chart([(row.label, row.value) for row in tally.organizations.by_kind],
                     title=str(_("Tổ chức quần chúng theo loại")), color=PALETTE[2], links=links)


def months_chart(tally) -> SafeString:
    months = tally.commendations.by_month
    return column_chart([m.label for m in months],
                        [(str(_("Tập thể")), [m.collectives for m in months]),
                         (str(_("Cá nhân")), [m.individuals for m in months])],
                        title=str(_("Tập thể, cá nhân được khen thưởng theo tháng")))


def fields_chart(tally, links: Sequence[str | None] | None = None) -> SafeString:
    return bar_chart([(row.label, row.value) for row in tally.models.by_field],
                     title=str(_("Mô hình theo lĩnh vực")), links=links)


def levels_chart(tally, links: Sequence[str | None] | None = None) -> SafeString:
    return bar_chart([(row.label, row.value) for row in tally.models.by_level],
                     title=str(_("Mô hình theo cấp công nhận")), links=links, label_width=230)
