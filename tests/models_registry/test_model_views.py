import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from geography.models import AdministrativeUnit
from models_registry.models import CrimePreventionModel, Recognition, RecognitionLevel

from .factories import CrimePreventionModelFactory, DeploymentFactory, RecognitionFactory, field

pytestmark = pytest.mark.django_db
LIST = reverse("models_registry:model_list")


def model_data(unit, **overrides):
    data = {"name": "Camera phòng, chống tội phạm", "field": field("Camera an ninh").pk, "founding_unit": unit.pk,
            "founded_on": "2015-06-01", "status": "active", "description": "Lắp camera ở các tuyến đường"}
    return {**data, **overrides}


def test_every_officer_sees_every_model(client_for, commune_officer, crime_model, phuong_1_deployment):
    response = client_for(commune_officer).get(LIST)
    assert response.status_code == 200
    assert "Cổng ANTT" in response.text
    assert "Tìm thấy 1 mô hình" in response.text


def test_dashboard_links_filter_by_level_on_the_article_date(client_for, leader, bac_lieu):
    ministry = CrimePreventionModelFactory(name="Tiếng loa về ANTT", founding_unit=bac_lieu)
    RecognitionFactory(model=ministry, level=RecognitionLevel.MINISTRY, decided_on=date(2016, 9, 12))
    province = CrimePreventionModelFactory(name="Địa bàn không ma túy", founding_unit=bac_lieu)
    RecognitionFactory(model=province, level=RecognitionLevel.PROVINCE, decided_on=date(2016, 4, 1))

    client = client_for(leader)
    page = client.get(LIST, {"level": "3", "level_on": "2018-07-11"}).text
    assert "Tiếng loa về ANTT" in page and "Địa bàn không ma túy" not in page
    page = client.get(LIST, {"level": "2", "level_on": "2018-07-11"}).text
    assert "Địa bàn không ma túy" in page and "Tiếng loa về ANTT" not in page
    assert "11/07/2018" in page


