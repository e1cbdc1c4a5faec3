import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("tally", *args, stdout=out)
    return out.getvalue()


def test_the_tally_command_prints_json_for_a_unit_named_like_the_article(small_world):
    data = json.loads(run("--unit", "Bạc Liêu", "--as-of", "2018-07-11", "--since", "2017-01-01", "--format", "json"))
    assert data["unit"]["name"] == "Tỉnh Bạc Liêu"  # the province wins over Bạc Liêu city
    assert data["totals"]["organizations"]["value"] == 4
    assert data["totals"]["director_individuals"]["value"] == 3


def test_the_text_format_writes_numbers_the_vietnamese_way(small_world):
    text = run("--unit", "95", "--as-of", "2018-07-11", "--since", "2017-01-01")
    assert "Tỉnh Bạc Liêu — số liệu đến ngày 11/07/2018" in text
    assert "Nguyễn Minh Chẳng" in text


def test_an_ambiguous_name_is_refused_in_vietnamese(bac_lieu):
    with pytest.raises(CommandError, match="chỉ nhiều đơn vị"):
        run("--unit", "Phường 1")
    text = run("--unit", "Phường 1, Thị xã Giá Rai", "--format", "json")
    assert json.loads(text)["unit"]["full_name"] == "Phường 1, Thị xã Giá Rai, Tỉnh Bạc Liêu"


def test_an_unknown_unit_and_a_bad_date_say_what_is_wrong(bac_lieu):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        run("--unit", "Xã Không Có")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--unit", "Bạc Liêu", "--as-of", "11/07/2018")
