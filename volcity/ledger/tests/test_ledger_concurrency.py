"""Concurrent writers on PostgreSQL: real separate connections, in a database of their own.

pytest-django's ``transaction=True`` tests cannot be used (the audit log's triggers refuse the
flush that resets the database after them), so the test creates a fresh database, runs a
child process against it (``concurrency_child.py``: migrate, then threads posting at once)
and drops the database afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

DB = settings.DATABASES["default"]
ON_POSTGRES = DB["ENGINE"] == "django.db.backends.postgresql"
ROOT = Path(settings.BASE_DIR)
THREADS = 12
PER_THREAD = 25


@pytest.fixture
def own_database() -> Iterator[str]:
    import psycopg

    name = f"volcity_ledger_conc_{os.getpid()}"
    params: dict[str, Any] = {
        "host": DB.get("HOST") or None,
        "port": DB.get("PORT") or None,
        "user": DB.get("USER") or None,
        "password": DB.get("PASSWORD") or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    user = f"{DB['USER']}{':' + DB['PASSWORD'] if DB.get('PASSWORD') else ''}@"
    url = f"postgres://{user}{DB.get('HOST') or '127.0.0.1'}:{DB.get('PORT') or 5432}/{name}"
    try:
        yield url
    finally:
        with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.skipif(not ON_POSTGRES, reason="row locks and concurrent writers need PostgreSQL")
def test_concurrent_writers_keep_every_invariant(own_database: str) -> None:
    env = {**os.environ, "DATABASE_URL": own_database, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "volcity.ledger.tests.concurrency_child",
            str(THREADS),
            str(PER_THREAD),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["failures"] == []
    assert result["violations"] == []
    assert result["verify_ok"], result["verify"]
    # Every shared key posted exactly once although every thread posted it.
    assert result["shared_posted"] == result["shared_expected"]
    outcomes = result["outcomes"]
    assert outcomes["posted"] == THREADS * PER_THREAD - outcomes.get(
        "ledger_insufficient_balance", 0
    )
    assert outcomes.get("ledger_insufficient_balance", 0) > 0  # the limits were reached