def test_list_queries_do_not_grow_with_rows(client_for, provincial_staff, bac_lieu, ho_phong,
                                            django_assert_max_num_queries):
    def add_models(count):
        for _ in range(count):
            model = CrimePreventionModelFactory(founding_unit=bac_lieu)
            RecognitionFactory(model=model)
            DeploymentFactory(model=model, commune=ho_phong)

    client = client_for(provincial_staff)
    add_models(2)
    # 16: the places column reads the page's deployments in one query; the communes under the
    # user's unit are resolved once (geography.models.rolled_up_ids); on PostgreSQL the plan's estimate
    # of the total, then the total; the page's ids, then its rows (antq_portal.lists.ListPaginator).
    with django_assert_max_num_queries(16) as few:
        client.get(LIST)
    add_models(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert "Tìm thấy 22 mô hình" in response.text


def test_export_gives_the_filtered_rows_with_places_in_scope(client_for, commune_officer, crime_model,
                                                             ho_phong_deployment, phuong_1_deployment, bac_lieu):
    CrimePreventionModelFactory(name="=HYPERLINK(\"x\")", founding_unit=bac_lieu)
    response = client_for(commune_officer).get(reverse("models_registry:model_list"),
                                               {"export": "csv", "q": "cong antt"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The header, one row, then an empty line and the footer naming who exported.
    assert len(lines) == 4 and lines[-1][0].startswith("— Xuất bởi")
    assert lines[1][0] == "Cổng ANTT"
    # Only the officer's own commune: nothing about Phường 1 of Bạc Liêu city.
    assert lines[1][6] == "1" and "Hộ Phòng" in lines[1][7] and "Phường 1" not in lines[1][7]

    everything = client_for(commune_officer).get(reverse("models_registry:model_list"), {"export": "csv"})
    assert "'=HYPERLINK" in everything.content.decode("utf-8-sig")
    xlsx = client_for(commune_officer).get(reverse("models_registry:model_list"), {"export": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("persona", ["commune_officer", "district_officer", "leader"])
def test_only_provincial_staff_register_models_and_recognitions(request, persona, client_for, crime_model,
                                                                 bac_lieu):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("models_registry:model_create")).status_code == 403
    assert client.post(reverse("models_registry:model_create"), model_data(bac_lieu)).status_code == 403
    assert client.post(reverse("models_registry:model_update", args=[crime_model.pk]),
                       model_data(bac_lieu)).status_code == 403
    recognition = {"level": 3, "authority": "Bộ Công an", "decision_number": "1/QĐ-BCA",
                   "decided_on": "2017-01-01"}
    assert client.post(reverse("models_registry:recognition_create", args=[crime_model.pk]),
                       recognition).status_code == 403
    assert client.post(reverse("models_registry:model_archive", args=[crime_model.pk])).status_code == 403
    assert CrimePreventionModel.objects.count() == 1 and not Recognition.objects.exists()
    assert not CrimePreventionModel.objects.get().is_archived


def test_staff_register_a_model_and_history_records_who(client_for, provincial_staff, bac_lieu):
    client = client_for(provincial_staff)
    response = client.post(reverse("models_registry:model_create"), model_data(bac_lieu))
    model = CrimePreventionModel.objects.get()
    assert response.status_code == 302 and model.created_by == provincial_staff

    client.post(reverse("models_registry:model_update", args=[model.pk]), model_data(bac_lieu, status="suspended"))
    page = client.get(reverse("models_registry:model_detail", args=[model.pk])).text
    assert "Tạm dừng" in page and "Cán bộ tinh_tonghop" in page
    assert {h.history_user for h in model.history.all()} == {provincial_staff}


def test_staff_add_a_recognition_and_the_history_of_decisions_stays(client_for, provincial_staff, crime_model):
    client = client_for(provincial_staff)
    RecognitionFactory(model=crime_model, level=RecognitionLevel.PROVINCE, decision_number="230/QĐ-UBND",
                       decided_on=date(2012, 2, 14), valid_until=date(2016, 12, 31))
    response = client.post(reverse("models_registry:recognition_create", args=[crime_model.pk]),
                           {"level": 3, "authority": "Bộ Công an", "decision_number": "2211/QĐ-BCA-V28",
                            "decided_on": "2017-10-05"})
    assert response.status_code == 302
    page = client.get(reverse("models_registry:model_detail", args=[crime_model.pk])).text
    assert "230/QĐ-UBND" in page and "2211/QĐ-BCA-V28" in page
    assert crime_model.level_on(date(2018, 7, 11)) == RecognitionLevel.MINISTRY
    assert Recognition.history.filter(decision_number="2211/QĐ-BCA-V28").get().history_user == provincial_staff


def test_a_rejected_form_keeps_what_was_typed(client_for, provincial_staff, crime_model, bac_lieu):
    client = client_for(provincial_staff)
    response = client.post(reverse("models_registry:model_create"),
                           model_data(bac_lieu, name="Cổng ANTT", description="Mô tả đã gõ"))
    assert response.status_code == 200
    assert "Đơn vị này đã có một mô hình cùng tên." in response.text
    assert "Mô tả đã gõ" in response.text

    response = client.post(reverse("models_registry:recognition_create", args=[crime_model.pk]),
                           {"level": 2, "authority": "UBND tỉnh Bạc Liêu", "decision_number": "99/QĐ-UBND",
                            "decided_on": "2017-05-18", "valid_until": "2016-01-01"})
    assert "Ngày hết hiệu lực phải sau ngày quyết định." in response.text
    assert 'value="99/QĐ-UBND"' in response.text


def test_archive_and_restore_a_model(client_for, provincial_staff, commune_officer, crime_model):
    staff = client_for(provincial_staff)
    staff.post(reverse("models_registry:model_archive", args=[crime_model.pk]))
    crime_model.refresh_from_db()
    assert crime_model.is_archived and crime_model.archived_by == provincial_staff
    staff.get(LIST)  # shows the "archived" message once
    assert "Cổng ANTT" not in staff.get(LIST).text
    assert "Cổng ANTT" in staff.get(LIST, {"archived": "1"}).text

    officer = client_for(commune_officer)
    assert officer.get(reverse("models_registry:model_detail", args=[crime_model.pk])).status_code == 404
    assert "Cổng ANTT" not in officer.get(LIST, {"archived": "1"}).text

    staff = client_for(provincial_staff)
    staff.post(reverse("models_registry:model_restore", args=[crime_model.pk]))
    crime_model.refresh_from_db()
    assert not crime_model.is_archived
    page = staff.get(reverse("models_registry:model_detail", args=[crime_model.pk])).text
    assert "Lưu trữ (xóa)" in page and "Khôi phục" in page


def test_detail_and_export_queries_do_not_grow_with_deployments(client_for, provincial_staff, crime_model, bac_lieu,
                                                                django_assert_max_num_queries):
    communes = list(AdministrativeUnit.objects.communes_under(bac_lieu).order_by("path")[:24])
    client = client_for(provincial_staff)
    detail = reverse("models_registry:model_detail", args=[crime_model.pk])
    export = reverse("models_registry:model_list")
    for commune in communes[:2]:
        DeploymentFactory(model=crime_model, commune=commune)
    with django_assert_max_num_queries(40) as detail_queries:
        client.get(detail)
    with django_assert_max_num_queries(20) as export_queries:
        client.get(export, {"export": "csv"})
    for commune in communes[2:]:
        DeploymentFactory(model=crime_model, commune=commune)
    with django_assert_max_num_queries(len(detail_queries.captured_queries)):
        client.get(detail)
    with django_assert_max_num_queries(len(export_queries.captured_queries)):
        response = client.get(export, {"export": "csv"})
    assert response.content.decode("utf-8-sig").splitlines()[1].count(";") == 23
