"""Production settings: refuse to start without a secret, pass ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EHRENSACHE_"))}
    clean.pop("DEBUG", None)
    clean.pop("SECRET_KEY", None)
    clean.pop("PYTEST_XDIST_WORKER", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_site_refuses_to_start_without_secret_key_in_production(tmp_path):
    result = _manage("check", env={"EHRENSACHE_VAR_DIR": str(tmp_path)})

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_check_deploy_reports_no_issues_with_production_environment(tmp_path):
    env = {
        "SECRET_KEY": "x" * 30 + "production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "ehrensache.example.org",
        "EHRENSACHE_VAR_DIR": str(tmp_path),
    }

    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
