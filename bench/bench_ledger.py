"""The ledger on PostgreSQL: concurrent posting throughput, and reads at a million postings.

1. **Concurrent writers.** 20 threads, each with its own database connection, post transfers
   through ``ledger_post`` (a) all on the same two accounts and (b) each on its own pair.
   Raw limit, same run: 20 threads inserting single rows (one per autocommit statement) into
   a bare table, as many as our transactions. Figure: postings/s against bare inserts/s.
   After each run the invariants are checked (every balance == the sum of its postings, every
   transaction sums to zero, nothing negative that may not be, ``ledger_verify`` ok) and the
   violations recorded (must be 0).
2. **Reads at 1,000,000 × scale postings.** The ledger is grown in bulk (transactions and
   postings generated in Python with a correct hash chain and running balances, written with
   COPY; balances set by one aggregate UPDATE; the result verified), then ``balance_of`` and
   the first statement page (50 rows) are timed for the busiest account (half of all postings)
   and a typical one, p95 against a bare primary-key read of one account row.

Always PostgreSQL, in its own database ``volcity_bench_ledger`` on
postgres://postgres@127.0.0.1:5432, created fresh; skipped with a message when PostgreSQL is
not reachable. The measuring runs in a child process with ``DATABASE_URL`` pointing there.

    .venv/bin/python -m bench.bench_ledger --scale 0.05
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.bench_checkin_burst import SERVER, child_environment, postgres_unreachable
from bench.harness import ROOT, Figure, Value, latency_figure, percentile, print_table, timed

DB_NAME = "volcity_bench_ledger"
WRITERS = 20
POSTINGS_AT_SEED_SCALE = 1_000_000
TARGET_P95_MS = 5.0
QUERY_RUNS = 300
WARMUP_RUNS = 20
BARE_TABLE = "bench_ledger_bare"
HOUSEHOLDS = 2_000


def transfers_for(scale: float) -> int:
    """Transactions per concurrent run (each two postings)."""
    return max(2_000, round(40_000 * scale))


# --- parent ---------------------------------------------------------------------------------


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def run(scale: float, *, transfers: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    reason = postgres_unreachable()
    if reason is not None:
        print(f"bench: ledger skipped: PostgreSQL is not reachable at {SERVER} ({reason})")
        return [], {"ledger": {"skipped": reason}}
    recreate_database()
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as tmp:
        out = Path(tmp) / "result.json"
        print(
            f"bench: ledger, {WRITERS} writers, then {POSTINGS_AT_SEED_SCALE * scale:,.0f}"
            f" postings, on {DB_NAME} …"
        )
        env = child_environment()
        env["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.bench_ledger", "--child", "--scale", str(scale)]
            + ["--transfers", str(transfers or transfers_for(scale)), "--out", str(out)],
            env=env,
            cwd=ROOT,
            check=False,
        )
        if not out.exists():
            raise RuntimeError(f"the ledger bench failed (exit {done.returncode}); see above")
        result = json.loads(out.read_text())
    figures = figures_of(result, scale)
    if done.returncode != 0 or result["violations_total"]:
        raise RuntimeError(f"the ledger bench found invariant violations: {result['writers']}")
    result["reads"] = {  # the samples stay out of the results file; the figures hold p50/p95
        name: {"account_postings": read["account_postings"]}
        for name, read in result["reads"].items()
    }
    return figures, {"ledger": result}


def figures_of(result: dict[str, Any], scale: float) -> list[Figure]:
    figures: list[Figure] = []
    for name, run_ in result["writers"].items():
        ours, bare = run_["postings_per_s"], run_["bare_inserts_per_s"]
        figures.append(
            Figure(
                name=f"ledger postings, {WRITERS} writers, {name} (vs bare inserts)",
                ours=Value(round(ours, 1), "postings/s"),
                baseline=Value(round(bare, 1), "rows/s"),
                ratio=ours / bare,
                rows=run_["postings"],
                scale=scale,
                extra={k: v for k, v in run_.items() if k not in ("postings",)},
            )
        )
    for name, read in result["reads"].items():
        figures.append(
            latency_figure(
                f"ledger {name} at {result['postings_total']:,} postings (vs pk read)",
                ours=read["ours"],
                raw=read["raw"],
                rows=result["postings_total"],
                scale=scale,
                target_p95_ms=TARGET_P95_MS,
                meets_target=percentile(read["ours"], 95) * 1000 < TARGET_P95_MS,
                account_postings=read["account_postings"],
            )
        )
    return figures


# --- child: writers ---------------------------------------------------------------------------


def _invariants() -> dict[str, Any]:
    from django.db import connection

    from volcity.ledger.verify import ledger_verify

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM ledger_account a LEFT JOIN (SELECT account_id, sum(amount) s"
            " FROM ledger_posting GROUP BY account_id) p ON p.account_id = a.id"
            " WHERE a.balance <> coalesce(p.s, 0)"
        )
        drifted = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM (SELECT transaction_id, unit FROM ledger_posting"
            " GROUP BY transaction_id, unit HAVING sum(amount) <> 0) t"
        )
        unbalanced = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM ledger_account WHERE balance < 0 AND NOT allow_negative"
        )
        negative = cursor.fetchone()[0]
    started = time.perf_counter()
    report = ledger_verify()
    return {
        "balances_drifted": drifted,
        "transactions_unbalanced": unbalanced,
        "negative_balances": negative,
        "verify_ok": report.ok,
        "verify_reason": report.reason,
        "verify_seconds": round(time.perf_counter() - started, 3),
    }


def _parallel(work: Any, count: int) -> float:
    """Run ``work(thread_no, n)`` in WRITERS threads, ``count`` items split between them;
    seconds from all threads ready to the last done."""
    from django.db import connection

    per = [count // WRITERS + (1 if i < count % WRITERS else 0) for i in range(WRITERS)]
    ready = threading.Barrier(WRITERS + 1)
    errors: list[BaseException] = []

    def thread(i: int) -> None:
        try:
            connection.ensure_connection()
            ready.wait()
            work(i, per[i])
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} writer threads failed: {errors[0]!r}") from errors[0]
    return seconds


def writers(count: int) -> dict[str, Any]:
    from django.db import connection

    from volcity.ledger.models import Account
    from volcity.ledger.services import account_open, ledger_post

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, a bigint NOT NULL,"
            " b bigint NOT NULL, at timestamptz NOT NULL)"
        )
    shared = (
        account_open(code="bench:same:from", name="from", unit="points", allow_negative=True),
        account_open(code="bench:same:to", name="to", unit="points"),
    )
    pairs = [
        (
            account_open(code=f"bench:own:{i}:from", name="f", unit="points", allow_negative=True),
            account_open(code=f"bench:own:{i}:to", name="t", unit="points"),
        )
        for i in range(WRITERS)
    ]

    def post_on(choose: Any, tag: str) -> Any:
        def work(i: int, n: int) -> None:
            src, dst = choose(i)
            for k in range(n):
                ledger_post(
                    key=f"{tag}:{i}:{k}", memo="bench", kind="transfer", lines=[(src, -1), (dst, 1)]
                )

        return work

    def bare(i: int, n: int) -> None:
        with connection.cursor() as cursor:
            for k in range(n):
                cursor.execute(
                    f"INSERT INTO {BARE_TABLE} (a, b, at) VALUES (%s, %s, now())", [i, k]
                )

    results: dict[str, Any] = {}
    for name, choose in (
        ("same two accounts", lambda i: shared),
        ("own pair each", lambda i: pairs[i]),
    ):
        tag = "same" if name.startswith("same") else "own"
        connection.close()
        ours = _parallel(post_on(choose, tag), count)
        raw = _parallel(bare, count)
        checks = _invariants()
        violations = (
            checks["balances_drifted"]
            + checks["transactions_unbalanced"]
            + checks["negative_balances"]
            + (0 if checks["verify_ok"] else 1)
        )
        results[name] = {
            "transactions": count,
            "postings": 2 * count,
            "seconds": round(ours, 3),
            "postings_per_s": 2 * count / ours,
            "transactions_per_s": round(count / ours, 1),
            "bare_inserts": count,
            "bare_seconds": round(raw, 3),
            "bare_inserts_per_s": count / raw,
            "transactions_vs_bare_inserts": round((count / ours) / (count / raw), 4),
            "checks": checks,
            "violations": violations,
        }
        print(
            f"bench: ledger writers, {name}: {count / ours:,.0f} transactions/s"
            f" ({2 * count / ours:,.0f} postings/s), bare {count / raw:,.0f} inserts/s,"
            f" violations {violations}"
        )
    results["same two accounts"]["final_balance_to"] = Account.objects.get(
        code="bench:same:to"
    ).balance
    return results


# --- child: grow and read ---------------------------------------------------------------------


def grow(postings: int) -> dict[str, Any]:
    """Append ``postings`` (an even number) in bulk: pool → household transfers with a correct
    hash chain and running balances, COPY'd; then one aggregate UPDATE of the balances."""
    from django.db import connection, transaction
    from django.db.models import Max

    from volcity.ledger.chain import transaction_hash
    from volcity.ledger.models import Account, ChainHead, LedgerTransaction, Posting
    from volcity.ledger.services import account_open

    rng = random.Random(11)
    pool = account_open(code="bulk:pool", name="积分池", unit="points", allow_negative=True)
    households = [
        account_open(code=f"bulk:household:{i:05d}", name=f"农户{i}", unit="points")
        for i in range(HOUSEHOLDS)
    ]
    head = ChainHead.objects.get(pk=1)
    seq, prev = head.seq, head.hash
    txn_id = (LedgerTransaction.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    posting_id = (Posting.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    running = {a.pk: 0 for a in [pool, *households]}
    start = time.perf_counter()
    at = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
    step = datetime.timedelta(seconds=max(1, 10 * 365 * 86400 // max(1, postings // 2)))
    txn_sql = (
        "COPY ledger_ledgertransaction (id, key, memo, kind, seq, prev_hash, hash, created_at)"
        " FROM STDIN"
    )
    posting_sql = (
        "COPY ledger_posting (id, transaction_id, account_id, amount, unit, balance_after)"
        " FROM STDIN"
    )
    batch = 20_000
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        remaining = postings // 2
        while remaining:
            n = min(batch, remaining)
            txns: list[tuple[Any, ...]] = []
            rows: list[tuple[Any, ...]] = []
            for _ in range(n):
                seq += 1
                at += step
                holder = households[rng.randrange(HOUSEHOLDS)]
                points = rng.randint(1, 20)
                running[pool.pk] -= points
                running[holder.pk] += points
                key = f"bulk:{seq}"
                digest = transaction_hash(
                    seq=seq,
                    key=key,
                    memo="好人好事",
                    kind="award",
                    created_at=at,
                    reverses_seq=None,
                    postings=[
                        (pool.code, -points, "points", running[pool.pk]),
                        (holder.code, points, "points", running[holder.pk]),
                    ],
                    prev_hash=prev,
                )
                txns.append((txn_id, key, "好人好事", "award", seq, prev, digest, at))
                rows.append((posting_id, txn_id, pool.pk, -points, "points", running[pool.pk]))
                rows.append(
                    (posting_id + 1, txn_id, holder.pk, points, "points", running[holder.pk])
                )
                prev = digest
                txn_id += 1
                posting_id += 2
            with cursor.copy(txn_sql) as copy:
                for row in txns:
                    copy.write_row(row)
            with cursor.copy(posting_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            remaining -= n
            print(f"bench: ledger grow: {seq:,} transactions", end="\r", flush=True)
        cursor.execute(
            "UPDATE ledger_account a SET balance = s.total FROM (SELECT account_id,"
            " sum(amount) AS total FROM ledger_posting GROUP BY account_id) s"
            " WHERE a.id = s.account_id AND a.code LIKE 'bulk:%%'"
        )
        ChainHead.objects.filter(pk=1).update(seq=seq, hash=prev)
        for table in ("ledger_ledgertransaction", "ledger_posting"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    print()
    grow_seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE ledger_posting; ANALYZE ledger_ledgertransaction; ANALYZE ledger_account"
        )
    typical = sorted(households, key=lambda a: a.pk)[HOUSEHOLDS // 2]
    if Account.objects.get(pk=pool.pk).balance != running[pool.pk]:
        raise RuntimeError("the bulk balances do not match the generated postings")
    return {
        "grow_seconds": round(grow_seconds, 1),
        "pool_id": pool.pk,
        "typical_id": typical.pk,
        "postings_total": Posting.objects.count(),
    }


def reads(grown: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from volcity.ledger.models import Account, Posting
    from volcity.ledger.queries import balance_of, statement

    def raw_pk(account_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT balance FROM ledger_account WHERE id = %s", [account_id])
            cursor.fetchone()

    cases: dict[str, tuple[int, Callable[[int], Any]]] = {
        "balance_of (busiest account)": (grown["pool_id"], lambda pk: balance_of(pk)),
        "statement first page (busiest account)": (
            grown["pool_id"],
            lambda pk: statement(Account.objects.get(pk=pk), limit=50),
        ),
        "statement first page (typical account)": (
            grown["typical_id"],
            lambda pk: statement(Account.objects.get(pk=pk), limit=50),
        ),
    }
    found: dict[str, Any] = {}
    for name, (pk, fn) in cases.items():
        for _ in range(WARMUP_RUNS):
            fn(pk)
            raw_pk(pk)
        ours: list[float] = []
        raw: list[float] = []
        for _ in range(QUERY_RUNS):
            ours.append(timed(functools.partial(fn, pk)))
            raw.append(timed(functools.partial(raw_pk, pk)))
        found[name] = {
            "ours": ours,
            "raw": raw,
            "account_postings": Posting.objects.filter(account_id=pk).count(),
        }
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + _statement_sql(grown["pool_id"]))
        plan = [r[0] for r in cursor.fetchall()]
    found["statement first page (busiest account)"]["query_plan"] = plan
    return found


def _statement_sql(account_id: int) -> str:
    from volcity.ledger.models import Posting

    qs = (
        Posting.objects.filter(account_id=account_id)
        .order_by("-id")
        .values_list("pk", "amount", "balance_after", "transaction__seq", "transaction__memo")[:51]
    )
    sql, params = qs.query.sql_with_params()
    return sql % tuple(params)


def child(scale: float, transfers: int, out: Path) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from volcity.ledger.verify import ledger_verify

    call_command("migrate", interactive=False, verbosity=0)
    count = transfers
    result: dict[str, Any] = {"writers": writers(count)}
    target = max(2, round(POSTINGS_AT_SEED_SCALE * scale))
    grown = grow(target - target % 2)
    started = time.perf_counter()
    report = ledger_verify()
    grown["verify_seconds"] = round(time.perf_counter() - started, 2)
    grown["verify_ok"] = report.ok
    read = reads(grown)
    result["grow"] = grown
    result["postings_total"] = grown["postings_total"]
    result["reads"] = {
        name: {k: v for k, v in r.items() if k != "query_plan"} for name, r in read.items()
    }
    result["statement_query_plan"] = read["statement first page (busiest account)"]["query_plan"]
    result["violations_total"] = sum(r["violations"] for r in result["writers"].values()) + (
        0 if report.ok else 1
    )
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return 0 if result["violations_total"] == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_ledger", description=__doc__)
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument(
        "--transfers", type=int, default=0, help="transactions per writer run (default by scale)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be greater than 0 and at most 1")
    if args.child:
        return child(args.scale, args.transfers or transfers_for(args.scale), args.out)
    figures, extra = run(args.scale, transfers=args.transfers or None)
    if figures:
        print()
        print_table(figures)
        summary = {k: v for k, v in extra["ledger"].items() if k not in ("reads",)}
        print(json.dumps(summary.get("grow"), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
