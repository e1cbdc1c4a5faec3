"""Production settings pass Django's deployment checklist, read from the environment alone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**env) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' own (Playwright in the test process), never production's.
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update({"DEBUG": "false", "SECRET_KEY": "k" * 20 + "-production-secret-Zq81xW0pLr7vT3nB5mY2cE9",
                        "ALLOWED_HOSTS": "antq.example", **env})
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("env", [{}, {"SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"}],
                         ids=["direct-https", "behind-a-tls-proxy"])
def test_check_deploy_reports_nothing_under_production_settings(env):
    result = check_deploy(**env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_checklist_complains():
    result = check_deploy(SECRET_KEY="insecure-local-development-key-change-me")
    assert result.returncode != 0 and "SECRET_KEY" in result.stdout + result.stderr
