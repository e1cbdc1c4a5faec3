"""A real Celery worker for the tests that need one: a `celery worker` process that takes tasks from
Redis and works in the PostgreSQL test database, as production does.

Such a test skips on SQLite or without REDIS_URL, and fails instead when ANTQ_REQUIRE_REAL_SERVICES=1
(CI), so that a missing service cannot pass for a green run. It needs
`@pytest.mark.django_db(transaction=True)`: the worker sees only what the test has committed."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from antq_portal.celery import tasks_sent_to

PROJECT = Path(__file__).resolve().parents[1]


def real_services_or_skip() -> None:
    engine = settings.DATABASES["default"]["ENGINE"]
    on_postgres = "postgresql" in engine
    redis_url = os.environ.get("REDIS_URL", "")
    required = (os.environ.get("ANTQ_REQUIRE_REAL_SERVICES") == "1" and redis_url
                and os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")))
    reason = ""
    if not on_postgres:
        reason = "the worker test needs PostgreSQL (a second process cannot see SQLite's test database)"
    elif not redis_url:
        reason = "the worker test needs REDIS_URL"
    else:
        import redis

        try:
            redis.Redis.from_url(redis_url).ping()
        except redis.RedisError as exc:
            reason = f"Redis at {redis_url} does not answer: {exc}"
    if reason:
        (pytest.fail if required else pytest.skip)(reason)


def worker_database_url() -> str:
    """The test database (test_<name>), which the worker must use instead of the configured one."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen
    nodename: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _wait_for(worker: Worker, timeout: float) -> None:
    from antq_portal.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"the Celery worker exited early:\n{worker.log()}")
        # Only this worker's answer counts: another one on the same broker must not stand in for it.
        if app.control.ping(destination=[worker.nodename], timeout=1):
            return
    pytest.fail(f"the Celery worker did not answer a ping within {timeout:.0f} s:\n{worker.log()}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _service_env(media_root: Path, redis_url: str | None, env: dict | None) -> dict:
    # The broker this test process uses (settings gives each parallel test process its own Redis
    # database); the worker takes it as given, without the parallel run's offset a second time.
    inherited = {key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"}
    return {**inherited, "DATABASE_URL": worker_database_url(), "MEDIA_ROOT": str(media_root),
            "REDIS_URL": redis_url or settings.REDIS_URL, "PYTHONUNBUFFERED": "1", **(env or {})}


@contextmanager
def celery_worker(*, media_root: Path, log_dir: Path, timeout: float = 60, redis_url: str | None = None,
                  env: dict | None = None, name: str = "celery-worker", pool: str = "solo") -> Iterator[Worker]:
    """Start a worker (solo pool, or `pool="prefork"`: production's, one child) on the test database and
    MEDIA_ROOT, wait until it answers, and send tasks to it rather than running them in-process; stop it
    on the way out. `redis_url` and `env` (e.g. short REPORT_* periods) change what the worker uses;
    `name` tells the log files apart."""

    real_services_or_skip()
    nodename = f"antq-test-{os.getpid()}@{socket.gethostname()}"
    env = _service_env(media_root, redis_url, env)
    log_path = log_dir / f"{name}.log"
    # The log goes to a file: a pipe nobody reads would stall a talkative worker once full.
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "antq_portal", "worker", "-P", pool, "-c", "1", "--loglevel=info",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", nodename],
            cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    worker = Worker(process, nodename, log_path)
    with broker_at(redis_url or settings.REDIS_URL):  # tests/conftest.py runs other tests' tasks in-process
        try:
            _wait_for(worker, timeout)
            yield worker
        finally:
            _stop(process)


@contextmanager
def celery_beat(*, media_root: Path, log_dir: Path, redis_url: str | None = None,
                env: dict | None = None) -> Iterator[subprocess.Popen]:
    """`celery beat` with the project's own schedule (the reaper among it), kept in a file of the test's."""
    real_services_or_skip()
    with open(log_dir / "celery-beat.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "antq_portal", "beat", "--loglevel=info",
             "-S", "celery.beat:PersistentScheduler", "-s", str(log_dir / "beat-schedule")],
            cwd=PROJECT, env=_service_env(media_root, redis_url, env), stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        _stop(process)


def wait_until(condition: Callable[[], object], *, timeout: float = 120, every: float = 0.5,
               what: str = "the condition") -> object:
    """Poll `condition` until it returns something true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"{what} did not happen within {timeout:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Send this process's tasks to the broker at a URL (e.g. a port where nothing listens: Redis down).
broker_at = tasks_sent_to


@contextmanager
def redis_server(port: int, log_dir: Path) -> Iterator[subprocess.Popen]:
    """A Redis of the test's own on a spare port, which the test may stop (never the shared one)."""
    process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "no", "--dir", str(log_dir)],
                               stdout=open(log_dir / f"redis-{port}.log", "w"), stderr=subprocess.STDOUT)
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.RedisError:
            if time.monotonic() > deadline or process.poll() is not None:
                _stop(process)
                pytest.fail(f"redis-server on port {port} did not start")
            time.sleep(0.1)
    try:
        yield process
    finally:
        _stop(process)
