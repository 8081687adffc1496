"""Delete notifications read more than N days ago (run from cron, e.g. nightly:
``41 3 * * * cd /srv/volcity && .venv/bin/python manage.py notifications_prune --days 90``).
Unread notifications are never deleted."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from volcity.core.errors import DomainError
from volcity.notifications.services import notifications_prune


class Command(BaseCommand):
    help = "Delete notifications that were read more than --days days ago (default 90)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deleted = notifications_prune(older_than_days=options["days"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"notifications: {deleted} read notifications deleted")
