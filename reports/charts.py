"""Small SVG charts drawn on the server: the PDF reports and the dashboard share them.

Each function returns SVG markup (a SafeString) that can be placed inline in HTML; colours
and fonts are SVG presentation attributes, never style= attributes (strict CSP).
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from antq_portal.templatetags.portal import vn_number

PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#d9882b", "#6b4c9a", "#2a8c8c")
FONT = "Report Serif, Liberation Serif, Times New Roman, serif"


def _svg(width: int, height: int, title: str, body: list[str], *, links: bool = False) -> SafeString:
    # A chart whose bars are links is a group of links (an image cannot hold controls).
    label, role = escape(title), "group" if links else "img"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="{role}" aria-label="{label}" font-family="{FONT}" font-size="11">'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, width: int = 560, bar_height: int = 18,
              label_width: int = 170, color: str = PALETTE[0],
              links: Sequence[str | None] | None = None) -> SafeString:
    """Horizontal bars, one per (label, value): districts, kinds of organization, fields of work.

    `links` (the dashboard's drill-down): one address per row, or None; a row with one becomes
    a link around its label and bar.
    """
    gap, top = 6, 8
    height = top + len(rows) * (bar_height + gap) + 4
    scale_width = width - label_width - 60
    largest = max((value for _label, value in rows), default=0) or 1
    body = []
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        length = scale_width * value / largest
        href = links[index] if links else None
        body.append(f'<a href="{escape(href)}">' if href else "")
        body.append(_text(label_width - 6, y + bar_height * 0.72, label, "end"))
        body.append(f'<rect class="bar" x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                    f'fill="{color}"><title>{escape(label)}: {vn_number(value)}</title></rect>')
        body.append(_text(label_width + length + 4, y + bar_height * 0.72, vn_number(value)))
        body.append("</a>" if href else "")
    return _svg(width, max(height, 24), title, body, links=bool(links and any(links)))


def column_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, title: str,
                 width: int = 560, height: int = 220) -> SafeString:
    """Stacked columns per category (e.g. months) with a legend: collectives and individuals."""
    left, right, top, bottom = 34, 8, 22, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _name, values in series) for i in range(len(categories))]
    largest = max(totals, default=0) or 1
    step = plot_w / max(len(categories), 1)
    bar_w = max(step * 0.7, 1)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#444"/>',
            _text(left - 4, top + 4, vn_number(largest), "end"), _text(left - 4, top + plot_h, "0", "end")]
    for index, category in enumerate(categories):
        x = left + index * step + (step - bar_w) / 2
        base = top + plot_h
        for colour, (_name, values) in zip(PALETTE, series, strict=False):
            h = plot_h * values[index] / largest
            if h:
                body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
            base -= h
        if len(categories) <= 24 or index % 3 == 0:
            cx, cy = x + bar_w / 2, top + plot_h + 10
            body.append(_text(cx, cy, category, "end", transform=f"rotate(-45 {cx:.1f} {cy:.1f})", font_size="9"))
    for index, (colour, (name, _values)) in enumerate(zip(PALETTE, series, strict=False)):
        x = left + index * 150
        body.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
        body.append(_text(x + 14, 13, name))
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
