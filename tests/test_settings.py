"""Configuration from the environment: safe defaults, loud errors on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "VOLCITY_DATA_KEY"}
    }
    clean.update(env)
    code = "import config.settings as s; print(s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_development_defaults_use_embedded_sqlite() -> None:
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_refuses_the_development_secret() -> None:
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_data_key() -> None:
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "VOLCITY_DATA_KEY" in result.stderr


def test_production_starts_with_real_keys() -> None:
    result = load_settings(DEBUG="false", SECRET_KEY="s" * 50, VOLCITY_DATA_KEY="k" * 40)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"VOLCITY_CITY_CODE": "3707"}, "VOLCITY_CITY_CODE"),
        ({"VOLCITY_LOGIN_MAX_FAILURES": "many"}, "VOLCITY_LOGIN_MAX_FAILURES"),
        ({"VOLCITY_OTP_TTL_SECONDS": "5"}, "VOLCITY_OTP_TTL_SECONDS"),
        ({"VOLCITY_DATA_KEY": "short"}, "VOLCITY_DATA_KEY"),
    ],
)
def test_bad_values_stop_the_process_naming_the_variable(env: dict[str, str], named: str) -> None:
    result = load_settings(**env)
    assert result.returncode != 0
    assert named in result.stderr


def test_postgres_url_keeps_persistent_connections() -> None:
    code = (
        "import config.settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {k: v for k, v in os.environ.items()}
    env["DATABASE_URL"] = "postgres://u@127.0.0.1:5432/volcity"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == ["django.db.backends.postgresql", "600", "True"]


def test_passwords_are_hashed_with_argon2() -> None:
    from django.conf import settings

    # The test settings fixture swaps hashers per test; the module's own value is what ships.
    import config.settings as shipped

    assert shipped.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_USER_MODEL == "accounts.User"
