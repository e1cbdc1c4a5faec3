"""The chain through the browser's requests: pages, steps, scope, the home page's panel."""

import pytest
from django.urls import reverse

from approvals.models import Status, Submission
from approvals.services import submission_approve, submission_submit

pytestmark = pytest.mark.django_db


def step_url(period, commune, step):
    return reverse("approvals:commune_period_step", args=[period.key, commune.pk, step])


def test_submit_then_approve_through_the_pages(client_for, commune_officer, district_reporter, ho_phong, q3):
    client = client_for(commune_officer)
    page_url = reverse("approvals:commune_period", args=[q3.key, ho_phong.pk])
    page = client.get(page_url).content.decode()
    assert "Số liệu đã cập nhật đầy đủ đến hết kỳ" in page and "từ 15/06/2018 đến 14/09/2018" in page
    # Without the confirmation nothing is submitted, and the page says why.
    response = client.post(step_url(q3, ho_phong, "submit"), {"note": "x"}, follow=True)
    assert "Hãy xác nhận" in response.content.decode() and not Submission.objects.exists()
    response = client.post(step_url(q3, ho_phong, "submit"), {"confirm": "on", "note": "Đủ 12 tổ"}, follow=True)
    assert "Đã nộp báo cáo Quý III/2018 của Phường Hộ Phòng" in response.content.decode()
    assert "Duyệt số liệu" not in response.content.decode()  # a commune does not approve itself

    client = client_for(district_reporter)
    page = client.get(page_url).content.decode()
    assert "Duyệt số liệu" in page and "Đủ 12 tổ" in page
    response = client.post(step_url(q3, ho_phong, "return"), {"reason": ""}, follow=True)
    assert "Hãy ghi lý do" in response.content.decode()
    response = client.post(step_url(q3, ho_phong, "approve"), {}, follow=True)
    page = response.content.decode()
    assert "số liệu kỳ này được khóa" in page and "Cán bộ huyen_tonghop (Thị xã Giá Rai)" in page
    assert Submission.objects.get().status == Status.APPROVED


def test_outsiders_and_leadership_cannot_act(client_for, commune_officer, other_commune_officer, leader,
                                             ho_phong, q3):
    submission_submit(by=commune_officer, commune=ho_phong, period=q3)
    outsider = client_for(other_commune_officer)
    assert outsider.get(reverse("approvals:commune_period", args=[q3.key, ho_phong.pk])).status_code == 404
    assert outsider.post(step_url(q3, ho_phong, "approve")).status_code == 404
    reader = client_for(leader)
    page = reader.get(reverse("approvals:commune_period", args=[q3.key, ho_phong.pk])).content.decode()
    assert "Đã nộp, chờ duyệt" in page and "Duyệt số liệu" not in page
    assert reader.post(step_url(q3, ho_phong, "approve")).status_code == 403
    assert Submission.objects.get().status == Status.SUBMITTED


def test_the_overview_lists_only_the_officers_communes(client_for, commune_officer, provincial_staff, ho_phong,
                                                      bac_lieu, q3):
    page = client_for(commune_officer).get(reverse("approvals:overview"),
                                            {"kind": "quarter", "period": q3.key}).content.decode()
    assert "0/1" in page and "Phường Hộ Phòng" in page and "Phường 1" not in page
    page = client_for(provincial_staff).get(reverse("approvals:overview"),
                                             {"kind": "quarter", "period": q3.key, "unit": bac_lieu.pk}).content
    assert "0/64" in page.decode()
    other_unit = client_for(commune_officer).get(reverse("approvals:overview"), {"unit": bac_lieu.pk})
    assert other_unit.status_code == 404


def test_the_province_accepts_the_whole(client_for, commune_officer, district_reporter, provincial_staff,
                                       ho_phong, gia_rai, bac_lieu, q3):
    submission_approve(by=district_reporter, submission=submission_submit(by=commune_officer, commune=ho_phong,
                                                                          period=q3))
    client = client_for(provincial_staff)
    response = client.post(reverse("approvals:period_accept", args=[q3.key]), {"unit": bac_lieu.pk}, follow=True)
    assert "Đã tiếp nhận số liệu Quý III/2018 của 1 xã" in response.content.decode()
    assert Submission.objects.get().status == Status.ACCEPTED
    district = client_for(district_reporter)
    assert district.post(reverse("approvals:period_accept", args=[q3.key]), {"unit": bac_lieu.pk}).status_code == 404
    assert district.post(reverse("approvals:period_accept", args=[q3.key]), {"unit": gia_rai.pk}).status_code == 403


def test_what_waits_shows_on_the_landing_page(client_for, commune_officer, district_reporter, ho_phong, settings):
    from approvals.selectors import current_period

    period = current_period()
    page = client_for(commune_officer).get(reverse("home"), follow=True).content.decode()
    assert "Việc đang chờ bạn" in page and "Nộp báo cáo kỳ của Phường Hộ Phòng" in page
    submission_submit(by=commune_officer, commune=ho_phong, period=period)
    page = client_for(commune_officer).get(reverse("home"), follow=True).content.decode()
    assert "Nộp báo cáo kỳ của Phường Hộ Phòng" not in page
    page = client_for(district_reporter).get(reverse("home"), follow=True).content.decode()
    assert f"Duyệt báo cáo {period.name} của Phường Hộ Phòng" in page
