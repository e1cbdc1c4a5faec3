from django import forms
from django.urls import reverse

from .links import LINK_BY_FIELD, LinkLabels


class LinkPicker(forms.NumberInput):
    """The linked record's ID box, which link_picker.js turns into a search by name.

    Without JavaScript the officer still sees the chosen record's label and may type an ID."""

    template_name = "commendations/widgets/link_picker.html"

    def __init__(self, field: str, placeholder: str = "", attrs=None):
        super().__init__(attrs)
        self.field = field
        self.placeholder = placeholder
        self.labels: LinkLabels | None = None  # shared by the rows of a formset, set by the form

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        context["widget"].update(
            search_url=reverse("commendations:link_search", args=[LINK_BY_FIELD[self.field].slug]),
            chosen=self.labels.label(self.field, value) if self.labels is not None and value else None,
            placeholder=self.placeholder,
        )
        return context
