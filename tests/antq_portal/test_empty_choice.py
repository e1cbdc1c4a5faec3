"""Every empty choice reads "— Chọn —": forms and list filters render it through one widget template."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["organizations:organization_create", "organizations:organization_list"])
def test_empty_choices_read_chon_not_dashes(client_for, provincial_staff, page):
    html = client_for(provincial_staff).get(reverse(page)).content.decode()
    assert "— Chọn —</option>" in html
    assert "---------" not in html
