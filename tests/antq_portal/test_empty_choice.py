"""Every empty choice reads "— Chọn —": forms and list filters render it through one widget template."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["organizations:organization_create", "organizations:organization_list"])
def test_empty_choices_read_chon_not_dashes(client_for, provincial_staff, page):
    html = client_for(provincial_staff).get(reverse(page)).content.decode()
    assert "— Chọn —</option>" in html
    assert "---------" not in html


def test_a_select_keeps_its_groups_the_chosen_option_and_escapes_labels(provincial_staff):
    """Options are written in one place (portal.select_options), not one template each: what a select
    shows and sends is unchanged: groups, the chosen option, escaped labels, "— Chọn —" in English too."""
    from django import forms
    from django.utils import translation

    class Picker(forms.Form):
        period = forms.ChoiceField(choices=[("", "---------"), ("Quý", [("2018-Q3", "Quý III/2018"),
                                                                         ("x<y", 'A "<b>" & B')])])

    html = str(Picker({"period": "2018-Q3"})["period"])
    assert '<optgroup label="Quý">' in html and "</optgroup>" in html
    assert '<option value="2018-Q3" selected>Quý III/2018</option>' in html
    assert '<option value="x&lt;y">A &quot;&lt;b&gt;&quot; &amp; B</option>' in html
    assert '<option value="">— Chọn —</option>' in html
    with translation.override("en"):
        assert '<option value="" selected>— Choose —</option>' in str(Picker()["period"])
