"""Form widgets every app shares."""

import datetime

from django import forms
from django.utils.html import format_html
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
