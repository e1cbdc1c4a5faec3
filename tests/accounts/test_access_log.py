"""Every export and download leaves a line in the access log that administrators read in the portal."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.access_log import Action, log_access, purge_access_log
from accounts.models import AccessLog
from organizations.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organizations(ho_phong, phuong_1_bac_lieu):
    kind = OrganizationKind.objects.first()
    Organization.objects.create(name="Tổ an ninh khóm 1", kind=kind, commune=ho_phong)
    Organization.objects.create(name="Tổ hòa giải khóm 5", kind=kind, commune=phuong_1_bac_lieu)


def test_an_export_names_its_officer_in_a_footer_and_is_logged_with_filters_and_rows(
        client_for, provincial_staff, two_organizations, ho_phong):
    client = client_for(provincial_staff)
    response = client.get(reverse("organizations:organization_list"),
                          {"commune": ho_phong.pk, "export": "xlsx"}, REMOTE_ADDR="10.0.0.7")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][0].startswith("— Xuất bởi Cán bộ tinh_tonghop (tinh_tonghop) lúc ")
    assert re.fullmatch(r".* lúc \d\d/\d\d/\d{4} \d\d:\d\d", rows[-1][0])
    entry = AccessLog.objects.get()
    assert entry.action == Action.EXPORT and entry.user == provincial_staff and entry.ip == "10.0.0.7"
    assert entry.rows == 1
    assert entry.detail == {"format": "xlsx", "filters": {"commune": str(ho_phong.pk), "export": "xlsx"}}
    assert entry.target.endswith(".xlsx")


def test_the_import_page_export_is_logged_and_still_imports_back(client_for, commune_officer, two_organizations):
    response = client_for(commune_officer).get(reverse("imports:export", args=["organizations"]),
                                               {"dinh_dang": "csv"})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[-1].startswith("— Xuất bởi Cán bộ xa_hophong")
    assert AccessLog.objects.get().rows == 1


def test_administrators_read_and_filter_the_log(client_for, administrator, commune_officer, rf):
    request = rf.get("/", REMOTE_ADDR="192.168.1.9")
    request.user = commune_officer
    log_access(request, Action.EXPORT, "to-chuc.csv", rows=12)
    log_access(request, Action.DOWNLOAD, "bao-cao-3.pdf")
    client = client_for(administrator)
    page = client.get(reverse("accounts:access_log")).content.decode()
    assert "to-chuc.csv" in page and "bao-cao-3.pdf" in page and "192.168.1.9" in page
    filtered = client.get(reverse("accounts:access_log"), {"action": "download"}).content.decode()
    assert "bao-cao-3.pdf" in filtered and "to-chuc.csv" not in filtered
    # On the one list framework: the same total, sortable headers, an export of the rows shown.
    assert '<p class="list-total" data-total="1">Tìm thấy 1 lượt truy cập</p>' in filtered
    by_rows = client.get(reverse("accounts:access_log"), {"sort": "-rows"}).content.decode()
    assert by_rows.index("to-chuc.csv") < by_rows.index("bao-cao-3.pdf")
    exported = client.get(reverse("accounts:access_log"), {"action": "download", "export": "csv"})
    lines = exported.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Lúc,Cán bộ,Hành động") and "bao-cao-3.pdf" in lines[1] and len(lines) == 4
    assert "Nhật ký truy cập" in client.get(reverse("home"), follow=True).content.decode()


def test_officers_and_leaders_may_not_read_it(client_for, commune_officer, leader):
    for user in (commune_officer, leader):
        assert client_for(user).get(reverse("accounts:access_log")).status_code == 403


def test_entries_older_than_the_retention_are_purged(commune_officer, rf, settings):
    request = rf.get("/")
    request.user = commune_officer
    old = log_access(request, Action.DOWNLOAD, "cu.pdf")
    log_access(request, Action.DOWNLOAD, "moi.pdf")
    AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=400))
    settings.ACCESS_LOG_RETENTION_DAYS = 365
    assert purge_access_log() == 1
    assert list(AccessLog.objects.values_list("target", flat=True)) == ["moi.pdf"]
    call_command("purge_access_log", "--days", "0", stdout=io.StringIO())
    assert not AccessLog.objects.exists()
