"""The tally is a typed value: read by name, labelled once, and its JSON reads back the same."""

import json

import pytest
from django.urls import reverse

from commendations.models import Authority
from reports.compare import spreadsheet_rows
from reports.figures import FIGURE_LABELS, Figure, Tally
from reports.tally import compute_tally

from .conftest import AS_OF, SINCE
from .dashboard_helpers import DEMO, figures

pytestmark = pytest.mark.django_db


def test_the_json_an_archive_keeps_reads_back_as_the_same_tally(small_world, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE, include_communes=True)
    stored = json.loads(json.dumps(tally.as_dict()))
    assert Tally.from_dict(stored) == tally
    assert Tally.from_dict(stored).as_dict() == stored


def test_the_json_keeps_the_shape_archived_reports_have(small_world, bac_lieu):
    data = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE).as_dict()
    assert data["totals"]["organizations"] == {"value": 4, "previous": 4, "delta": 0}
    kind = data["organizations"]["by_kind"][0]
    assert set(kind) == {"kind_id", "label", "value", "previous", "delta"}
    assert set(data["models"]["by_level"][0]) == {"level", "key", "label", "value", "previous", "delta"}
    assert set(data["commendations"]["by_authority"][0]) == {"authority_id", "label", "collectives",
                                                             "individuals", "total"}
    assert "communes" not in data


def test_a_figure_knows_its_change():
    assert Figure(value=7, previous=4).delta == 3 and Figure(value=1, previous=4).as_dict()["delta"] == -3


def test_the_director_is_found_by_code_even_once_renamed(small_world, bac_lieu):
    Authority.objects.filter(code=Authority.DIRECTOR).update(name="Giám đốc Công an tỉnh (đã đổi tên)")
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    assert tally.commendations.director.label == "Giám đốc Công an tỉnh (đã đổi tên)"
    assert tally.totals.director_individuals.value == 3 and tally.totals.director_collectives.value == 1


def test_an_authority_merely_named_like_the_director_is_not_the_director(small_world, bac_lieu):
    Authority.objects.filter(code=Authority.DIRECTOR).update(code="")
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    assert tally.commendations.director is None and tally.totals.director_individuals.value == 0


def test_the_dashboard_the_spreadsheet_and_the_command_use_the_same_labels(small_world, bac_lieu, leader,
                                                                          client_for):
    page = client_for(leader).get(reverse("reports:dashboard"), DEMO).content.decode()
    assert set(figures(page)) <= set(FIGURE_LABELS)
    for name in figures(page):
        assert f'<span class="label">{FIGURE_LABELS[name]}</span>' in page
    tally = compute_tally(unit=bac_lieu, as_of=AS_OF, since=SINCE)
    labels = [row[1] for row in spreadsheet_rows(tally.as_dict())]
    assert [str(FIGURE_LABELS[name]) for name in FIGURE_LABELS] == labels[:len(FIGURE_LABELS)]
