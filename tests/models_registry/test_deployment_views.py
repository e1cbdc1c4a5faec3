import pytest
from django.urls import reverse

from models_registry.models import Deployment, DeploymentResult, ResultIndicator

from .factories import organization

pytestmark = pytest.mark.django_db


def deployment_data(commune, **overrides):
    return {"commune": commune.pk, "place": "Khóm 3", "host_organization": "", "started_on": "2016-01-01",
            "ended_on": "", "notes": "", **overrides}


def test_an_officer_adds_a_deployment_in_their_commune_with_a_host(client_for, commune_officer, crime_model,
                                                                     ho_phong):
    host = organization("Câu lạc bộ “Người hoàn lương”", ho_phong)
    response = client_for(commune_officer).post(reverse("models_registry:deployment_create", args=[crime_model.pk]),
                                                deployment_data(ho_phong, host_organization=host.pk))
    deployment = Deployment.objects.get()
    assert response.status_code == 302
    assert deployment.commune == ho_phong and deployment.host_organization == host
    assert deployment.created_by == commune_officer
    assert deployment.history.get().history_user == commune_officer


def test_a_forged_commune_outside_scope_is_refused(client_for, commune_officer, crime_model, phuong_1_bac_lieu):
    response = client_for(commune_officer).post(
        reverse("models_registry:deployment_create", args=[crime_model.pk]), deployment_data(phuong_1_bac_lieu))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.text
    assert not Deployment.objects.exists()


def test_a_host_from_another_commune_is_refused(client_for, district_officer, crime_model, ho_phong, gia_rai):
    elsewhere = organization("Tổ tự quản khóm 5", gia_rai.children.get(name="Phường Láng Tròn"))
    response = client_for(district_officer).post(
        reverse("models_registry:deployment_create", args=[crime_model.pk]),
        deployment_data(ho_phong, host_organization=elsewhere.pk, notes="đã gõ"))
    assert response.status_code == 200 and "đã gõ" in response.text
    assert not Deployment.objects.exists()


def test_host_choices_follow_the_chosen_commune(client_for, commune_officer, crime_model, ho_phong,
                                                phuong_1_bac_lieu):
    organization("Tổ giáo dân tự quản về ANTT", ho_phong)
    organization("Tổ tự quản Phường 1", phuong_1_bac_lieu)
    url = reverse("models_registry:deployment_create", args=[crime_model.pk])
    page = client_for(commune_officer).get(url, {"commune": ho_phong.pk}).text
    assert "Tổ giáo dân tự quản về ANTT" in page and "Tổ tự quản Phường 1" not in page
    forged = client_for(commune_officer).get(url, {"commune": phuong_1_bac_lieu.pk}).text
    assert "Tổ tự quản Phường 1" not in forged


def test_another_communes_deployment_is_not_found(client_for, commune_officer, phuong_1_deployment,
                                                 phuong_1_bac_lieu):
    client = client_for(commune_officer)
    pk = phuong_1_deployment.pk
    assert client.get(reverse("models_registry:deployment_detail", args=[pk])).status_code == 404
    assert client.get(reverse("models_registry:deployment_update", args=[pk])).status_code == 404
    assert client.post(reverse("models_registry:deployment_update", args=[pk]),
                       deployment_data(phuong_1_bac_lieu, place="Sửa trộm")).status_code == 404
    assert client.post(reverse("models_registry:deployment_archive", args=[pk])).status_code == 404
    assert client.post(reverse("models_registry:deployment_results", args=[pk]), {"year": 2017}).status_code == 404
    phuong_1_deployment.refresh_from_db()
    assert phuong_1_deployment.place == "Khóm 2" and not phuong_1_deployment.is_archived


def test_model_detail_lists_only_deployments_in_scope(client_for, commune_officer, provincial_staff, crime_model,
                                                     ho_phong_deployment, phuong_1_deployment):
    url = reverse("models_registry:model_detail", args=[crime_model.pk])
    page = client_for(commune_officer).get(url).text
    assert "Khóm 1" in page and "Khóm 2" not in page
    page = client_for(provincial_staff).get(url).text
    assert "Khóm 1" in page and "Khóm 2" in page


def test_leadership_reads_but_does_not_edit(client_for, leader, ho_phong_deployment, ho_phong):
    client = client_for(leader)
    assert client.get(reverse("models_registry:deployment_detail", args=[ho_phong_deployment.pk])).status_code == 200
    assert client.post(reverse("models_registry:deployment_update", args=[ho_phong_deployment.pk]),
                       deployment_data(ho_phong)).status_code == 403


def test_archive_and_restore_a_deployment(client_for, commune_officer, ho_phong_deployment, crime_model):
    client = client_for(commune_officer)
    client.post(reverse("models_registry:deployment_archive", args=[ho_phong_deployment.pk]))
    ho_phong_deployment.refresh_from_db()
    assert ho_phong_deployment.is_archived
    page = client.get(reverse("models_registry:model_detail", args=[crime_model.pk])).text
    assert "Nơi triển khai đã xóa (lưu trữ)" in page
    client.post(reverse("models_registry:deployment_restore", args=[ho_phong_deployment.pk]))
    ho_phong_deployment.refresh_from_db()
    assert not ho_phong_deployment.is_archived
    page = client.get(reverse("models_registry:deployment_detail", args=[ho_phong_deployment.pk])).text
    assert "Lưu trữ (xóa)" in page and "Khôi phục" in page


def test_yearly_results(client_for, commune_officer, ho_phong_deployment):
    tips, solved = ResultIndicator.objects.order_by("sort_order")[:2]
    url = reverse("models_registry:deployment_results", args=[ho_phong_deployment.pk])
    client = client_for(commune_officer)
    client.post(url, {"year": 2017, f"indicator_{tips.pk}": 12, f"indicator_{solved.pk}": 0})
    assert {(r.indicator, r.value) for r in DeploymentResult.objects.all()} == {(tips, 12), (solved, 0)}

    # Blank removes an indicator's result; the form for a year preloads what it has.
    client.post(url, {"year": 2017, f"indicator_{tips.pk}": 15, f"indicator_{solved.pk}": ""})
    assert {(r.indicator, r.value) for r in DeploymentResult.objects.all()} == {(tips, 15)}
    assert 'value="15"' in client.get(url, {"year": 2017}).text
    detail = client.get(reverse("models_registry:deployment_detail", args=[ho_phong_deployment.pk])).text
    assert "Năm 2017" in detail and tips.name in detail
    assert "Lịch sử nhập kết quả" in detail and "Cán bộ xa_hophong" in detail
    assert {r.history_user for r in DeploymentResult.history.all()} == {commune_officer}

    rejected = client.post(url, {"year": 2017, f"indicator_{tips.pk}": -3})
    assert rejected.status_code == 200 and 'value="-3"' in rejected.text


def test_results_entered_outside_the_portal_show_no_author(client_for, commune_officer, ho_phong_deployment):
    tips = ResultIndicator.objects.order_by("sort_order").first()
    DeploymentResult.objects.create(deployment=ho_phong_deployment, year=2016, indicator=tips, value=4)
    ho_phong_deployment.archive(by=None)
    page = client_for(commune_officer).get(reverse("models_registry:deployment_detail",
                                                   args=[ho_phong_deployment.pk]))
    assert page.status_code == 200 and "Năm 2016" in page.text
