"""One archive holds the whole portal: the database (pg_dump custom format on PostgreSQL, a consistent copy
through SQLite's backup API) and every media file, with a manifest of SHA-256 checksums. Restoring refuses
a database that is not empty and an archive whose checksums do not match."""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.db import connection

MANIFEST = "manifest.json"
FORMAT = 1
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A Vietnamese message for the operator: what is wrong and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


def database_settings(url: str | None) -> dict:
    """The configured database (the one Django uses now), or the one an URL names."""
    return dj_database_url.parse(url) if url else connection.settings_dict


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres", "--dbname", db["NAME"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (gói postgresql-client) để {what}.")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} không {what} được: {done.stderr.strip()}")


def _major(version_text: str) -> int:
    found = re.search(r"(\d+)(?:\.\d+)?", version_text)
    return int(found.group(1)) if found else 0


def _check_pg_dump_version(db: dict) -> None:
    """pg_dump older than the server cannot dump it: say so before trying."""
    client = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    if _major(client) < _major(server):
        raise BackupError(f"pg_dump ({client.strip()}) cũ hơn máy chủ PostgreSQL {server}: "
                          "hãy cài postgresql-client cùng phiên bản.")


def _dump_database(db: dict, engine: str, target: Path) -> None:
    if engine == "postgresql":
        _check_pg_dump_version(db)
        args, env = _pg_args(db)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target), *args], env,
             "sao lưu cơ sở dữ liệu")
    else:
        # The backup API copies a consistent snapshot even while the portal writes; it also reads
        # the connection's own database (in-memory included), so it goes through Django's connection.
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def backup(*, output: Path, media_root: Path) -> dict:
    """Writes the archive (a .tar.gz) and returns its manifest."""
    output, media_root = Path(output), Path(media_root)
    db = connection.settings_dict
    engine = engine_of(db)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[engine]
        _dump_database(db, engine, dump)
        files = {DUMPS[engine]: sha256_file(dump)}
        media = _media_files(media_root)
        for path in media:
            files["media/" + path.relative_to(media_root).as_posix()] = sha256_file(path)
        manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(), "engine": engine,
                    "database": DUMPS[engine], "files": files}
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMPS[engine])
            for path in media:
                archive.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        partial.replace(output)  # a crash mid-way never leaves a half archive under the real name
    return manifest


def _read_verified(archive_path: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive_path}: {exc}") from None
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError("Tệp sao lưu không có bảng kê (manifest.json) hợp lệ.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Tệp sao lưu dạng {manifest.get('format')} không được hỗ trợ.")
    for name, expected in manifest["files"].items():
        path = into / name
        if not path.is_file():
            raise BackupError(f"Tệp sao lưu thiếu {name} (có trong bảng kê).")
        if sha256_file(path) != expected:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị hỏng: mã SHA-256 không khớp bảng kê.")
    return manifest


def _table_count(db: dict, engine: str) -> int:
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
                             user=db.get("USER") or "postgres", dbname=db["NAME"],
                             password=db.get("PASSWORD") or None) as conn:
            return conn.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").fetchone()[0]
    path = Path(db["NAME"])
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with sqlite3.connect(path) as conn:
        count = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    conn.close()
    return count


def restore(*, archive_path: Path, media_root: Path, database_url: str | None = None) -> dict:
    """Brings an archive back into an EMPTY database and the media directory; returns its manifest."""
    archive_path, media_root = Path(archive_path), Path(media_root)
    db = database_settings(database_url)
    engine = engine_of(db)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = _read_verified(archive_path, work)
        if manifest["engine"] != engine:
            raise BackupError(f"Bản sao lưu là của {manifest['engine']}, cơ sở dữ liệu đích là {engine}.")
        tables = _table_count(db, engine)
        if tables:
            raise BackupError(f"Cơ sở dữ liệu đích {db['NAME']} không trống ({tables} bảng): chỉ khôi phục vào "
                              "một cơ sở dữ liệu mới tạo, chưa chạy migrate.")
        media = [(work / name, media_root / name.removeprefix("media/"))
                 for name in manifest["files"] if name.startswith("media/")]
        clashes = [str(target) for source, target in media
                   if target.exists() and sha256_file(target) != sha256_file(source)]
        if clashes:
            raise BackupError(f"Thư mục tệp đính kèm đã có {len(clashes)} tệp khác nội dung, ví dụ {clashes[0]}: "
                              "hãy khôi phục vào một thư mục trống.")
        dump = work / manifest["database"]
        if engine == "postgresql":
            args, env = _pg_args(db)
            _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", *args, str(dump)], env,
                 "khôi phục cơ sở dữ liệu")
        else:
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(dump) as source, sqlite3.connect(db["NAME"]) as target:
                source.backup(target)
            source.close()
            target.close()
        for source, target in media:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return manifest
