"""Review queue latency on a large district: the queue query per filter and claim-next, on PostgreSQL.

A fresh schema is migrated to the newest revision (so the real indexes are measured) and filled by COPY
with --cases cases (default 100,000) over 15 townships. --open-share of them (default 0.10: 10,000 open
cases, a backlog of weeks for one district) wait in the queue, 5 submitted to 1 in review; the rest are
closed (collected 60 %, approved 15 %, returned 10 %, dispatched 10 %, refused 5 %). Committed due dates
spread over 45 days around today; 10 % of the cases have one or two 容缺 items, half of them supplied.
--open-share 0.65 is a stress case (65,000 open).

Each filter is asked --runs times through ReviewQueue.listing (the service call behind
GET /v1/review/queue: the page of 100 and the per-status counts); claim-next is ReviewQueue.claim_next,
a write that takes the next free case (half of the runs filtered to a township).
Times are wall-clock inside the server process, without HTTP.

Run:  .venv/bin/python -m tests.benchmarks.bench_review_queue [--cases 100000] [--runs 40] [--open-share 0.1]
Target (issue 5): queue query p95 <= 50 ms, claim-next p95 <= 20 ms on this machine. Prints a table.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from counter_app.district import accounts
from counter_app.district.principal import Principal
from counter_app.district.runtime import DistrictRuntime, build_runtime
from counter_app.district.seed import seed_demo
from counter_app.district.settings import DistrictSettings
from counter_app.domain.status import Role
from tests.district.helpers import (
    PG_CONNINFO,
    create_schema,
    drop_schema,
    pg_unavailable_reason,
    pg_url_for_schema,
)

TOWNSHIPS = [f"5104110{n:02d}" for n in range(1, 16)]
OPEN = [("submitted", 5), ("in_review", 1)]
CLOSED = [("collected", 60), ("approved", 15), ("returned", 10), ("licence_dispatched", 10), ("refused", 5)]


def reviewer(runtime: DistrictRuntime) -> Principal:
    """A principal for the demo reviewer (the service calls take one; no HTTP here)."""
    from counter_app.district.tables import User

    with runtime.db.read() as session:
        user = session.query(User).filter(User.username == "demo-reviewer").one()
    return Principal(user_id=user.user_id, username=user.username, display_name=user.display_name,
                     role=Role.REVIEWER, township_code=None, device_id="bench", device_township=None)


def fill(runtime: DistrictRuntime, schema: str, count: int, open_share: float) -> None:
    with runtime.db.write() as session:
        for code in TOWNSHIPS:
            accounts.add_township(session, code, f"乡镇{code[-2:]}", district_code="510411")
    rng = random.Random(5)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC).replace(tzinfo=None)
    cases, reviews, deferred = io.StringIO(), io.StringIO(), io.StringIO()
    for i in range(count):
        case_id = str(uuid.UUID(int=rng.getrandbits(128)))
        statuses = OPEN if rng.random() < open_share else CLOSED
        status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
        township = rng.choice(TOWNSHIPS)
        due = today + timedelta(days=rng.randint(-20, 25))
        accepted = due - timedelta(days=4)
        claimed = "demo-reviewer" if status == "in_review" else "\\N"
        expires = str(now + timedelta(minutes=30)) if status == "in_review" else "\\N"
        reviews.write(f"{case_id}\t{accepted}\t{due}\t{due + timedelta(days=10)}\t{claimed}\t{expires}\n")
        outstanding = False
        if rng.random() < 0.10:
            for slot in range(rng.randint(1, 2)):
                supplied = "a" * 64 if rng.random() < 0.5 else "\\N"
                outstanding = outstanding or supplied == "\\N"
                deferred.write(f"{case_id}\tslot_{slot}\t{due}\t{supplied}\n")
        # queue_due / deferred_outstanding: the queue's copies on `cases` (migration 0007).
        cases.write(f"{case_id}\t{township}\tRH-B-{i:06d}\t{status}\t1\taccepted\t{now}\t{now}\t\\N\t{due}\t"
                    f"{'t' if outstanding else 'f'}\n")
    with psycopg.connect(PG_CONNINFO) as conn, conn.cursor() as cur:
        cur.execute(f'SET search_path TO "{schema}"')
        for table, columns, data in (
                ("cases", "case_id, township_code, case_number, status, version, submission_status, "
                          "created_at, updated_at, blobs_purged_at, queue_due, deferred_outstanding", cases),
                ("review_cases", "case_id, accepted_on, committed_due, legal_due, claimed_by, "
                                 "claim_expires_at", reviews),
                ("review_deferred", "case_id, slot, due_date, supplied_sha256", deferred)):
            with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(data.getvalue())
    # A district's tables are vacuumed by autovacuum as they grow; freshly COPYed ones are not yet
    # (no visibility map: no index-only scans), which would measure a state a live server is never in.
    with psycopg.connect(PG_CONNINFO, autocommit=True) as conn:
        for table in ("cases", "review_cases", "review_deferred"):
            conn.execute(f'VACUUM ANALYZE "{schema}".{table}')


def timed(runs: int, call: Callable[[int], object]) -> list[float]:
    call(0)  # warm-up: connection, statement caches
    times = []
    for i in range(runs):
        started = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(name: str, times: list[float], target: float) -> dict[str, str]:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return {"what": name, "runs": str(len(times)), "p50 ms": f"{statistics.median(ordered):.1f}",
            "p95 ms": f"{p95:.1f}", "max ms": f"{ordered[-1]:.1f}", "target p95": f"<= {target:.0f}",
            "ok": "yes" if p95 <= target else "NO"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--open-share", type=float, default=0.10)
    args = parser.parse_args()
    if reason := pg_unavailable_reason():
        print(f"SKIPPED: {reason}")
        return 1
    schema = create_schema()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = DistrictSettings.for_data_dir(Path(tmp), database_url=pg_url_for_schema(schema),
                                                     argon2_time_cost=1, argon2_memory_kib=8192)
            runtime = build_runtime(settings)
            try:
                seed_demo(runtime)
                started = time.perf_counter()
                fill(runtime, schema, args.cases, args.open_share)
                loaded = time.perf_counter() - started
                print(f"{args.cases} cases ({args.open_share:.0%} open) in a fresh PostgreSQL schema "
                      f"({loaded:.0f} s to load); {args.runs} runs each", flush=True)
                rows = measure(runtime, reviewer(runtime), args.runs)
            finally:
                runtime.close()
    finally:
        drop_schema(schema)
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(r[c].ljust(widths[c]) for c in columns))
    return 0


def measure(runtime: DistrictRuntime, who: Principal, runs: int) -> list[dict[str, str]]:
    queue = runtime.queue
    township = TOWNSHIPS[3]
    filters: list[tuple[str, dict[str, object]]] = [
        ("queue: no filter", {}),
        ("queue: township", {"township": township}),
        ("queue: deadline=past", {"deadline": "past"}),
        ("queue: township + deadline=past", {"township": township, "deadline": "past"}),
        ("queue: deadline=near", {"deadline": "near"}),
        ("queue: status=in_review", {"statuses": ["in_review"]}),
        ("queue: deferred=true", {"deferred": True}),
        ("queue: deferred=false", {"deferred": False}),
        ("queue: township + deferred=false", {"township": township, "deferred": False}),
    ]
    rows = []
    for name, kwargs in filters:
        times = timed(runs, lambda _i, kw=kwargs: queue.listing(who, **kw))  # type: ignore[misc]
        rows.append(row(name, times, 50))
        print(" | ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    claims = timed(runs, lambda i: queue.claim_next(who, township=TOWNSHIPS[i % 15] if i % 2 else None))
    rows.append(row("claim-next", claims, 20))
    print(" | ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    return rows


if __name__ == "__main__":
    sys.exit(main())
