"""The one list framework, seen from every list: the total, the sort headers, the export, the queries."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from imports.models import ImportJob
from reports.models import Report
from tests.reports.factories import (
    DecisionFactory,
    DeploymentFactory,
    MemberFactory,
    ModelFactory,
    OrganizationFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db

TOTAL = re.compile(r'<p class="list-total" data-total="(\d+)">Tìm thấy ([\d.]+) ([^<]+)</p>')
HEADER = re.compile(r'<th scope="col"[^>]*>(?:<a href="[^"]*">)?([^<]+)')

LISTS = {
    "organizations:organization_list": "tổ chức",
    "organizations:member_list": "lượt thành viên",
    "models_registry:model_list": "mô hình",
    "models_registry:deployment_list": "nơi triển khai",
    "commendations:decision_list": "quyết định",
    "commendations:recipient_list": "lượt khen thưởng",
    "commendations:people": "cá nhân",
    "reports:report_list": "báo cáo",
    "imports:job_list": "lượt nhập",
}


def add_rows(n: int, *, communes, bac_lieu, officer):
    """n rows in every list, spread over the communes given."""
    for i in range(n):
        commune = communes[i % len(communes)]
        org = OrganizationFactory(commune=commune, hamlet=f"Khóm {i}")
        MemberFactory(organization=org)
        DeploymentFactory(model=ModelFactory(founding_unit=bac_lieu), commune=commune)
        RecipientFactory(decision=DecisionFactory(issuing_unit=bac_lieu, decided_on=date(2017, 1, 1 + i)),
                         commune=commune)
        Report.objects.create(kind="provincial_tally", unit=bac_lieu, as_of=date(2018, 7, 11),
                              since=date(2017, 1, 1), until=date(2018, 7, 11), requested_by=officer)
        ImportJob.objects.create(registry="organizations", original_name=f"to-chuc-{i}.xlsx", created_by=officer)


@pytest.fixture
def rows(bac_lieu, ho_phong, phuong_1_bac_lieu, provincial_staff):
    add_rows(3, communes=[ho_phong, phuong_1_bac_lieu], bac_lieu=bac_lieu, officer=provincial_staff)


def test_every_list_states_its_total_in_the_same_words_and_place(rows, client_for, provincial_staff):
    client = client_for(provincial_staff)
    for name, noun in LISTS.items():
        body = client.get(reverse(name)).content.decode()
        totals = TOTAL.findall(body)
        assert len(totals) == 1, name
        raw, shown, said = totals[0]
        assert (raw, shown, said) == ("3", "3", noun), name
        # Above the table, below the filters.
        assert body.index('class="filters"') < body.index('class="list-total"') < body.index("<table"), name


def test_list_queries_do_not_grow_with_rows(client_for, provincial_staff, bac_lieu, ho_phong, phuong_1_bac_lieu,
                                            django_assert_max_num_queries):
    client = client_for(provincial_staff)
    communes = [ho_phong, phuong_1_bac_lieu]
    add_rows(2, communes=communes, bac_lieu=bac_lieu, officer=provincial_staff)
    few = {}
    for name in LISTS:
        with django_assert_max_num_queries(25) as queries:
            client.get(reverse(name))
        few[name] = len(queries.captured_queries)
    add_rows(12, communes=communes, bac_lieu=bac_lieu, officer=provincial_staff)
    for name in LISTS:
        with django_assert_max_num_queries(few[name], info=name):
            assert client.get(reverse(name)).status_code == 200
        with django_assert_max_num_queries(few[name] + 2, info=name):
            assert client.get(reverse(name), {"export": "csv"}).status_code == 200


def test_column_headers_sort_both_ways_with_aria_sort(client_for, provincial_staff, ho_phong):
    for name, hamlet in [("Tổ B", "Khóm 1"), ("Tổ A", "Khóm 2"), ("Tổ C", "Khóm 3")]:
        OrganizationFactory(commune=ho_phong, name=name, hamlet=hamlet)
    client = client_for(provincial_staff)
    url = reverse("organizations:organization_list")
    body = client.get(url, {"sort": "name"}).content.decode()
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="\?sort=-name">Tên tổ chức', body)
    assert body.index("Tổ A") < body.index("Tổ B") < body.index("Tổ C")
    body = client.get(url, {"sort": "-name"}).content.decode()
    assert 'aria-sort="descending"' in body
    assert body.index("Tổ C") < body.index("Tổ B") < body.index("Tổ A")
    # Other headers sort ascending first and keep the filters; an unknown key falls back to the default order.
    assert 'href="?sort=hamlet"' in body
    assert "aria-sort" not in client.get(url, {"sort": "leader"}).content.decode()
    # The ?o= of earlier links is gone: sorting is ?sort= everywhere.
    assert 'name="o"' not in body


def test_export_has_exactly_the_rows_and_columns_shown(client_for, provincial_staff, ho_phong, phuong_1_bac_lieu):
    OrganizationFactory(commune=ho_phong, name="Tổ B", hamlet="Khóm 1")
    OrganizationFactory(commune=ho_phong, name="Tổ A", hamlet="Khóm 2")
    OrganizationFactory(commune=phuong_1_bac_lieu, name="Tổ ngoài", hamlet="Khóm 3")
    client = client_for(provincial_staff)
    url = reverse("organizations:organization_list")
    query = {"commune": ho_phong.pk, "sort": "-name", "active_on": "2018-07-11"}
    shown = HEADER.findall(client.get(url, query).content.decode())
    exported = list(csv.reader(io.StringIO(client.get(url, {**query, "export": "csv"}).content.decode("utf-8-sig"))))
    assert [h.strip() for h in shown] == exported[0]
    assert exported[0][-1] == "Thành viên (ngày 11/07/2018)"
    assert exported[-1][0].startswith("— Xuất bởi")  # the footer naming who exported, after an empty line
    assert [row[0] for row in exported[1:-2]] == ["Tổ B", "Tổ A"]
    assert exported[1][3] == "Phường Hộ Phòng, Thị xã Giá Rai"


def test_members_export_masks_the_citizen_id_as_the_model_says(client_for, commune_officer, ho_phong):
    MemberFactory(organization=OrganizationFactory(commune=ho_phong), citizen_id="095201001234")
    body = client_for(commune_officer).get(reverse("organizations:member_list"), {"export": "csv"})
    text = body.content.decode("utf-8-sig")
    assert "095201001234" not in text and "********1234" in text


def test_a_searched_pages_rows_are_read_by_their_ids_alone(rows, client_for, provincial_staff):
    """The words and filters pick the page's ids; its rows are then read by those ids, not through the words
    again (PostgreSQL spent ten times longer planning the searched member page's rows than reading them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client_for(provincial_staff).get(reverse("organizations:member_list"), {"q": "Thành"})
    assert TOTAL.findall(page.content.decode())[0][0] == "3"
    members = [q["sql"] for q in queries.captured_queries
               if '"organizations_member"."full_name"' in q["sql"].split(" FROM ")[0]]
    assert len(members) == 1 and '"organizations_member"."id" IN (' in members[0].split(" WHERE ")[1]
    # Neither the words again nor the searched text: the columns the page shows (Table.reads).
    assert "LIKE" not in members[0] and "search_text" not in members[0]
