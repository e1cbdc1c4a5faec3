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


def test_a_field_is_written_with_its_label_help_and_errors_tied_to_it():
    """{% field_row %} (templates/includes/field.html): what a screen reader and an officer read of one field."""
    from antq_portal.templatetags.portal import field_row

    form = EveryWidget(data={"name": "", "agreed": "on", "count": "11"})
    assert not form.is_valid()
    name = field_row(form["name"])
    assert name.startswith('<div class="field has-error required">')
    assert '<label for="id_name">Tên <span class="req" aria-hidden="true">*</span></label>' in name
    assert '<small class="help" id="id_name_helptext">gợi ý</small>' in name
    assert '<p class="error" role="alert">Trường này là bắt buộc.</p>' in name
    # A checkbox comes before its label; a value typed is written back, escaped.
    agreed = field_row(form["agreed"])
    assert agreed.index('type="checkbox"') < agreed.index('<label for="id_agreed">')
    assert 'value="11"' in field_row(form["count"]) and "has-error" in field_row(form["count"])
    tricky = EveryWidget(data={"note": '<script>"x"</script>'})
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in field_row(tricky["note"])
