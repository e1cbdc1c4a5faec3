import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import Report, ReportStatus

from .conftest import AS_OF, SINCE

pytestmark = pytest.mark.django_db


def rendered(unit, by=None, kind="provincial_tally") -> Report:
    report = services.report_request(kind=kind, unit=unit, as_of=AS_OF, since=SINCE, until=AS_OF, by=by)
    return services.report_render(report_id=report.pk)


def test_leadership_requests_a_report_and_follows_its_progress(small_world, bac_lieu, leader, client_for,
                                                              django_capture_on_commit_callbacks):
    client = client_for(leader)
    assert client.get(reverse("reports:report_create")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_create"), {
            "kind": "provincial_tally", "unit": bac_lieu.pk, "as_of": "2018-07-11", "since": "2017-01-01",
            "signer_name": "Ngô Thành Thật"})
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.requested_by == leader and report.status == ReportStatus.DONE
    page = client.get(response.url).content.decode()
    assert "Hoàn thành" in page and report.pdf_sha256 in page
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_status_fragment_polls_while_queued_and_stops_when_done(small_world, bac_lieu, provincial_staff,
                                                                   client_for):
    report = services.report_request(kind="provincial_tally", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF,
                                     by=provincial_staff)
    client = client_for(provincial_staff)
    fragment = client.get(reverse("reports:report_status", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<progress" in fragment and "Đang chờ" in fragment
    services.report_render(report_id=report.pk)
    fragment = client.get(reverse("reports:report_status", args=[report.pk])).content.decode()
    assert "hx-trigger" not in fragment and "Tải PDF" in fragment


def test_a_failed_report_shows_why_and_offers_to_retry(small_world, bac_lieu, provincial_staff, client_for):
    report = services.report_request(kind="provincial_tally", unit=bac_lieu, as_of=AS_OF, since=SINCE, until=AS_OF)
    services.mark_failed(report.pk, "Không dựng được báo cáo: lỗi thử nghiệm")
    page = client_for(provincial_staff).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "lỗi thử nghiệm" in page and "Thử lại" in page


def test_the_list_shows_only_reports_inside_the_scope(small_world, bac_lieu, ho_phong, phuong_1_bac_lieu,
                                                      commune_officer, client_for, django_assert_max_num_queries):
    mine = rendered(ho_phong)
    rendered(bac_lieu)
    rendered(phuong_1_bac_lieu)
    client = client_for(commune_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:report_list"))
    assert list(response.context["reports"]) == [mine]


def test_an_outsider_gets_404_for_another_communes_report(small_world, phuong_1_bac_lieu, bac_lieu, commune_officer,
                                                          client_for):
    theirs = rendered(phuong_1_bac_lieu)
    province = rendered(bac_lieu)
    client = client_for(commune_officer)
    for report in (theirs, province):
        for name, args in [("reports:report_detail", [report.pk]), ("reports:report_download", [report.pk]),
                           ("reports:report_status", [report.pk]),
                           ("reports:report_download_format", [report.pk, "xlsx"]),
                           ("reports:report_download_format", [report.pk, "json"])]:
            assert client.get(reverse(name, args=args)).status_code == 404, name
        assert client.post(reverse("reports:report_retry", args=[report.pk])).status_code == 404
        assert client.post(reverse("reports:report_reproduce", args=[report.pk])).status_code == 404
    compare = client.get(reverse("reports:report_compare"), {"a": theirs.pk, "b": province.pk})
    assert compare.status_code == 404


def test_a_commune_officer_cannot_request_a_report_of_another_unit(small_world, bac_lieu, ho_phong, commune_officer,
                                                                   client_for):
    client = client_for(commune_officer)
    response = client.post(reverse("reports:report_create"), {"kind": "provincial_tally", "unit": bac_lieu.pk,
                                                              "as_of": "2018-07-11", "signer_name": "Nguyễn Văn A"})
    assert response.status_code == 200 and not Report.objects.exists()
    form = response.context["form"]
    assert "unit" in form.errors and form["signer_name"].value() == "Nguyễn Văn A"  # what was typed stays
    assert list(form.fields["unit"].queryset) == [ho_phong]


def test_a_period_in_the_wrong_order_is_refused_in_vietnamese(bac_lieu, provincial_staff, client_for):
    response = client_for(provincial_staff).post(reverse("reports:report_create"), {
        "kind": "provincial_tally", "unit": bac_lieu.pk, "as_of": "2018-07-11", "since": "2018-08-01",
        "until": "2018-07-11"})
    assert "Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc." in response.content.decode()


def test_the_figures_export_to_xlsx_and_json(small_world, bac_lieu, provincial_staff, client_for):
    report = rendered(bac_lieu)
    client = client_for(provincial_staff)
    xlsx = client.get(reverse("reports:report_download_format", args=[report.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Nhóm", "Chỉ tiêu", "Giá trị", "Kỳ trước", "Tăng/giảm")
    assert ("Tổng hợp", "Tổ chức quần chúng", 4, 4, 0) in rows
    data = client.get(reverse("reports:report_download_format", args=[report.pk, "json"]))
    assert b"".join(data.streaming_content) == report.figures_file.open("rb").read()


def test_reproducing_a_report_compares_it_figure_by_figure(small_world, bac_lieu, provincial_staff, client_for,
                                                           django_capture_on_commit_callbacks, ho_phong):
    from .factories import OrganizationFactory

    first = rendered(bac_lieu, by=provincial_staff)
    OrganizationFactory(commune=ho_phong)  # the data changes after the first report
    client = client_for(provincial_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_reproduce", args=[first.pk]))
    second = Report.objects.exclude(pk=first.pk).get()
    assert response.url == f"{reverse('reports:report_compare')}?a={first.pk}&b={second.pk}"
    page = client.get(response.url)
    changed = [row for row in page.context["rows"] if row["changed"]]
    assert ("Tổ chức quần chúng", 4, 5) in [(r["label"], r["first"], r["second"]) for r in changed]


def test_administrators_find_the_schedules_from_the_reports_page(bac_lieu, administrator, provincial_staff,
                                                                 client_for):
    from django.core.management import call_command

    call_command("setup_report_schedules", "--unit", "Bạc Liêu")
    page = client_for(administrator).get(reverse("reports:report_list")).content.decode()
    assert reverse("admin:django_celery_beat_periodictask_changelist") in page
    assert "Báo cáo hằng tháng — Tỉnh Bạc Liêu" in page
    staff_page = client_for(provincial_staff).get(reverse("reports:report_list")).content.decode()
    assert "Lịch báo cáo định kỳ" not in staff_page
