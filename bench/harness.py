"""The bench frame: choose and recreate the bench database, time things, record figures.

Every figure sets something of ours against the raw limit measured in the same run on the
same database, so the ratio means something on any machine (docs: design, "Rules").
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PATH = ROOT / "bench" / "results" / "latest.json"
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
DEFAULT_SCALE = 0.05


class BenchError(Exception):
    """A reason not to run, told to the operator."""


def parse_scale(raw: str) -> float:
    try:
        scale = float(raw)
    except ValueError:
        raise BenchError(f"--scale must be a number, not {raw!r}.") from None
    if not (0 < scale <= 1):  # also refuses nan
        raise BenchError(f"--scale must be greater than 0 and at most 1, not {raw!r}.")
    return scale


def bench_database_url(environ: Mapping[str, str]) -> str:
    """BENCH_DATABASE_URL, else DATABASE_URL, else var/bench.sqlite3.

    The bench wipes its database, so the database's name must contain "bench": a
    development or production database is never chosen by accident.
    """
    import dj_database_url

    url = environ.get("BENCH_DATABASE_URL") or environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    try:
        name = str(dj_database_url.parse(url).get("NAME") or "")
    except Exception as exc:  # dj_database_url raises several kinds
        raise BenchError(f"Not a database URL ({exc}): {url!r}") from exc
    if "bench" not in Path(name).name.lower():
        raise BenchError(
            f"The bench recreates its database from scratch, so the database name must contain "
            f"'bench' (got {name!r}). Set BENCH_DATABASE_URL, e.g. "
            f"postgres://user@host/volcity_bench, or leave it unset for {DEFAULT_DATABASE_URL}."
        )
    return url


def prepare_environment(environ: MutableMapping[str, str], url: str) -> None:
    """Point Django at the bench database, before ``django.setup()``.

    DEBUG is off unless set (no query log in the timings); the bench database is private to
    the run, so throwaway keys stand in for the production secrets DEBUG=off requires.
    """
    import secrets

    environ["DATABASE_URL"] = url
    environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if "DEBUG" not in environ:
        environ["DEBUG"] = "false"
        environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
        environ.setdefault("VOLCITY_DATA_KEY", secrets.token_urlsafe(32))


def remove_sqlite_file(url: str) -> None:
    """Delete a SQLite bench file (and its WAL and shared-memory files)."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if config.get("ENGINE") != "django.db.backends.sqlite3":
        return
    path = Path(str(config["NAME"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fresh_database() -> None:
    """Migrate the (already deleted) SQLite file, or migrate and empty a PostgreSQL one."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)


# --- Timing ---------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(samples: list[float], p: int) -> float:
    """The p-th percentile (1 … 99), by statistics.quantiles' inclusive method."""
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


# --- Figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    value: float
    unit: str


@dataclass
class Figure:
    """Ours against the raw limit. ``ratio``: ours as a fraction of the limit (1.0 = at the
    limit, 0.25 = a quarter of its speed); ``times_slower`` is its inverse."""

    name: str
    ours: Value
    baseline: Value
    ratio: float
    rows: int
    scale: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def times_slower(self) -> float:
        return 1 / self.ratio if self.ratio else float("inf")


def throughput_figure(
    name: str, *, rows: int, ours_seconds: float, raw_seconds: float, scale: float, **extra: Any
) -> Figure:
    ours, raw = rows / ours_seconds, rows / raw_seconds
    return Figure(
        name=name,
        ours=Value(round(ours, 1), "rows/s"),
        baseline=Value(round(raw, 1), "rows/s"),
        ratio=ours / raw,
        rows=rows,
        scale=scale,
        extra=extra,
    )


def latency_figure(
    name: str, *, ours: list[float], raw: list[float], rows: int, scale: float, **extra: Any
) -> Figure:
    ours_p50, raw_p50 = statistics.median(ours), statistics.median(raw)
    return Figure(
        name=name,
        ours=Value(round(ours_p50 * 1000, 3), "ms p50"),
        baseline=Value(round(raw_p50 * 1000, 3), "ms p50"),
        ratio=raw_p50 / ours_p50,
        rows=rows,
        scale=scale,
        extra={
            "ours_p95_ms": round(percentile(ours, 95) * 1000, 3),
            "baseline_p95_ms": round(percentile(raw, 95) * 1000, 3),
            "runs": len(ours),
            **extra,
        },
    )


def environment() -> dict[str, Any]:
    import django
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        version = cursor.fetchone()[0]
    return {
        "database": {"vendor": connection.vendor, "version": str(version)},
        "debug": settings.DEBUG,
        "django": django.get_version(),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform()},
        "python": platform.python_version(),
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def figure_record(figure: Figure, env: dict[str, Any]) -> dict[str, Any]:
    record = asdict(figure)
    record["ratio"] = round(figure.ratio, 4)
    record["times_slower"] = round(figure.times_slower, 2)
    record.update(env)
    return record


def write_results(
    figures: list[Figure], env: dict[str, Any], *, extra: dict[str, Any], path: Path = RESULTS_PATH
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "environment": env,
        "figures": [figure_record(f, env) for f in figures],
        **extra,
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def print_table(figures: list[Figure], out: Any = sys.stdout) -> None:
    head = ("figure", "ours", "raw limit", "ours/raw", "× slower", "rows")
    rows = [
        (
            f.name,
            f"{f.ours.value:,.1f} {f.ours.unit}",
            f"{f.baseline.value:,.1f} {f.baseline.unit}",
            f"{f.ratio:.3f}",
            f"{f.times_slower:.1f}",
            f"{f.rows:,}",
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)), file=out)
