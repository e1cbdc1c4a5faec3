from django import template

from reports import formatting

register = template.Library()

register.filter("vn_count", formatting.vn_count)
register.filter("vn_date", formatting.vn_date)
register.filter("signed", formatting.signed)


@register.filter
def change_words(fig: dict, noun: str) -> str:
    """{"delta": 54} -> "tăng 54 tổ chức"; reads inside a sentence of the report."""
    delta = fig["delta"]
    if delta == 0:
        return "không thay đổi"
    return f"{'tăng' if delta > 0 else 'giảm'} {formatting.vn_count(abs(delta))} {noun}"


@register.filter
def value_for(rows: list[dict], key) -> int:
    """The value of the row whose first id field equals `key` (members of a kind of organization)."""
    for row in rows:
        if key in (row.get("kind_id"), row.get("field_id"), row.get("unit_id")):
            return row["value"]
    return 0
