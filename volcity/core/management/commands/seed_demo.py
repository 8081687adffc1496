"""``manage.py seed_demo --scale F --seed N [--if-empty]``: a demo city at a fraction of seed scale."""

from __future__ import annotations

import math
import sys
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from volcity.core.seeding import SEED_SCALE, make_context, run_seed

DEFAULT_SCALE = 0.002
DEFAULT_SEED = 7


def parse_scale(value: Any) -> float:
    """The --scale value as a float in (0, 1], or a CommandError naming the option."""
    try:
        scale = float(value)
    except (TypeError, ValueError):
        raise CommandError(f"--scale must be a number, not {value!r}.") from None
    if not math.isfinite(scale) or scale <= 0 or scale > 1:
        raise CommandError(
            f"--scale must be greater than 0 and at most 1 (1 = seed scale), not {value!r}."
        )
    return scale


def parse_seed(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CommandError(f"--seed must be a whole number, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Build a demo city (regions, demo staff logins, volunteers, …) at a fraction of seed "
        f"scale ({SEED_SCALE['volunteers']:,} volunteers at 1.0). Same --seed, same city."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            default=str(DEFAULT_SCALE),
            help=f"Fraction of seed scale, greater than 0 and at most 1 (default {DEFAULT_SCALE}).",
        )
        parser.add_argument(
            "--seed",
            default=str(DEFAULT_SEED),
            help=f"Random seed; the same seed builds the same city (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds regions.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bars, only summary lines."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale = parse_scale(options["scale"])
        seed = parse_seed(options["seed"])
        if apps.get_model("regions", "Region").objects.exists():
            if options["if_empty"]:
                self.stdout.write("seed_demo: the database already holds regions; nothing done.")
                return
            raise CommandError(
                "The database already holds regions: seed_demo fills an empty database. "
                "Pass --if-empty to skip quietly, or start from a new database."
            )
        progress = not options["no_progress"] and sys.stderr.isatty()
        ctx = make_context(scale=scale, seed=seed, progress=progress, stdout=self.stdout)
        self.stdout.write(f"seed_demo: scale {scale:g}, seed {seed}")
        start = time.perf_counter()
        results = run_seed(ctx)
        seconds = time.perf_counter() - start
        total = sum(r.total for r in results)
        self.stdout.write(
            f"seed_demo: {total:,} rows in {seconds:.2f}s "
            f"({total / seconds if seconds else 0:,.0f} rows/s). Logins: manage.py demo_logins"
        )
