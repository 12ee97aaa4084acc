"""District ingest rate: complete cases (case data + images) from concurrent counters over real HTTP.

Each case is what a counter sends for a typical application: two captured pages, each a ~40 KB thumbnail
and a ~200 KB full image (480 KB of blobs, every blob unique — no dedupe), then the case data. Per blob the
counter does what the outbox does: HEAD for the offset, one PUT with Content-Range; then PUT the case
version. Servers are real `counter-app district serve` processes (uvicorn) on loopback; counters are
threads with their own httpx connection, spread round-robin over the server processes.

Run:  .venv/bin/python -m tests.benchmarks.bench_district_ingest [--cases 400] [--counters 4,16]
          [--servers 1,2] [--backends sqlite,postgresql] [--head yes,no]
Target (issue 4): >= 100 cases/s on PostgreSQL on a 2-core machine. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from counter_app.demo import load_sample_application
from counter_app.sync import protocol as p
from tests.district.helpers import (
    Api,
    Auth,
    ServerProcess,
    create_schema,
    drop_schema,
    pg_unavailable_reason,
    pg_url_for_schema,
)

THUMB_BYTES = 40 * 1024
FULL_BYTES = 200 * 1024
PAGES = 2


@dataclass
class Case:
    submission: p.CaseSubmission
    blobs: list[bytes]  # thumbnails first, then full images (the outbox's order)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def make_cases(count: int) -> list[Case]:
    application = load_sample_application().to_dict()
    cases = []
    for i in range(count):
        thumbs = [os.urandom(THUMB_BYTES) for _ in range(PAGES)]
        fulls = [os.urandom(FULL_BYTES) for _ in range(PAGES)]
        materials = [p.MaterialRef(slot=f"slot_{k}", page=0, kind="document", doc_type="a4",
                                   sha256=hashlib.sha256(fulls[k]).hexdigest(),
                                   thumb_sha256=hashlib.sha256(thumbs[k]).hexdigest(), size=FULL_BYTES,
                                   mime="image/jpeg") for k in range(PAGES)]
        sub = p.CaseSubmission(case_id=str(uuid.uuid4()), version=1, case_number=f"RH-BENCH-{i:05d}",
                               township_code="510411001", submitted_at=datetime.now(UTC), status="accepted",
                               application=application, materials=materials)
        cases.append(Case(sub, thumbs + fulls))
    return cases


def send_case(client: httpx.Client, auth: Auth, case: Case, *, head: bool = True) -> None:
    """head=True: HEAD each blob for the offset first (what a resuming outbox does). head=False: PUT from 0
    straight away and let a 409 say where to continue (what an outbox can do for a blob it never sent)."""
    for data in case.blobs:
        digest = hashlib.sha256(data).hexdigest()
        offset = 0
        if head:
            answer = client.head(p.blob_path(digest), headers=auth.headers)
            status = p.BlobStatus.from_headers(digest, answer.headers)
            if status.complete:
                continue
            offset = status.offset
        for _attempt in range(3):
            put = client.put(p.blob_path(digest), content=data[offset:], headers={
                **auth.headers, p.HEADER_CONTENT_RANGE: p.content_range(offset, len(data) - 1, len(data)),
                "Content-Type": p.BLOB_CONTENT_TYPE})
            if put.status_code == 409:
                offset = put.json()["upload_offset"]
                continue
            break
        if put.status_code != 200 or not put.json()["complete"]:
            raise RuntimeError(f"blob PUT {put.status_code}: {put.text[:200]}")
    body = json.dumps(case.submission.model_dump(mode="json"))
    response = client.put(p.case_version_path(case.submission.case_id, 1), content=body,
                          headers={**auth.headers, "Content-Type": "application/json"})
    if response.status_code != 201 or response.json()["missing_blobs"]:
        raise RuntimeError(f"case PUT {response.status_code}: {response.text[:200]}")


def run_counter(base_url: str, auth: Auth, work: queue.Queue[Case], result: Result, head: bool) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        while True:
            try:
                case = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                send_case(client, auth, case, head=head)
            except Exception as exc:  # recorded and reported in the table
                with result.lock:
                    result.errors.append(str(exc)[:200])
                continue
            with result.lock:
                result.latencies.append(time.perf_counter() - started)


def measure(database_url: str, workdir: Path, servers: int, counters: int,
            cases: list[Case], head: bool) -> dict[str, str]:
    procs = [ServerProcess(workdir, database_url, extra_args=("--no-access-log",)).start(seed=(i == 0))
             for i in range(servers)]
    try:
        auths: list[tuple[str, Auth]] = []
        for n in range(counters):
            base = procs[n % servers].base_url
            with httpx.Client(base_url=base, timeout=30) as client:
                auths.append((base, Api(client).sign_in("demo-clerk", township="510411001")))
        work: queue.Queue[Case] = queue.Queue()
        for case in cases:
            work.put(case)
        result = Result()
        threads = [threading.Thread(target=run_counter, args=(base, auth, work, result, head))
                   for base, auth in auths]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        for proc in procs:
            proc.stop()
    done = len(result.latencies)
    lat = sorted(result.latencies) or [0.0]
    mb = done * (PAGES * (THUMB_BYTES + FULL_BYTES)) / 1e6
    return {"servers": str(servers), "counters": str(counters), "HEAD": "yes" if head else "no",
            "cases": str(done),
            "errors": str(len(result.errors)), "seconds": f"{elapsed:.2f}",
            "cases/s": f"{done / elapsed:.1f}",
            "MB/s": f"{mb / elapsed:.1f}", "p50 ms": f"{statistics.median(lat) * 1000:.0f}",
            "p95 ms": f"{lat[int(len(lat) * 0.95) - 1 if len(lat) > 1 else 0] * 1000:.0f}",
            "first error": result.errors[0][:60] if result.errors else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--counters", default="4,16")
    parser.add_argument("--servers", default="1,2")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--head", default="yes,no", help="HEAD before each blob PUT: yes, no or yes,no")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; each case = {PAGES} x ({THUMB_BYTES // 1024} KB thumbnail + "
          f"{FULL_BYTES // 1024} KB image) + case data; {args.cases} cases per run", flush=True)
    rows: list[dict[str, str]] = []
    for backend in args.backends.split(","):
        if backend == "postgresql" and (reason := pg_unavailable_reason()):
            print(f"SKIPPED PostgreSQL: {reason}")
            continue
        for servers in (int(s) for s in args.servers.split(",")):
            for counters, head in itertools.product((int(c) for c in args.counters.split(",")),
                                                    (h == "yes" for h in args.head.split(","))):
                cases = make_cases(args.cases)
                with tempfile.TemporaryDirectory() as tmp:
                    workdir = Path(tmp) / "district"
                    schema = create_schema() if backend == "postgresql" else ""
                    url = (pg_url_for_schema(schema) if schema
                           else f"sqlite:///{workdir / 'district.sqlite3'}")
                    try:
                        row = {"backend": backend, **measure(url, workdir, servers, counters, cases, head)}
                    finally:
                        if schema:
                            drop_schema(schema)
                rows.append(row)
                print(" | ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    print()
    columns = list(rows[0]) if rows else []
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(row[c].ljust(widths[c]) for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
