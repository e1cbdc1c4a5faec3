"""Uploaded and rendered files leave the portal only through views that check scope and role."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import AccessLog
from commendations.models import Authority, CommendationForm, CommendationKind, Decision
from commendations.services import decision_save
from imports.models import ImportJob
from reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% so lieu\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def other_district_officer(make_officer, phuong_1_bac_lieu):
    """An officer of Bạc Liêu city: another district than Giá Rai, where Hộ Phòng lies."""
    return make_officer("tp_baclieu", phuong_1_bac_lieu.parent)


@pytest.fixture
def ho_phong_files(commune_officer, ho_phong):
    """An import file, a decision scan and a report of Hộ Phòng, stored as the portal stores them."""
    job = ImportJob(registry="organizations", original_name="to-chuc hộ phòng.csv", created_by=commune_officer)
    job.file.save("to-chuc hộ phòng.csv", ContentFile("CCCD;Điện thoại\n095180001234;0912345678\n".encode()))
    decision = Decision(number="7/QĐ-CAP", decided_on=date(2018, 3, 1), kind=CommendationKind.AD_HOC,
                        authority=Authority.objects.first(), form=CommendationForm.objects.first(),
                        issuing_unit=ho_phong)
    decision.scan.save("quyet-dinh.pdf", ContentFile(PDF), save=False)
    decision = decision_save(decision=decision, entries=[])
    report = Report.objects.create(kind="provincial_tally", unit=ho_phong, as_of=date(2018, 7, 11),
                                   since=date(2017, 1, 1), until=date(2018, 7, 11), status=ReportStatus.DONE)
    report.pdf.save("x.pdf", ContentFile(PDF), save=False)
    report.figures_file.save("x.json", ContentFile(b'{"cccd": "095180001234"}'), save=False)
    report.save()
    return {
        "import": reverse("imports:job_file", args=[job.pk]),
        "scan": reverse("commendations:decision_scan", args=[decision.pk]),
        "report": reverse("reports:report_download", args=[report.pk]),
        "figures": reverse("reports:report_download_format", args=[report.pk, "json"]),
        "objects": (job, decision, report),
    }


def test_stored_names_are_random_tokens_that_say_nothing_of_the_file(ho_phong_files):
    job, decision, report = ho_phong_files["objects"]
    assert job.file.name.startswith("imports/") and job.file.name.endswith(".csv")
    assert "hộ phòng" not in job.file.name and "to-chuc" not in job.file.name
    assert decision.scan.name.startswith("decisions/") and "quyet-dinh" not in decision.scan.name
    assert len(job.file.name.rsplit("/", 1)[-1]) >= 40
    assert str(report.uuid) in report.pdf.name


def test_an_officer_of_another_district_gets_404_for_every_file(client_for, ho_phong_files, other_district_officer):
    client = client_for(other_district_officer)
    for kind in ("import", "scan", "report", "figures"):
        assert client.get(ho_phong_files[kind]).status_code == 404, kind
    assert not AccessLog.objects.exists()


def test_the_owner_downloads_them_as_attachments_that_browsers_do_not_sniff(client_for, ho_phong_files,
                                                                           commune_officer):
    client = client_for(commune_officer)
    for kind in ("import", "scan", "report", "figures"):
        response = client.get(ho_phong_files[kind])
        assert response.status_code == 200, kind
        assert response["Content-Disposition"].startswith("attachment;"), kind
        assert response["X-Content-Type-Options"] == "nosniff"
    scan = client.get(ho_phong_files["scan"])
    assert scan["Content-Type"] == "application/pdf" and b"".join(scan.streaming_content) == PDF
    # Named after the decision's number, not the random name it is stored under.
    assert "filename*=UTF-8''quyet-dinh-7-Q%C4%90-CAP.pdf" in scan["Content-Disposition"]
    upload = client.get(ho_phong_files["import"])
    assert "filename*=UTF-8''to-chuc%20h%E1%BB%99%20ph%C3%B2ng.csv" in upload["Content-Disposition"]


def test_every_download_is_written_to_the_access_log(client_for, ho_phong_files, commune_officer):
    client = client_for(commune_officer)
    client.get(ho_phong_files["scan"], REMOTE_ADDR="10.1.2.3")
    client.get(ho_phong_files["report"])
    entries = list(AccessLog.objects.order_by("pk"))
    assert [e.action for e in entries] == ["download", "download"]
    assert entries[0].user == commune_officer and entries[0].ip == "10.1.2.3"
    assert entries[0].target_type == "commendations.decision" and "7/QĐ-CAP" in entries[0].target
    assert entries[1].target_type == "reports.report"


def test_nothing_under_media_is_served(client_for, ho_phong_files, commune_officer, settings):
    job, decision, report = ho_phong_files["objects"]
    client = client_for(commune_officer)
    for name in (job.file.name, decision.scan.name, report.pdf.name):
        assert client.get(f"/{settings.MEDIA_URL}{name}").status_code == 404


def test_behind_nginx_the_web_server_sends_the_bytes(client_for, ho_phong_files, commune_officer, settings):
    settings.FILE_SERVE_ACCEL = "nginx"
    settings.FILE_SERVE_ACCEL_PREFIX = "/_protected/"
    job, decision, _report = ho_phong_files["objects"]
    response = client_for(commune_officer).get(ho_phong_files["scan"])
    assert response["X-Accel-Redirect"] == f"/_protected/{decision.scan.name}"
    assert response.content == b"" and response["X-Content-Type-Options"] == "nosniff"
    settings.FILE_SERVE_ACCEL = "sendfile"
    response = client_for(commune_officer).get(ho_phong_files["import"])
    assert response["X-Sendfile"] == job.file.path


def test_a_file_stored_under_an_old_name_is_still_served(client_for, ho_phong_files, commune_officer, media):
    _job, decision, _report = ho_phong_files["objects"]
    old = media / "decisions" / "2018" / "quyet-dinh.pdf"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(PDF)
    Decision.objects.filter(pk=decision.pk).update(scan="decisions/2018/quyet-dinh.pdf")
    response = client_for(commune_officer).get(ho_phong_files["scan"])
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
