"""``python -m bench [--scale F]``: recreate the bench database, seed it, measure, report."""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench.harness import (
    DEFAULT_SCALE,
    RESULTS_PATH,
    BenchError,
    bench_database_url,
    parse_scale,
    prepare_environment,
    remove_sqlite_file,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--scale",
        default=str(DEFAULT_SCALE),
        help=f"fraction of seed scale, greater than 0 and at most 1 (default {DEFAULT_SCALE})",
    )
    args = parser.parse_args(argv)
    try:
        scale = parse_scale(args.scale)
        url = bench_database_url(os.environ)
    except BenchError as exc:
        parser.error(str(exc))
    # Settings read DATABASE_URL on import: set it before django.setup(), never after.
    prepare_environment(os.environ, url)
    remove_sqlite_file(url)

    import django

    django.setup()

    from bench.bench_registry_import import run as run_registry_import
    from bench.bench_registry_search import run as run_registry_search
    from bench.bench_seed import run
    from bench.harness import environment, fresh_database, print_table, write_results

    start = time.perf_counter()
    fresh_database()
    env = environment()
    print(f"bench: scale {scale:g} on {env['database']['vendor']} {env['database']['version']}")
    figures, extra = run(scale)
    search, _ = run_registry_search(scale)  # before the import adds its roster: seed scale
    figures += search
    from bench.bench_service_profile import run as run_service_profile

    profile, profile_extra = run_service_profile(scale)
    figures += profile
    extra.update(profile_extra)
    from bench.bench_dispatch import run as run_dispatch  # adds 10,000 open orders

    dispatch, dispatch_extra = run_dispatch(scale)
    figures += dispatch
    extra.update(dispatch_extra)
    more, _ = run_registry_import(scale)
    figures += more
    from bench.bench_checkin_burst import run as run_checkin_burst  # own PostgreSQL database

    burst, burst_extra = run_checkin_burst(scale)
    figures += burst
    extra.update(burst_extra)
    from bench.bench_ledger import run as run_ledger  # own PostgreSQL database

    ledger, ledger_extra = run_ledger(scale)
    figures += ledger
    extra.update(ledger_extra)
    extra["scale"] = scale
    extra["wall_seconds"] = round(time.perf_counter() - start, 1)
    write_results(figures, env, extra=extra)
    print()
    print_table(figures)
    print(f"\nbench: {extra['wall_seconds']}s; written to {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
