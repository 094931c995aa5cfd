"""The production path: `check --deploy` with settings from the environment, and loud failures."""

import os
import subprocess
import sys

from tests.conftest import ROOT

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$kq!2vP9#mZ4@wR8^tL1&nB6*hJ3(cF5)yD0-gS=eA+uQ_iO~oW`pT|rV]sX[zC",
    "ALLOWED_HOSTS": "newsverify.example.org",
    "DATABASE_URL": "postgres://newsverify@db.example.org:5432/newsverify",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsverify.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    # One check is silenced, with its reason in settings.py: the lockout keys on the account alone.
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_a_missing_secret_key_stops_production_start_up():
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_malformed_boolean_fails_loudly():
    result = manage("check", env={**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_a_malformed_number_fails_loudly():
    result = manage("check", env={**PRODUCTION, "SECURE_HSTS_SECONDS": "a year"})
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS='a year' is not an integer" in result.stderr


def test_database_connections_persist_by_default_with_health_checks():
    show = (
        "from django.db import connection as c\n"
        "print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "--no-imports", "-c", show, env=PRODUCTION)
    assert result.stdout.split() == ["600", "True"], result.stderr
    result = manage("shell", "--no-imports", "-c", show, env={**PRODUCTION, "DATABASE_CONN_MAX_AGE": "0"})
    assert result.stdout.split() == ["0", "True"], result.stderr
