"""`manage.py backup` then `manage.py restore` elsewhere (a second database or file, a second media directory):
every record, history row and file comes back identical; a database that is not empty is refused."""

import hashlib
import io
import sqlite3
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from organizations.models import Organization
from reports.services import report_render, report_request
from tests.reports.factories import MemberFactory, OrganizationFactory

from .test_serving import ON_POSTGRES

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump, a second process, sees committed rows only


@pytest.fixture
def records(settings, tmp_path, ho_phong, bac_lieu, provincial_staff):
    """Units, officers, organizations with members and their history (an edit, an archiving), a rendered
    report (PDF and JSON in media) and an uploaded file with a Vietnamese name."""
    settings.MEDIA_ROOT = tmp_path / "media"
    team = OrganizationFactory(commune=ho_phong, name="Tổ bảo vệ ANTT khóm 1")
    MemberFactory.create_batch(3, organization=team)
    gone = OrganizationFactory(commune=ho_phong)
    MemberFactory(organization=gone)
    team.name = "Tổ bảo vệ an ninh, trật tự khóm 1"
    team.save()
    gone.archive(by=provincial_staff)
    report = report_request(kind="provincial_tally", unit=bac_lieu, as_of=team.founded_on.replace(year=2018),
                            since=team.founded_on, until=team.founded_on.replace(year=2018), by=provincial_staff)
    report_render(report_id=report.pk)
    default_storage.save("imports/2018/danh-sách tổ.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"))
    assert Organization.history.count() >= 3


def table_rows(table: str, cursor) -> list:
    if ON_POSTGRES:
        cursor.execute(f'SELECT t::text FROM "{table}" AS t')
    else:
        cursor.execute(f'SELECT * FROM "{table}"')
    return sorted(cursor.fetchall(), key=repr)


def media_digests(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def restore_target(tmp_path):
    """An empty database of the same engine: a second PostgreSQL database, or a new SQLite file."""
    if not ON_POSTGRES:
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(
            path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres",
              "password": db["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = params["user"] + (f":{params['password']}" if params["password"] else "")
    yield (f"postgres://{credentials}@{params['host']}:{params['port']}/{name}",
           lambda: psycopg.connect(dbname=name, **params))
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_elsewhere_is_identical_record_for_record_and_file_for_file(
        records, restore_target, settings, tmp_path):
    archive = tmp_path / "antq.tar.gz"
    call_command("backup", output=archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and ("database.pgdump" if ON_POSTGRES else "database.sqlite3") in names
    assert "media/imports/2018/danh-sách tổ.xlsx" in names

    url, connect = restore_target
    call_command("restore", str(archive), database_url=url, media_root=str(tmp_path / "restored-media"))

    tables = connection.introspection.table_names()
    assert {"organizations_organization", "organizations_historicalorganization", "reports_report"} <= set(tables)
    restored = connect()
    try:
        with connection.cursor() as source:
            for table in tables:
                original = table_rows(table, source)
                assert table_rows(table, restored.cursor()) == original, table
        assert len(table_rows("organizations_historicalorganization", restored.cursor())) >= 3
    finally:
        restored.close()
    original_media = media_digests(Path(settings.MEDIA_ROOT))
    assert len(original_media) == 3  # the report's PDF and JSON, the upload
    assert media_digests(tmp_path / "restored-media") == original_media

    # Restoring over data is refused, with the reason, and changes nothing.
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", str(archive), database_url=url, media_root=str(tmp_path / "other-media"))
    assert not (tmp_path / "other-media").exists()


def test_a_damaged_archive_is_refused_before_anything_is_written(records, restore_target, tmp_path):
    archive = tmp_path / "antq.tar.gz"
    call_command("backup", output=archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith(".pdf"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    url, _connect = restore_target
    with pytest.raises(CommandError, match="SHA-256 không khớp"):
        call_command("restore", str(damaged), database_url=url, media_root=str(tmp_path / "restored-media"))
    assert not (tmp_path / "restored-media").exists()
