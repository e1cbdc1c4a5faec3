"""On the demo data: the article's 4.354 opens a list of 4.354 organizations, and so on down.

Every linked figure of the dashboard and of each child's dashboard opens a list of that many rows,
walked as a provincial officer in the legacy layout (the article's 2018 dates) and, on the same
demo data, in the 2025 layout (an officer of the new Tỉnh Cà Mau, today), where the records kept
under Bạc Liêu's pre-2025 communes count under the 2025 communes they became.
"""

import html
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import officer_create
from geography.loaders import load_units
from geography.lookup import resolve_unit
from geography.models import AdministrativeUnit, Layout, Level
from reports.tally import compute_tally

from .conftest import AS_OF, SINCE
from .dashboard_helpers import DEMO, dashboard_url, figures

pytestmark = pytest.mark.django_db

# A figure in a table or a headline, and a bar of a chart (label, bar, value inside one link).
LINKED = re.compile(r'<a (?:class="value" )?href="([^"]+)">\s*([\d.]+)\s*</a>')
BAR = re.compile(r'<a href="([^"]+)"><text[^>]*>[^<]*</text><rect[^>]*><title>[^<]*</title></rect>'
                 r'<text[^>]*>([\d.]+)</text></a>')
CHILD = re.compile(r'<th scope="row"><a href="([^"]+)">')
TOTAL = re.compile(r'<p class="list-total" data-total="(\d+)">')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data and Cà Mau's 2025 layout, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        load_units(province="Cà Mau", layout=Layout.Y2025)
        ca_mau = AdministrativeUnit.objects.get(layout=Layout.Y2025, level=Level.PROVINCE, name__contains="Cà Mau")
        officer_create(username="camau_tonghop", unit=ca_mau, role=Role.REPORTING, password="mat-khau-2025",
                       full_name="Cán bộ tổng hợp Cà Mau")
        yield
        transaction.set_rollback(True)


def linked_figures(content: str) -> list[tuple[str, int]]:
    """(list address, figure) of every figure that links to a list (not to another dashboard)."""
    found = LINKED.findall(content) + BAR.findall(content)
    dashboards = reverse("reports:dashboard")
    return [(html.unescape(url), int(value.replace(".", ""))) for url, value in found
            if not urlsplit(html.unescape(url)).path.startswith(dashboards)]


def walk(client, params: dict | None) -> tuple[int, list[str]]:
    """Opens the dashboard, each child's dashboard and every list their figures link to."""
    top = client.get(dashboard_url(), params)
    assert top.status_code == 200
    pages = [top.content.decode()]
    for url in dict.fromkeys(CHILD.findall(pages[0])):
        page = client.get(html.unescape(url))
        assert page.status_code == 200, url
        pages.append(page.content.decode())
    listed: dict[str, int] = {}
    wrong, checked = [], 0
    for content in pages:
        for url, value in linked_figures(content):
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


def test_legacy_layout_every_figure_opens_a_list_of_that_many_rows(demo, client):
    client.force_login(User.objects.get(username="tonghop"))
    checked, wrong = walk(client, DEMO)
    assert checked > 100
    assert wrong == []


def test_2025_layout_every_figure_opens_a_list_of_that_many_rows(demo, client):
    client.force_login(User.objects.get(username="camau_tonghop"))
    checked, wrong = walk(client, None)
    assert checked > 100
    assert wrong == []
