"""Escalate every order not reviewed or accepted by its deadline to the centre one level up
(run from cron every minute: ``* * * * * cd /srv/volcity && .venv/bin/python manage.py
dispatch_escalate``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from volcity.dispatch.services.order_escalate import order_escalate_due


class Command(BaseCommand):
    help = "Move orders nobody accepted in time to the higher level's centre and tell it."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = order_escalate_due()
        self.stdout.write(f"dispatch: {len(moved)} escalated")
