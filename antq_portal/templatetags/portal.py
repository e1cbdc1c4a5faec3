from django import template
from django.template.loader import render_to_string
from django.utils import numberformat
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from antq_portal.text import nfc

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag
def path(name: str, pk=None) -> str:
    """`{% url name pk %}` for the links a page writes per row: the URL reversed once (antq_portal.paths)."""
    from antq_portal.paths import path_to

    return path_to(name, pk)


@register.filter
def vn_number(value) -> str:
    """4354 -> "4.354" whatever the active language (official documents and PDFs)."""
    if value in (None, ""):
        return "—"
    # Explicit separators: settings.NUMBER_GROUPING is 0, so number_format(use_l10n=False) never grouped.
    return numberformat.format(value, ",", grouping=3, thousand_sep=".", force_grouping=True)


@register.simple_tag
def linked(value, url) -> str:
    """A figure (vn_number) linking to the records it counts, or the bare figure where nothing opens them: one
    tag rather than an include (a province's dashboard writes 200 of them)."""
    number = escape(vn_number(value))
    return mark_safe(f'<a href="{escape(url)}">{number}</a>') if url else number


@register.filter(name="nfc")
def nfc_filter(value) -> str:
    """Text in composed Unicode (Django's own "Tiếng Việt" comes with combining marks)."""
    return nfc(str(value))


@register.inclusion_tag("includes/list_head.html", takes_context=True)
def list_head(context) -> dict:
    """The header cells of a list from its table declaration: sort links and aria-sort."""
    from antq_portal.lists import headers

    return {"headers": headers(context["view"], context.get("sort", ""))}


@register.simple_tag(takes_context=True)
def list_cells(context, row) -> str:
    """A row's cells from its table's columns, in the header's order (antq_portal.lists.cells)."""
    from antq_portal.lists import cells

    return cells(context["view"], row)


@register.simple_tag(takes_context=True)
def list_rows(context, objects) -> str:
    """A page's rows with their cells (antq_portal.lists.rows)."""
    from antq_portal.lists import rows

    return rows(context["view"], objects)


@register.simple_tag
def field_row(field) -> str:
    """A form field with its label, help and errors, the one way every form and list filter writes one
    (templates/includes/field.html is this tag): seven filters through a template cost a list page 0.4 ms."""
    required = field.field.required
    classes = "field" + (" has-error" if field.errors else "") + (" required" if required else "")
    label_for = escape(field.id_for_label or "")
    if field.widget_type == "checkbox":
        body = f'{field} <label for="{label_for}">{conditional_escape(field.label)}</label>'
    else:
        mark = ' <span class="req" aria-hidden="true">*</span>' if required else ""
        body = f'<label for="{label_for}">{conditional_escape(field.label)}{mark}</label>\n  {field}'
    if field.help_text:
        body += f'\n  <small class="help" id="{escape(field.auto_id)}_helptext">{conditional_escape(field.help_text)}</small>'
    body += "".join(f'\n  <p class="error" role="alert">{conditional_escape(error)}</p>' for error in field.errors)
    return mark_safe(f'<div class="{classes}">\n  {body}\n</div>\n')


STANDARD_OPTION = "django/forms/widgets/select_option.html"


@register.simple_tag
def select_options(optgroups) -> str:
    """The <option>s (and <optgroup>s) of a select, written here rather than through one template per
    option: 171 reporting periods took 9 ms that way. An option with a template of its own still gets it;
    Django's "---------" reads "— Chọn —" as everywhere (templates/django/forms/widgets/select_option.html)."""
    choose = escape(gettext("— Chọn —"))
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'<optgroup label="{escape(group_name)}">')
        for option in options:
            if option["template_name"] != STANDARD_OPTION or set(option["attrs"]) - {"selected"}:
                parts.append(render_to_string(option["template_name"], {"widget": option}))
                continue
            label = choose if option["label"] == "---------" else escape(option["label"])
            selected = " selected" if option["attrs"].get("selected") else ""
            parts.append(f'<option value="{escape(option["value"])}"{selected}>{label}</option>')
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))
