"""The dashboard and the chain, in both layouts: the Decree 09 period picker sets the dates to its cut-offs,
the completeness of that period, the unit table coloured by status whose counts open the communes behind them."""

import html
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from approvals.selectors import commune_statuses, completeness_by_child
from geography.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _dashboard(client, chain):
    url = reverse("reports:dashboard_unit", args=[chain["province"].pk])
    picked = client.get(url, {"reporting_period": chain["period"].key})
    assert picked.status_code == 302
    query = parse_qs(urlparse(picked.url).query)
    period = chain["period"]
    assert query["since"] == [period.since.isoformat()] and query["until"] == [period.until.isoformat()]
    assert query["as_of"] == [period.until.isoformat()]
    return html.unescape(client.get(picked.url).content.decode())


def test_the_period_picker_shows_that_periods_completeness_and_units_by_status(chain, client_for):
    client = client_for(chain["admin"])
    page = _dashboard(client, chain)
    total = AdministrativeUnit.objects.communes_under(chain["province"]).count()
    assert f"Tình hình báo cáo {chain['period'].name}" in page
    assert re.search(rf"1/{total:,}".replace(",", ".") + r"</span> <span class=\"label\">xã đã được duyệt", page)
    table = page[page.index('id="chain-units-table"'):]
    table = table[:table.index("</table>")]
    child = next(row["unit"] for row in completeness_by_child(user=chain["admin"], unit=chain["province"],
                                                              period=chain["period"]) if row["counts"]["approved"])
    row = re.search(rf'<tr class="chain-status-(\w+)">\s*<th scope="row">{re.escape(child.name)}</th>(.*?)</tr>',
                    table, re.S)
    assert row is not None
    # A 2025 province's children are the communes themselves: the approved one is green; a district with
    # communes that never submitted takes their colour.
    assert row.group(1) == ("approved" if child == chain["approved"] else "not_submitted")
    approved_link = re.search(r'<td class="num"><a href="([^"]+)">1</a></td>', row.group(2)).group(1)
    listed = html.unescape(client.get(approved_link).content.decode())
    assert chain["approved"].name in listed


def test_each_commune_has_one_status_for_the_map_and_the_counts_add_up(chain):
    statuses = commune_statuses(user=chain["admin"], unit=chain["province"], period=chain["period"])
    assert statuses[chain["approved"].pk] == "approved"
    assert list(statuses.values()).count("approved") == 1
    assert set(statuses.values()) == {"approved", "not_submitted"}
    rows = completeness_by_child(user=chain["admin"], unit=chain["province"], period=chain["period"])
    assert sum(row["total"] for row in rows) == len(statuses)


def test_a_commune_officer_sees_only_their_commune(chain):
    statuses = commune_statuses(user=chain["clerk"], unit=chain["province"], period=chain["period"])
    assert statuses == {chain["approved"].pk: "approved"}



def test_the_map_colours_each_commune_by_its_status_and_says_so_in_its_legend(chain, client_for):
    client = client_for(chain["admin"])
    period = chain["period"]
    page = html.unescape(client.get(reverse("reports:dashboard_unit", args=[chain["province"].pk]), {
        "as_of": period.until.isoformat(), "since": period.since.isoformat(), "until": period.until.isoformat(),
        "figure": "status"}).content.decode())
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="commune-map"'):]
    svg = svg[:svg.index("</svg>")]
    approved = chain["approved"]
    cell = re.search(rf'<a href="[^"]+" aria-label="{re.escape(approved.name)}: Xã đã được duyệt">'
                     rf'<title>[^<]*</title><path class="commune-shape status-approved" data-unit="{approved.pk}"', svg)
    assert cell is not None
    total = AdministrativeUnit.objects.communes_under(chain["province"]).count()
    assert svg.count("status-not_submitted") == total - 1 and svg.count("status-approved") == 1
    legend = page[page.index('class="map-legend"'):]
    legend = legend[:legend.index("</ul>")]
    assert "Xã đã được duyệt" in legend and "Xã chưa nộp" in legend
