"""Reads for the public face."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.utils import Error as DatabaseError


def health_check() -> dict[str, Any]:
    """Whether the database answers, and which engine it is."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as exc:
        database = f"error: {exc.__class__.__name__}"
    return {
        "status": "ok" if database == "ok" else "error",
        "database": database,
        "engine": connection.vendor,
    }
