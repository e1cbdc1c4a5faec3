"""Form widgets every app shares."""

import datetime
from pathlib import Path

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date typed and shown as 11/07/2018, whatever the browser's language.

    A native ``type="date"`` picker shows 07/11/2018 in an English browser; officers read
    dd/mm/yyyy. Parsing accepts dd/mm/yyyy and yyyy-mm-dd (DATE_INPUT_FORMATS), so links built
    with ISO dates keep working.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off",
                    "maxlength": "10", "size": "10", "class": "date-input"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")

    def format_value(self, value):
        # A link or bookmark may carry an ISO date (?as_of=2018-07-11): show it the officer's way.
        # Anything else typed, valid or not, is shown back exactly as typed.
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return value
        return super().format_value(value)


class UnitInput(forms.TextInput):
    """A unit typed by name ("Phường 1, Thành phố Bạc Liêu") where a scope has too many units to list in a
    select: the form resolves the text (geography.lookup.resolve_unit); as the officer types,
    static/js/portal.js fills the datalist with the portal's suggestions from `search_url`."""

    def __init__(self, search_url: str, attrs=None):
        defaults = {"autocomplete": "off", "data-unit-search": search_url, "class": "unit-input",
                    "placeholder": _("Gõ tên, ví dụ: Phường 1, Thành phố Bạc Liêu")}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        suggestions = f"{(attrs or {}).get('id') or 'id_' + name}-units"
        html = super().render(name, value, {**(attrs or {}), "list": suggestions}, renderer)
        return format_html('{}<datalist id="{}"></datalist>', html, suggestions)


class PortalRenderer(TemplatesSetting):
    """Django's widget templates through the project's engine (TemplatesSetting: templates/django/forms/ may
    override any), with the plain <input>s and the <select> written here instead of by two or three nested
    templates each: the same HTML (tests/antq_portal/test_widgets.py compares them), a list page's filters
    8 → 3 ms. Any other widget, or a plain one whose template the project overrides, renders its template."""

    INPUTS = frozenset(f"django/forms/widgets/{name}.html" for name in (
        "input", "text", "date", "datetime", "time", "number", "email", "url", "tel", "search", "password",
        "hidden", "checkbox", "color"))
    SELECT = "django/forms/widgets/select.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and template_name in self._plain:
            if template_name == self.SELECT:
                from antq_portal.templatetags.portal import select_options

                return mark_safe(f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                                 f'{select_options(widget["optgroups"])}\n</select>')
            value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
            return mark_safe(f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
                             f'{_attrs(widget["attrs"])}>')
        return super().render(template_name, context, request=request)

    @cached_property
    def _plain(self) -> frozenset:
        """The fast-written templates the engine finds as Django wrote them (overridden in no folder and no app);
        the project's select is its own, written here to match it."""
        django_own = Path(forms.__file__).parent / "templates"
        overridden = {name for name in self.INPUTS | {"django/forms/widgets/attrs.html"}
                      if not Path(self.get_template(name).template.origin.name).is_relative_to(django_own)}
        if overridden & {"django/forms/widgets/input.html", "django/forms/widgets/attrs.html"}:
            return frozenset()
        return (self.INPUTS - overridden) | {self.SELECT}


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` in an attribute: escaped unless already safe."""
    return value if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(f" {escape(name)}" if value is True else f' {escape(name)}="{_text(value)}"'
                   for name, value in attrs.items() if value is not False)
