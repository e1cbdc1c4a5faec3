"""The import page's job list and a job's page cost a fixed number of queries, however many jobs,
rows, errors and changes there are."""

import pytest
from django.urls import reverse

from imports.models import ImportJob

pytestmark = pytest.mark.django_db


def make_jobs(officers, count: int, *, errors: int = 0, changes: int = 0) -> list[ImportJob]:
    change = {"row": 2, "entity": "Thành viên", "label": "Lê Thị Cúc", "action": "create", "detail": ""}
    return [ImportJob.objects.create(
        registry="organizations", file=f"imports/2018/07/tep-{index}.xlsx", original_name=f"tep-{index}.xlsx",
        created_by=officers[index % len(officers)], status="failed" if errors else "done", progress=100,
        total_rows=changes + errors, create_count=changes, error_count=errors,
        errors=[{"row": n + 2, "column": "Số CCCD", "message": "Số CCCD phải gồm đúng 12 chữ số."}
                for n in range(errors)],
        summary={"counts": {"Thành viên": {"create": changes, "update": 0, "unchanged": 0}},
                 "creates": [{**change, "row": n + 2} for n in range(changes)], "updates": []})
        for index in range(count)]


def test_the_job_list_does_not_grow_with_jobs_or_importers(client_for, administrator, make_officer, ho_phong,
                                                           phuong_1_bac_lieu, django_assert_max_num_queries):
    officers = [administrator, make_officer("xa_a", ho_phong), make_officer("xa_b", phuong_1_bac_lieu)]
    client = client_for(administrator)
    url = reverse("imports:import_start")
    make_jobs(officers, 1)
    with django_assert_max_num_queries(8) as few:
        assert client.get(url).status_code == 200
    make_jobs(officers, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("tep-") == 10  # the ten latest


@pytest.mark.parametrize("errors,changes", [(0, 1), (0, 300), (1, 0), (800, 0)])
def test_a_job_page_costs_the_same_however_big_the_job(client_for, importer, errors, changes,
                                                       django_assert_max_num_queries):
    job = make_jobs([importer], 1, errors=errors, changes=changes)[0]
    client = client_for(importer)
    url = reverse("imports:job_detail", args=[job.pk])
    client.get(url)  # the first page since the units were loaded also reads the header's scope name, then kept
    with django_assert_max_num_queries(9):  # the role check reads the permission cache
        page = client.get(url).content.decode()
    assert ("Lê Thị Cúc" in page) == bool(changes) and ("phải gồm đúng 12 chữ số" in page) == bool(errors)
    with django_assert_max_num_queries(6):
        client.get(reverse("imports:job_progress", args=[job.pk]))
