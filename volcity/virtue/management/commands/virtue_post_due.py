"""Post the points of every deed whose public notice has ended (run from cron, e.g. hourly:
``17 * * * * cd /srv/volcity && .venv/bin/python manage.py virtue_post_due``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from volcity.virtue.services.posting import claims_post_due


class Command(BaseCommand):
    help = "Post the virtue points of deeds whose public notice has ended with no objection."

    def handle(self, *args: Any, **options: Any) -> None:
        run = claims_post_due()
        self.stdout.write(f"virtue: {run.posted} posted, {run.held} held")
