"""The seed article's figures, from the demo data, through the tally, the command and the PDF."""

import io
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports.services import report_render, report_request
from reports.tally import compute_tally

pytestmark = pytest.mark.django_db

ARTICLE = {"organizations": 4354, "members": 17077, "models": 30, "models_ministry": 5, "models_province": 8,
           "director_collectives": 15, "director_individuals": 167}


def test_the_demo_data_gives_the_seed_articles_figures_everywhere(demo, bac_lieu):
    tally = compute_tally(unit=bac_lieu, as_of=date(2018, 7, 11), since=date(2017, 1, 1))
    assert {key: getattr(tally.totals, key).value for key in ARTICLE} == ARTICLE
    assert tally.totals.collectives.value >= 15 and tally.totals.individuals.value >= 167
    repeated = {person.name for person in tally.commendations.repeated if 2 <= person.count <= 3}
    assert {"Nguyễn Minh Chẳng", "Phạm Quốc Việt"} <= repeated

    out = StringIO()
    call_command("tally", "--unit", "Bạc Liêu", "--as-of", "2018-07-11", "--since", "2017-01-01",
                 "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["totals"] == tally.as_dict()["totals"]

    report = report_request(kind="provincial_tally", unit=bac_lieu, as_of=date(2018, 7, 11),
                            since=date(2017, 1, 1), until=date(2018, 7, 11))
    report = report_render(report_id=report.pk)
    pages = PdfReader(io.BytesIO(report.pdf.read())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())  # lines joined
    assert "4.354 tổ chức quần chúng với 17.077 thành viên" in text
    assert "30 mô hình" in text and "05 mô hình được Bộ Công an công nhận" in text
    assert "08 mô hình được công nhận nhân rộng trong toàn tỉnh" in text
    assert "15 tập thể, 167 cá nhân" in text
    assert "Nguyễn Minh Chẳng" in text
