"""Check-in burst over real HTTP on PostgreSQL: requests/s against a bare insert view.

Everyone arrives at once: N volunteers with a confirmed place on one shift check in through
the JSON API (``POST /api/v1/activities/shifts/{id}/checkin``, bearer tokens, the shift's
current code, the place's coordinates), from 50 client threads, each with its own
keep-alive ``http.client`` connection, to gunicorn (``config.wsgi``, gthread workers,
DEBUG off, persistent database connections). Every request carries its own idempotency
key, and a tenth of the volunteers send their request a second time with the same key
(a phone retrying), in random order, so some retries race their first request.

Raw limit, same run, same server, same harness: ``POST /bench/bare-insert``, a view that
inserts one row with a plain cursor (``bench/checkin_urls.py``), as many requests.

Always PostgreSQL, whatever the main bench database: its own database
``volcity_bench_checkin`` on postgres://postgres@127.0.0.1:5432, created fresh; skipped with
a message when PostgreSQL is not reachable. The measuring runs in a child process
(``--child``) with ``DATABASE_URL`` pointing there, so the main bench's Django stays on its
own database. After the burst the child asserts: checked-in sign-ups == volunteers,
``CheckinAttempt`` rows == unique keys, the shift's counter == volunteers, no sign-up with
two check-ins, every retry answered as a replay.

    .venv/bin/python -m bench.bench_checkin_burst --volunteers 300
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness import ROOT, Figure, Value, percentile, print_table

DB_NAME = "volcity_bench_checkin"
SERVER = "postgres://postgres@127.0.0.1:5432"
CLIENTS = 50
RETRY_FRACTION = 0.1
VOLUNTEERS_AT_SEED_SCALE = 5_000  # a city-wide event's shift at seed scale
MIN_VOLUNTEERS = 200
WORKERS = 3
THREADS = 4
SEED = 7
WARM = 4 * CLIENTS  # warm-up requests of each kind


def volunteers_for(scale: float) -> int:
    return max(MIN_VOLUNTEERS, round(VOLUNTEERS_AT_SEED_SCALE * scale))


# --- parent side: the database, the child, the figure ----------------------------------------


def postgres_unreachable() -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        return f"psycopg is not installed ({exc})"
    try:
        with psycopg.connect(f"{SERVER}/postgres", connect_timeout=3):
            return None
    except Exception as exc:  # any refusal means: not here
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        DJANGO_SETTINGS_MODULE="bench.checkin_settings",
        DEBUG="false",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    # A throwaway database: throwaway keys (unless the operator set private ones).
    if len(env.get("SECRET_KEY", "")) < 40 or env["SECRET_KEY"].startswith("dev-only"):
        env["SECRET_KEY"] = secrets.token_urlsafe(48)
    if len(env.get("VOLCITY_DATA_KEY", "")) < 32 or env["VOLCITY_DATA_KEY"].startswith("dev-only"):
        env["VOLCITY_DATA_KEY"] = secrets.token_urlsafe(32)
    return env


def run(scale: float, *, volunteers: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    """Figures for ``python -m bench``; ``([], {...skipped...})`` without PostgreSQL."""
    reason = postgres_unreachable()
    if reason is not None:
        print(f"bench: check-in burst skipped: PostgreSQL is not reachable at {SERVER} ({reason})")
        return [], {"checkin_burst": {"skipped": reason}}
    n = volunteers or volunteers_for(scale)
    recreate_database()
    with tempfile.TemporaryDirectory(prefix="bench-checkin-") as tmp:
        out = Path(tmp) / "result.json"
        print(f"bench: check-in burst, {n} volunteers, {CLIENTS} clients, on {DB_NAME} …")
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.bench_checkin_burst", "--child", "--volunteers", str(n)]
            + ["--out", str(out)],
            env=child_environment(),
            cwd=ROOT,
            check=False,
        )
        if not out.exists():
            raise RuntimeError(f"the check-in burst failed (exit {done.returncode}); see above")
        result = json.loads(out.read_text())
    if done.returncode != 0 or not result.get("checks_ok"):
        raise RuntimeError(f"the check-in burst's checks failed: {result.get('checks')}")
    ours, bare = result["ours"], result["bare"]
    figure = Figure(
        name="check-in burst over HTTP, PostgreSQL (vs bare insert view)",
        ours=Value(round(ours["requests_per_s"], 1), "req/s"),
        baseline=Value(round(bare["requests_per_s"], 1), "req/s"),
        ratio=ours["requests_per_s"] / bare["requests_per_s"],
        rows=ours["requests"],
        scale=scale,
        extra={
            "volunteers": n,
            "retries": result["retries"],
            "clients": CLIENTS,
            "server": result["server"],
            "ours_p50_ms": ours["p50_ms"],
            "ours_p95_ms": ours["p95_ms"],
            "baseline_p50_ms": bare["p50_ms"],
            "baseline_p95_ms": bare["p95_ms"],
            "ours_statuses": ours["statuses"],
            "replayed": ours["replayed"],
            "checks": result["checks"],
        },
    )
    return [figure], {"checkin_burst": result}


# --- child side: seed, serve, fire, check ----------------------------------------------------


@dataclass
class Scene:
    shift_id: int
    latitude: float
    longitude: float
    tokens: list[str]
    warm_shift_id: int  # the first WARM volunteers hold a place here too, for the warm-up


def seed(n: int) -> Scene:
    """One shift happening now with ``n`` confirmed volunteers, each with an API token, and a
    warm-up shift at the same time and place where the first ``WARM`` of them hold a place
    too. Rows are inserted directly (bulk) for speed: the registry's rules are not measured
    here."""
    import datetime
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from volcity.accounts.models import ApiToken, User
    from volcity.activities.models import Activity, Shift, Signup
    from volcity.regions.models import Region
    from volcity.registry.models import Team, Volunteer

    now = timezone.now()
    with transaction.atomic():
        city, _ = Region.objects.get_or_create(
            code="370781000000",
            defaults={"name": "青州市", "level": 1, "kind": "city", "path": "370781"},
        )
        town, _ = Region.objects.get_or_create(
            code="370781001000",
            defaults={
                "name": "王府街道",
                "level": 2,
                "kind": "street",
                "path": "370781001",
                "parent": city,
            },
        )
        village, _ = Region.objects.get_or_create(
            code="370781001001",
            defaults={
                "name": "偶园社区",
                "level": 3,
                "kind": "community",
                "path": "370781001001",
                "parent": town,
            },
        )
        lead = User.objects.create(
            username="bench_lead", display_name="压测队长", home_region=village
        )
        team = Team.objects.create(
            name="压测服务队",
            type="civilized_practice",
            level="town",
            region=town,
            status=Team.Status.ACTIVE,
        )
        lat, lng = Decimal("36.696500"), Decimal("118.479800")
        activity = Activity.objects.create(
            team=team,
            lead=lead,
            title="压测签到活动",
            region=town,
            address="青州市王府街道偶园街1号",
            latitude=lat,
            longitude=lng,
            status=Activity.Status.PUBLISHED,
        )
        shift = Shift.objects.create(
            activity=activity,
            starts_at=now - datetime.timedelta(minutes=10),
            ends_at=now + datetime.timedelta(hours=3),
            capacity=n,
            seats_taken=n,
        )
        users = User.objects.bulk_create(
            [
                User(
                    username=f"bench_v{i:06d}",
                    display_name=f"压测{i}",
                    home_region=village,
                    password="!",  # noqa: S106 - unusable
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
        volunteers = Volunteer.objects.bulk_create(
            [Volunteer(user=u, number=f"B{i:013d}", region=village) for i, u in enumerate(users)],
            batch_size=2000,
        )
        Signup.objects.bulk_create(
            [Signup(shift=shift, volunteer=v, status=Signup.Status.CONFIRMED) for v in volunteers],
            batch_size=2000,
        )
        warm_shift = Shift.objects.create(
            activity=activity,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            capacity=WARM,
            seats_taken=min(n, WARM),
        )
        Signup.objects.bulk_create(
            [
                Signup(shift=warm_shift, volunteer=v, status=Signup.Status.CONFIRMED)
                for v in volunteers[:WARM]
            ]
        )
        keys = ["vc_" + secrets.token_urlsafe(32) for _ in users]
        ApiToken.objects.bulk_create(
            [
                ApiToken(
                    user=u,
                    name="bench phone",
                    prefix=k[3:11],
                    key_hash=hashlib.sha256(k.encode()).hexdigest(),
                    expires_at=now + datetime.timedelta(days=1),
                )
                for u, k in zip(users, keys, strict=True)
            ],
            batch_size=2000,
        )
    return Scene(shift.pk, float(lat), float(lng), keys, warm_shift.pk)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--keep-alive",
        "10",
        "--log-level",
        "warning",
    ]
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), stdout=handle, stderr=handle)  # noqa: S603


def wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/activities/me/code")
            if conn.getresponse().status == 401:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


@dataclass
class Job:
    path: str
    body: Callable[[], bytes]
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"


@dataclass
class Burst:
    seconds: float
    latencies: list[float]
    statuses: Counter[int]
    bodies: list[dict[str, Any]]
    reconnects: int

    def summary(self) -> dict[str, Any]:
        n = len(self.latencies)
        return {
            "requests": n,
            "seconds": round(self.seconds, 3),
            "requests_per_s": n / self.seconds,
            "p50_ms": round(statistics.median(self.latencies) * 1000, 2),
            "p95_ms": round(percentile(self.latencies, 95) * 1000, 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "reconnects": self.reconnects,
        }


def fire(port: int, jobs: list[Job], *, keep: bool = False) -> Burst:
    """Send ``jobs`` from CLIENTS threads, each with one keep-alive connection; time the lot
    from the moment every thread is connected and ready to the last answer."""
    lock = threading.Lock()
    pending = list(reversed(jobs))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    bodies: list[dict[str, Any]] = []
    reconnects = [0]
    ready = threading.Barrier(CLIENTS + 1)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()
        ready.wait()
        mine: list[float] = []
        while True:
            with lock:
                if not pending:
                    break
                job = pending.pop()
            for attempt in range(3):
                try:
                    start = time.perf_counter()
                    conn.request(job.method, job.path, body=job.body(), headers=job.headers)
                    response = conn.getresponse()
                    data = response.read()
                    mine.append(time.perf_counter() - start)
                    break
                except (http.client.HTTPException, OSError):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    with lock:
                        reconnects[0] += 1
                    if attempt == 2:
                        raise
            with lock:
                statuses[response.status] += 1
                if keep:
                    bodies.append(json.loads(data or b"{}"))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    return Burst(seconds, latencies, statuses, bodies, reconnects[0])


def checkin_jobs(
    scene: Scene,
    rng: random.Random,
    *,
    shift_id: int | None = None,
    tokens: list[str] | None = None,
) -> tuple[list[Job], int]:
    from volcity.activities.codes import shift_code

    shift_id = shift_id or scene.shift_id
    tokens = scene.tokens if tokens is None else tokens
    path = f"/api/v1/activities/shifts/{shift_id}/checkin"

    def job(token: str, key: str) -> Job:
        def body() -> bytes:  # the code of the moment the request leaves
            return json.dumps(
                {
                    "code": shift_code(shift_id),
                    "latitude": scene.latitude,
                    "longitude": scene.longitude,
                    "idempotency_key": key,
                }
            ).encode()

        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return Job(path, body, headers)

    keyed = [
        (token, f"burst-{shift_id}-{i:06d}-{secrets.token_hex(6)}")
        for i, token in enumerate(tokens)
    ]
    retried = rng.sample(keyed, round(len(keyed) * RETRY_FRACTION))
    jobs = [job(t, k) for t, k in keyed + retried]
    rng.shuffle(jobs)
    return jobs, len(retried)


def bare_jobs(count: int, prefix: str) -> list[Job]:
    headers = {"Content-Type": "application/json"}

    def body_of(i: int) -> Callable[[], bytes]:
        return lambda: json.dumps({"key": f"{prefix}-{i}"}).encode()

    return [Job("/bench/bare-insert", body_of(i), headers) for i in range(count)]


def warm_jobs(scene: Scene, rng: random.Random) -> list[Job]:
    """Open a database connection in every server thread and load both code paths: the same
    number of check-ins (on the warm-up shift, by the volunteers whose tokens the first
    requests use) as of bare inserts, after as many authenticated reads."""
    tokens = scene.tokens[:WARM]
    me = [
        Job("/api/v1/activities/me/code", lambda: b"", {"Authorization": f"Bearer {t}"}, "GET")
        for t in tokens
    ]
    checkins, _ = checkin_jobs(scene, rng, shift_id=scene.warm_shift_id, tokens=tokens)
    return me + checkins[: len(tokens)] + bare_jobs(len(tokens), "warm")


def joined(first: Burst, second: Burst) -> Burst:
    """Two bursts of the same requests as one (their times added)."""
    return Burst(
        first.seconds + second.seconds,
        first.latencies + second.latencies,
        first.statuses + second.statuses,
        first.bodies + second.bodies,
        first.reconnects + second.reconnects,
    )


def child(n: int, out: Path) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bench.checkin_urls import BARE_TABLE
    from volcity.activities.models import CheckinAttempt, Shift, Signup

    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, key varchar(64) NOT NULL,"
            " at timestamptz NOT NULL)"
        )
    scene = seed(n)
    connection.close()
    rng = random.Random(SEED)
    port = free_port()
    log = ROOT / "var" / "bench-checkin-gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = start_server(port, log)
    try:
        wait_ready(port, server)
        warm_up = warm_jobs(scene, rng)
        warm = fire(port, warm_up)
        jobs, retries = checkin_jobs(scene, rng)
        # The raw limit brackets ours, half before and half after, so a machine whose load
        # drifts during the run (a shared one) weighs on both alike.
        half = len(jobs) // 2
        bare_before = fire(port, bare_jobs(half, "bare-a"))
        ours = fire(port, jobs, keep=True)
        bare = joined(bare_before, fire(port, bare_jobs(len(jobs) - half, "bare-b")))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    shift = Shift.objects.get(pk=scene.shift_id)
    checked = Signup.objects.filter(shift=shift, checked_in_at__isnull=False).count()
    attempts = CheckinAttempt.objects.filter(signup__shift=shift)
    doubles = attempts.values("signup_id", "kind").annotate(n=Count("pk")).filter(n__gt=1).count()
    replayed = sum(1 for b in ours.bodies if b.get("replayed") is True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {BARE_TABLE} WHERE key LIKE %s", ["bare-%"])
        bare_rows = cursor.fetchone()[0]
    checks = {
        "checked_in_signups == volunteers": [checked, n],
        "checkin_attempts == unique keys": [attempts.count(), n],
        "shift.checked_in == volunteers": [shift.checked_in, n],
        "sign-ups checked in twice": [doubles, 0],
        "replayed answers == retries": [replayed, retries],
        "answers 200 == requests": [ours.statuses.get(200, 0), len(jobs)],
        "bare rows == bare requests": [bare_rows, len(jobs)],
        "warm-up answers 200 == warm-up requests": [warm.statuses.get(200, 0), len(warm_up)],
    }
    ok = all(got == want for got, want in checks.values())
    result = {
        "volunteers": n,
        "retries": retries,
        "server": {"gunicorn": "gthread", "workers": WORKERS, "threads": THREADS},
        "ours": {**ours.summary(), "replayed": replayed},
        "bare": bare.summary(),
        "checks": checks,
        "checks_ok": ok,
    }
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    if not ok:
        print(f"bench: check-in burst checks FAILED: {checks}", file=sys.stderr)
        print(f"bench: server log: {log}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_checkin_burst", description=__doc__
    )
    parser.add_argument("--volunteers", type=int, default=MIN_VOLUNTEERS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.volunteers < 1:
        parser.error("--volunteers must be at least 1")
    if args.child:
        return child(args.volunteers, args.out)
    figures, extra = run(args.volunteers / VOLUNTEERS_AT_SEED_SCALE, volunteers=args.volunteers)
    if figures:
        print()
        print_table(figures)
        print(json.dumps(extra["checkin_burst"]["checks"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
