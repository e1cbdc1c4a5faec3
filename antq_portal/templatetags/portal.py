from django import template
from django.utils import numberformat

from antq_portal.text import nfc

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def vn_number(value) -> str:
    """4354 -> "4.354" whatever the active language (official documents and PDFs)."""
    if value in (None, ""):
        return "—"
    # Explicit separators: settings.NUMBER_GROUPING is 0, so number_format(use_l10n=False) never grouped.
    return numberformat.format(value, ",", grouping=3, thousand_sep=".", force_grouping=True)


@register.filter(name="nfc")
def nfc_filter(value) -> str:
    """Text in composed Unicode (Django's own "Tiếng Việt" comes with combining marks)."""
    return nfc(str(value))


@register.inclusion_tag("includes/list_head.html", takes_context=True)
def list_head(context) -> dict:
    """The header cells of a list from its table declaration: sort links and aria-sort."""
    from antq_portal.lists import headers

    return {"headers": headers(context["view"], context.get("sort", ""))}
