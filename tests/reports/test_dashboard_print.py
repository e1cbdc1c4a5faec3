"""The dashboard prints on A4 with the filters it shows written in its heading (the form is not printed)."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_printed_dashboard_says_which_figures_it_holds(client_for, leader, bac_lieu):
    page = client_for(leader).get(reverse("reports:dashboard"),
                                  {"as_of": "2018-07-11", "since": "2017-01-01", "figure": "members"})
    html = page.content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
    assert ('<p class="print-only print-filters">Đơn vị: Tỉnh Bạc Liêu · số liệu đến ngày 11/07/2018 · '
            'khen thưởng từ 01/01/2017 đến 11/07/2018 · bản đồ tô màu theo số thành viên · in ngày ') in html
    print_css = open(finders.find("css/print.css"), encoding="utf-8").read()
    assert "size: A4" in print_css and ".filters" in print_css
