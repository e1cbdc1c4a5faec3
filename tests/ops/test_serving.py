"""The production stack serves itself: gunicorn with DEBUG off, hashed static files with long caching
(whitenoise), /healthz, and a database connection PostgreSQL dropped replaced on the next request."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.worker import PROJECT, free_port, worker_database_url

pytestmark = pytest.mark.django_db

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def production_env(tmp_path: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    # PostgreSQL: the test database; SQLite: a file of the test's own (/healthz only asks it SELECT 1).
    database = worker_database_url() if ON_POSTGRES else f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    return {**env, "DEBUG": "false", "SECRET_KEY": "test-serving-key-" + "x" * 40, "SECURE_COOKIES": "false",
            "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": str(tmp_path / "static"), "DATABASE_URL": database,
            "MEDIA_ROOT": str(tmp_path / "media"), "PYTHONUNBUFFERED": "1",
            # gunicorn sits behind the proxy that terminates TLS (README), which redirects plain HTTP itself.
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"}


@contextmanager
def gunicorn(env: dict, log: Path):
    """gunicorn on a free port; `timeout` ends it even if the test process dies without stopping it."""
    port = free_port()
    with open(log, "w") as out:
        process = subprocess.Popen(
            ["timeout", "180", sys.executable, "-m", "gunicorn", "antq_portal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--timeout", "30"], cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # it answers (503 is an answer)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gunicorn_serves_hashed_static_files_and_healthz_with_debug_off(tmp_path):
    env = production_env(tmp_path)
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                               cwd=PROJECT, env=env, capture_output=True, text=True, timeout=180)
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    hashed_css = manifest["css/portal.css"]
    assert hashed_css != "css/portal.css"

    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        status, headers, body = fetch(f"{base}/static/{hashed_css}", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
        assert fetch(f"{base}/static/css/does-not-exist.css")[0] == 404

        status, headers, body = fetch(f"{base}/healthz")
        health = json.loads(body)
        assert status == 200 and headers["Content-Type"] == "application/json", health
        assert health["status"] == "ok" and health["database"] == {"ok": True}
        assert health["broker"]["mode"] == health["worker"]["mode"] == "in-process"
        assert "no-cache" in headers["Cache-Control"]

        if ON_POSTGRES:
            # The login page names the hashed files (the templates go through the manifest).
            status, _, page = fetch(f"{base}/tai-khoan/dang-nhap/")
            assert status == 200 and f"/static/{hashed_css}" in page.decode()
            # As a PostgreSQL restart does: gunicorn's kept connection is terminated under it.
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                assert cursor.fetchone()[0] >= 1
            status, _, body = fetch(f"{base}/healthz")
            assert status == 200 and json.loads(body)["database"] == {"ok": True}
            assert fetch(f"{base}/tai-khoan/dang-nhap/")[0] == 200
