"""Form widgets every app shares."""

import datetime

from django import forms
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
