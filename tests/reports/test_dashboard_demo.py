"""On the demo data: the article's 4.354 opens a list of 4.354 organizations, and so on down.

Every linked figure of the dashboard and of each child's dashboard opens a list of that many rows,
walked as a provincial officer in the legacy layout (the article's 2018 dates) and, on the same
demo data, in the 2025 layout (an officer of the new Tỉnh Cà Mau, today), where the records kept
under Bạc Liêu's pre-2025 communes count under the 2025 communes they became.
"""

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.models import User
from geography.lookup import resolve_unit
from reports.tally import compute_tally

from .conftest import AS_OF, SINCE
from .dashboard_helpers import DEMO, dashboard_url, figures

pytestmark = pytest.mark.django_db

# A figure in a table or a headline, and a bar of a chart (label, bar, value inside one link).
LINKED = re.compile(r'<a (?:class="value" )?href="([^"]+)">\s*([\d.]+)\s*</a>')
BAR = re.compile(r'<a href="([^"]+)"><title>[^<]*</title><text class="label"[^>]*>(?:<tspan[^>]*>[^<]*</tspan>)+'
                 r'</text><rect[^>]*/><text[^>]*>([\d.]+)</text></a>')
CHILD = re.compile(r'<th scope="row"><a href="([^"]+)">')
TOTAL = re.compile(r'<p class="list-total" data-total="(\d+)">')
SHARDS = 6  # parts small enough that the two test processes end together
UNIT_IN_PATH = re.compile(r"/(\d+)/$")
UNIT_PARAMS = ("commune", "district", "unit")


def linked_figures(content: str) -> list[tuple[str, int]]:
    """(list address, figure) of every figure that links to a list (not to another dashboard)."""
    found = LINKED.findall(content) + BAR.findall(content)
    dashboards = reverse("reports:dashboard")
    return [(html.unescape(url), int(value.replace(".", ""))) for url, value in found
            if not urlsplit(html.unescape(url)).path.startswith(dashboards)]


def child_id(url: str) -> str:
    """The unit of a child's dashboard address (/bao-cao/tong-quan/<id>/)."""
    return UNIT_IN_PATH.search(urlsplit(html.unescape(url)).path).group(1)


def unit_of(url: str) -> str | None:
    """The unit a list address narrows to (a commune, a district, a reporting unit), if any."""
    query = dict(parse_qsl(urlsplit(url).query))
    return next((query[key] for key in UNIT_PARAMS if key in query), None)


def walk(client, params: dict | None, shard: int = 0) -> tuple[int, list[str]]:
    """Opens the dashboard, its children's dashboards and every list their figures link to.

    The walk is split into SHARDS parts run as separate tests (so parallel test processes share it):
    part k opens every SHARDS-th child's dashboard, and checks those children's figures and the
    dashboard's own figures about those children (its table's rows), which open the same lists as the
    child's dashboard: each list is then opened in one part only. Part 0 also checks the dashboard's
    figures of the whole unit."""
    top = client.get(dashboard_url(), params)
    assert top.status_code == 200
    children = list(dict.fromkeys(CHILD.findall(top.content.decode())))
    part_of_unit = {child_id(url): index % SHARDS for index, url in enumerate(children)}
    figures_of_part = [(url, value) for url, value in linked_figures(top.content.decode())
                       if part_of_unit.get(unit_of(url), 0) == shard]
    pages = []
    for url in children[shard::SHARDS]:
        page = client.get(html.unescape(url))
        assert page.status_code == 200, url
        pages.append(page.content.decode())
    listed: dict[str, int] = {}
    wrong, checked = [], 0
    for url, value in figures_of_part + [figure for content in pages for figure in linked_figures(content)]:
        if url not in listed:
            response = client.get(url)
            assert response.status_code == 200, url
            match = TOTAL.search(response.content.decode())
            assert match, f"{url} states no total"
            listed[url] = int(match.group(1))
        checked += 1
        if listed[url] != value:
            wrong.append(f"{url}: figure {value}, list {listed[url]}")
    return checked, wrong


def test_the_dashboard_shows_the_articles_figures(demo, client):
    leader = User.objects.get(username="lanhdao")
    client.force_login(leader)
    shown = figures(client.get(dashboard_url(), DEMO).content.decode())
    assert shown["organizations"][0] == "4.354"
    assert shown["members"][0] == "17.077"
    assert (shown["models"][0], shown["models_ministry"][0], shown["models_province"][0]) == ("30", "5", "8")
    tally = compute_tally(unit=resolve_unit("Bạc Liêu", on=AS_OF), as_of=AS_OF, since=SINCE, user=leader)
    for key, (value, _url) in shown.items():
        assert value == f"{getattr(tally.totals, key).value:,}".replace(",", "."), key
    organizations = client.get(shown["organizations"][1]).content.decode()
    assert '<p class="list-total" data-total="4354">Tìm thấy 4.354 tổ chức</p>' in organizations


@pytest.mark.parametrize("shard", range(SHARDS))
def test_legacy_layout_every_figure_opens_a_list_of_that_many_rows(demo, client, shard):
    client.force_login(User.objects.get(username="tonghop"))
    checked, wrong = walk(client, DEMO, shard)
    assert checked > 30
    assert wrong == []


@pytest.mark.parametrize("shard", range(SHARDS))
def test_2025_layout_every_figure_opens_a_list_of_that_many_rows(demo, client, shard):
    client.force_login(User.objects.get(username="tonghopcamau"))
    checked, wrong = walk(client, None, shard)
    assert checked > 30
    assert wrong == []
