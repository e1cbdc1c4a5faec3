"""The portal's form renderer writes plain inputs and selects itself: the same HTML as the templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from antq_portal.widgets import DateInput, PortalRenderer, UnitInput


class EveryWidget(forms.Form):
    name = forms.CharField(label="Tên", max_length=20, help_text="gợi ý")
    note = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": 'a "b" <c> & d',
                                                                         "data-x": mark_safe("&amp;")}))
    day = forms.DateField(widget=DateInput())
    count = forms.IntegerField(min_value=0, max_value=10)
    email = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput())
    agreed = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "Tổ <tự quản>"), ("b", 'Đội "dân phòng"')])
    grouped = forms.ChoiceField(choices=[("Nhóm 1", [("1", "Một"), ("2", "Hai")]), ("3", "Ba")])
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    unit = forms.CharField(required=False, widget=UnitInput("/don-vi/tim/"))
    text = forms.CharField(required=False, widget=forms.Textarea)
    choice = forms.ChoiceField(choices=[("r", "R"), ("s", "S")], widget=forms.RadioSelect, required=False)


@pytest.mark.parametrize("data", [
    None,
    {"name": "Tổ <b>1</b> \"Hộ Phòng\"", "note": "x' & y", "day": "11/07/2018", "count": "3", "email": "a@b.vn",
     "secret": "s&t", "hidden": "h\"", "agreed": "on", "kind": "b", "grouped": "2", "many": ["x", "y"],
     "unit": "Phường 1", "text": "dòng <1>", "choice": "s"},
    {"name": "", "day": "31/02/2018", "count": "-1", "kind": "z"},  # rejected: errors and values shown back
])
def test_every_widget_is_written_as_its_template_writes_it(data):
    initial = {"day": datetime.date(2018, 7, 11), "count": 4} if data is None else None
    fast = EveryWidget(data, initial=initial, renderer=PortalRenderer())
    slow = EveryWidget(data, initial=initial, renderer=TemplatesSetting())
    for field in fast:
        assert str(field) == str(slow[field.name]), field.name
    assert str(fast) == str(slow)


def test_the_portal_uses_it_and_writes_the_projects_select():
    from django.forms.renderers import get_default_renderer

    renderer = get_default_renderer()
    assert isinstance(renderer, PortalRenderer)
    assert PortalRenderer.SELECT in renderer._plain  # the project's own select (select_options), written here
    html = str(EveryWidget(renderer=renderer)["kind"])
    assert "— Chọn —" in html and "---------" not in html
