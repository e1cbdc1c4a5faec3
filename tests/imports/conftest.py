"""Files to import, written the way officers' spreadsheets are: XLSX or CSV, Vietnamese headers."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from commendations.models import Authority, CommendationForm
from imports.registries import get_registry
from models_registry.models import FieldOfWork
from organizations.models import OrganizationKind


@pytest.fixture
def kinds(db):
    return [OrganizationKind.objects.get_or_create(name=name, defaults={"is_statutory_team": statutory})[0]
            for name, statutory in [("Tổ bảo vệ an ninh, trật tự", True), ("Tổ nhân dân tự quản", False)]]


@pytest.fixture
def lists(db, kinds):
    FieldOfWork.objects.get_or_create(name="Phòng, chống tội phạm")
    Authority.objects.get_or_create(name="Giám đốc Công an tỉnh")
    CommendationForm.objects.get_or_create(name="Giấy khen")


def org_row(**overrides) -> dict:
    """One member row of an organization in Hộ Phòng (header -> cell)."""
    row = {
        "Xã, phường, thị trấn": "P. Hộ Phòng, TX Giá Rai",
        "Ấp, khóm": "Khóm 1",
        "Tên tổ chức": "Tổ bảo vệ ANTT khóm 1",
        "Loại tổ chức": "Tổ bảo vệ an ninh, trật tự",
        "Ngày thành lập": "15/03/2018",
        "Họ và tên thành viên": "Lê Thị Cúc",
        "Giới tính": "Nữ",
        "Năm sinh": 1980,
        "Chức danh": "Tổ trưởng",
        "Số CCCD": "095180001234",
    }
    row.update(overrides)
    return row


def headers_of(rows: list[dict], registry: str = "organizations") -> list[str]:
    spec_headers = [c.header for c in get_registry(registry).columns]
    used = {h for r in rows for h in r}
    return [h for h in spec_headers if h in used] + sorted(used - set(spec_headers))


def write_xlsx(path: Path, rows: list[dict], registry: str = "organizations", headers=None) -> Path:
    headers = headers or headers_of(rows, registry)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[dict], *, delimiter=",", bom=True, registry="organizations") -> Path:
    headers = headers_of(rows, registry)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


def with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """Give formula cells the value Excel would have saved beside them (openpyxl writes none).

    `values` maps a cell reference ("E2") to its computed text."""
    import re
    import shutil
    import zipfile

    source = path.with_suffix(".tmp")
    shutil.move(path, source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = data.decode()
                for ref, value in values.items():
                    xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                                 rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>', xml)
                data = xml.encode()
            zout.writestr(item, data)
    source.unlink()
    return path


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, tmp_path, rows, capture=None, registry="organizations", name="to-chuc.xlsx"):
    """Post a file through the import page; `capture` (django_capture_on_commit_callbacks) runs the check."""
    data = write_xlsx(tmp_path / name, rows, registry).read_bytes()
    form = {"registry": registry, "file": SimpleUploadedFile(name, data, content_type=XLSX)}
    if capture is None:
        return client.post(reverse("imports:import_start"), form)
    with capture(execute=True):
        return client.post(reverse("imports:import_start"), form)


@pytest.fixture
def importer(commune_officer, kinds):
    """The Hộ Phòng ward officer, with the organization kinds seeded."""
    return commune_officer


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go under the test's own directory, never into the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
