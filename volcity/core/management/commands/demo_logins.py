"""``manage.py demo_logins``: the demo accounts to sign in with, as a small table."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand

from volcity.core.seeding import demo_logins

URL = "http://127.0.0.1:8000/"
COLUMNS = ("username", "phone", "role", "region")


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = "List the demo logins (after seed_demo) with their phone, role, region and password."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default=URL, help=f"where the app is served (default {URL})")

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_logins()
        if not logins:
            self.stdout.write("No demo accounts yet. Run: python manage.py seed_demo")
            return
        rows: list[Sequence[str]] = [COLUMNS]
        rows.extend((x.username, x.phone, x.role, x.region) for x in logins)
        for line in format_table(rows):
            self.stdout.write(line)
        passwords = sorted({x.password for x in logins})
        self.stdout.write("")
        self.stdout.write(f"Password (every demo account): {', '.join(passwords)}")
        self.stdout.write(f"Sign in at {options['url']} with the username or the phone number.")
