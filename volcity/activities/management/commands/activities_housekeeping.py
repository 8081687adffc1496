"""Periodic upkeep of service delivery: close forgotten check-outs, mark no-shows.

Run it from cron every 15 minutes or so, e.g.::

    */15 * * * *  cd /srv/volcity && .venv/bin/python manage.py activities_housekeeping

Safe to run again at any time: each step skips what is already done.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from volcity.activities.queries_checkin import ended_shifts_with_absentees
from volcity.activities.services.checkin_housekeeping import checkouts_close_forgotten
from volcity.core.errors import DomainError


class Command(BaseCommand):
    help = "Close forgotten check-outs (flagged records) and mark no-shows of ended shifts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="Act as if it were this time (ISO 8601, e.g. 2026-05-01T08:00:00+08:00).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options.get("now"))
        closed = checkouts_close_forgotten(now=now)
        self.stdout.write(f"forgotten check-outs closed: {closed}")
        try:  # written by the sign-up area; absent until it is
            from volcity.activities.services.signups import (  # type: ignore[attr-defined,unused-ignore]
                signups_mark_no_show,
            )
        except ImportError:
            self.stdout.write("no-shows: skipped (signups_mark_no_show is not available)")
            return
        marked = 0
        for shift in ended_shifts_with_absentees(now):
            try:
                marked += signups_mark_no_show(shift=shift, now=now)
            except DomainError as exc:  # one shift refusing must not stop the rest
                self.stderr.write(f"shift {shift.pk}: {exc.code}: {exc.message}")
        self.stdout.write(f"no-shows marked: {marked}")

    def _now(self, raw: str | None) -> datetime.datetime:
        if not raw:
            return timezone.now()
        parsed = parse_datetime(raw)
        if parsed is None:
            from django.core.management.base import CommandError

            raise CommandError(f"--now must be an ISO 8601 date and time, not {raw!r}.")
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed
