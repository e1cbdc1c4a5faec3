"""On the demo data: the article's 4.354 opens a list of 4.354 organizations, and so on down."""

import html
import re

import pytest
from django.core.management import call_command

from accounts.models import User
from geography.lookup import resolve_unit
from reports.tally import compute_tally

from .conftest import AS_OF, SINCE
from .dashboard_helpers import DEMO, dashboard_url, figures

pytestmark = pytest.mark.django_db

# What each list prints as its total, for a count n (formatted 4.354).
LIST_TOTALS = {
    "organizations": "{n} tổ chức",
    "members": "{n} lượt thành viên",
    "models": "Có {n} mô hình.",
    "models_ministry": "Có {n} mô hình.",
    "models_province": "Có {n} mô hình.",
}


def test_every_figure_opens_a_list_with_the_same_count(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    leader = User.objects.get(username="lanhdao")
    client.force_login(leader)
    content = client.get(dashboard_url(), DEMO).content.decode()
    shown = figures(content)

    assert shown["organizations"][0] == "4.354"
    assert shown["members"][0] == "17.077"
    assert (shown["models"][0], shown["models_ministry"][0], shown["models_province"][0]) == ("30", "5", "8")
    tally = compute_tally(unit=resolve_unit("Bạc Liêu", on=AS_OF), as_of=AS_OF, since=SINCE, user=leader)
    for key, (value, _url) in shown.items():
        assert value == f"{tally['totals'][key]['value']:,}".replace(",", "."), key

    for key, total in LIST_TOTALS.items():
        value, url = shown[key]
        assert total.format(n=value) in client.get(url).content.decode(), key

    # The list of commendation recipients prints no total yet: its paginator holds the same count.
    for key in ("collectives", "individuals"):
        value, url = shown[key]
        listed = client.get(url)
        assert listed.status_code == 200
        assert f"{listed.context['paginator'].count:,}".replace(",", ".") == value, key

    # A district's row: its figure opens the list narrowed to the district, with the same count.
    row = re.search(r'<th scope="row"><a href="[^"]*">Thị xã Giá Rai</a></th>\s*'
                    r'<td class="num"><a href="([^"]*)">([\d.]+)</a></td>', content)
    assert row, "Giá Rai's row links its organizations"
    listed = client.get(html.unescape(row.group(1))).content.decode()
    assert f"{row.group(2)} tổ chức" in listed

