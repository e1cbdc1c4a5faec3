from django import template

from reports import formatting, pdf_table
from reports.figures import Figure, value_of

register = template.Library()

register.filter("vn_count", formatting.vn_count)
register.filter("vn_date", formatting.vn_date)
register.filter("signed", formatting.signed)


@register.filter
def change_words(fig: Figure, noun: str) -> str:
    """A figure that grew by 54 -> "tăng 54 tổ chức"; reads inside a sentence of the report."""
    if fig.delta == 0:
        return "không thay đổi"
    return f"{'tăng' if fig.delta > 0 else 'giảm'} {formatting.vn_count(abs(fig.delta))} {noun}"


register.filter("value_for", value_of)


@register.simple_tag
def unit_columns(groups, geometry, part, totals):
    """The table of units of one part of a report, a column at a time (reports/pdf_table.py); the total
    row in the report's last part."""
    return pdf_table.unit_columns(groups, geometry, start=part.start, total=totals if part.last else None)
