"""District ingest rate: complete cases (case data + images) from concurrent counters over real HTTP.

Each case is what a counter sends for a typical application: two captured pages, each a ~40 KB thumbnail
and a ~200 KB full image (480 KB of blobs, every blob unique — no dedupe), then the case data. The
requests are the outbox's on a link that has been good for a while (counter_app/sync/engine.py): the
thumbnails in one batch (POST /v1/blobs/batch), the case version, then the full images in one batch —
three requests a case. `--batch no` sends every blob by its own PUT instead (--head yes: HEAD for the
offset first), as the outbox does for a blob it already tried or one too big for a batch.
Servers are real `counter-app district serve` processes (uvicorn) on
loopback; counters are threads with their own keep-alive connection (HTTP/1.1 on a plain socket: the load
generator must not eat the CPU the server needs), spread round-robin over the server processes. `--workers N`
runs each server as `serve --workers N`: N processes on one port, each running its requests' work on its
own event loop (DistrictSettings.work_on_event_loop) — how a district runs the service on a multi-core
machine, and the configuration the target is measured with (--workers 4 on 2 cores: a worker waiting
for PostgreSQL or an fsync leaves its core to another).

Besides the rate, the table gives the CPU each side used per case, read from /proc: the server
processes (with their children), every PostgreSQL process on the machine (other users' work included),
and this load generator. On a shared machine those, not the rate, say what the server costs; "capacity/s"
is what the machine's cores would ingest if the server and PostgreSQL had them to themselves:
cores × 1000 / (server + PostgreSQL CPU ms per case).

Run:  .venv/bin/python -m tests.benchmarks.bench_district_ingest [--cases 400] [--counters 4,16]
          [--servers 1] [--workers 1,4] [--backends sqlite,postgresql] [--head yes,no] [--batch yes,no]
Target (issue 4): >= 100 cases/s on PostgreSQL on a 2-core machine. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import queue
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from counter_app.demo import load_sample_application
from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import BATCH_CONTENT_TYPE, PATH_BLOB_BATCH, encode_batch
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
    # The request bodies, encoded before the clock starts: the outbox has each blob's hash and the case's
    # body stored already, so hashing and encoding them here would charge the load generator's CPU (on
    # the server's cores) for work a counter does not do while it uploads.
    digests: list[str] = field(default_factory=list)
    thumb_batch: bytes = b""
    full_batch: bytes = b""
    payload: bytes = b""

    def __post_init__(self) -> None:
        self.digests = [hashlib.sha256(data).hexdigest() for data in self.blobs]
        frames = list(zip(self.digests, self.blobs, strict=True))
        self.thumb_batch, self.full_batch = encode_batch(frames[:PAGES]), encode_batch(frames[PAGES:])
        self.payload = json.dumps(self.submission.model_dump(mode="json")).encode()


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


class Counter:
    """One counter's keep-alive HTTP/1.1 connection on a plain socket: requests are written as bytes, and
    an answer is read by its status line, headers and Content-Length. The load generator shares the 2
    cores with the server under test, so every millisecond it burns is one the server does not get:
    http.client (parsing each answer's headers with the email package) cost ~0.6 ms of CPU per request,
    about 8 % of the machine at 100 cases/s. Counters are other machines in real life."""

    def __init__(self, base_url: str, auth: Auth) -> None:
        host, _, port = base_url.removeprefix("http://").partition(":")
        self.address = (host, int(port))
        self.fixed = f"Host: {host}:{port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in auth.headers.items())
        self.sock: socket.socket | None = None
        self.reader: Any = None

    def request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        code, _headers, answer = self.exchange(method, path, body, headers)
        return code, answer

    def exchange(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
                 ) -> tuple[int, dict[str, str], bytes]:
        """Send one request; the status, the answer's headers (lower-case names) and its body."""
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.reader = self.sock.makefile("rb")
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        length = f"Content-Length: {len(body)}\r\n" if body or method in ("PUT", "POST") else ""
        self.sock.sendall(f"{method} {path} HTTP/1.1\r\n{self.fixed}{extra}{length}\r\n".encode())
        if body:
            self.sock.sendall(body)
        status = self.reader.readline(65537).split(None, 2)
        if len(status) < 2 or not status[0].startswith(b"HTTP/1."):
            raise ConnectionError(f"no HTTP answer: {status!r}")
        answer_headers: dict[str, str] = {}
        while (line := self.reader.readline(65537)) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            answer_headers[name.strip().lower()] = value.strip()
        if "chunked" in answer_headers.get("transfer-encoding", ""):
            raise ConnectionError("chunked answers are not expected from the district service")
        size = 0 if method == "HEAD" else int(answer_headers.get("content-length", "0"))
        data = self.reader.read(size) if size else b""
        if len(data) != size:
            raise ConnectionError("the connection closed mid-answer")
        if answer_headers.get("connection", "").lower() == "close":
            self.close()
        return int(status[1]), answer_headers, data

    def close(self) -> None:
        if self.sock is not None:
            self.reader.close()
            self.sock.close()
            self.sock = self.reader = None


def send_batch(counter: Counter, batch: bytes) -> None:
    code, body = counter.request("POST", PATH_BLOB_BATCH, batch, {"Content-Type": BATCH_CONTENT_TYPE})
    if code != 200 or not all(r["complete"] for r in json.loads(body)["results"]):
        raise RuntimeError(f"batch {code}: {body[:200]!r}")


def send_case_batched(counter: Counter, case: Case) -> None:
    """The outbox's requests: thumbnails (one batch), case data, full images (one batch)."""
    send_batch(counter, case.thumb_batch)
    put_case(counter, case)
    send_batch(counter, case.full_batch)


def put_case(counter: Counter, case: Case) -> None:
    code, body = counter.request("PUT", p.case_version_path(case.submission.case_id, 1), case.payload,
                                 {"Content-Type": "application/json"})
    if code != 201:
        raise RuntimeError(f"case PUT {code}: {body[:200]!r}")


def send_case(counter: Counter, case: Case, *, head: bool = True) -> None:
    """One PUT per blob. head=True: HEAD each blob for the offset first (what a resuming outbox does).
    head=False: PUT from 0 straight away and let a 409 say where to continue."""
    for digest, data in zip(case.digests, case.blobs, strict=True):
        offset = 0
        if head:
            code, answer_headers, _ = counter.exchange("HEAD", p.blob_path(digest))
            if code != 200:
                raise RuntimeError(f"blob HEAD {code}")
            status = p.BlobStatus.from_headers(digest, httpx.Headers(answer_headers))
            if status.complete:
                continue
            offset = status.offset
        for _attempt in range(3):
            code, body = counter.request("PUT", p.blob_path(digest), data[offset:], {
                p.HEADER_CONTENT_RANGE: p.content_range(offset, len(data) - 1, len(data)),
                "Content-Type": p.BLOB_CONTENT_TYPE})
            if code == 409:
                offset = json.loads(body)["upload_offset"]
                continue
            break
        if code != 200 or not json.loads(body)["complete"]:
            raise RuntimeError(f"blob PUT {code}: {body[:200]!r}")
    put_case(counter, case)
    # Every blob went first here, so the case arrived complete (the batched order sends it before the
    # full images, like the outbox, and gets them listed as missing).


def run_counter(base_url: str, auth: Auth, work: queue.Queue[Case], result: Result, head: bool,
                batch: bool) -> None:
    counter = Counter(base_url, auth)
    try:
        while True:
            try:
                case = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                if batch:
                    send_case_batched(counter, case)
                else:
                    send_case(counter, case, head=head)
            except Exception as exc:  # recorded and reported in the table
                with result.lock:
                    result.errors.append(str(exc)[:200])
                counter.close()  # a fresh connection for the next case
                continue
            with result.lock:
                result.latencies.append(time.perf_counter() - started)
    finally:
        counter.close()


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) of one process, from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command name) of every process we can see."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name = stat[stat.find("(") + 1:stat.rfind(")")]
            found.append((int(entry.name), int(stat.rpartition(")")[2].split()[1]), name))
    return found


def server_cpu(pids: list[int]) -> float:
    """CPU seconds of the server processes and their children (uvicorn --workers forks them)."""
    tree = set(pids)
    procs = _processes()
    grew = True
    while grew:
        grew = False
        for pid, parent, _name in procs:
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(_cpu_of(pid) for pid in tree)


def postgres_cpu() -> dict[int, float]:
    """CPU seconds of every PostgreSQL process on this machine, by pid (includes other users' work: a
    rough figure on a shared machine)."""
    return {pid: _cpu_of(pid) for pid, _parent, name in _processes() if name.startswith("postgres")}


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two snapshots: a process that started meanwhile (a new pooled backend)
    counts whole, one that ended is left out (it would count negative; others' backends come and go)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def measure(database_url: str, workdir: Path, servers: int, counters: int,
            cases: list[Case], head: bool, workers: int = 1, batch: bool = True) -> dict[str, str]:
    procs = [ServerProcess(workdir, database_url,
                           extra_args=("--no-access-log", "--workers", str(workers))).start(seed=(i == 0))
             for i in range(servers)]
    try:
        auths: list[tuple[str, Auth]] = []
        for n in range(counters):
            base = procs[n % servers].base_url
            with httpx.Client(base_url=base, timeout=30) as client:
                auths.append((base, Api(client).sign_in("demo-clerk", township="510411001")))
        for proc in procs:  # warm-up, not measured: a running server has its tables (ID codes) loaded
            for base, auth in auths:
                if base == proc.base_url:
                    counter = Counter(base, auth)
                    for warm in make_cases(2):
                        send_case_batched(counter, warm) if batch else send_case(counter, warm, head=head)
                    counter.close()
                    break
        work: queue.Queue[Case] = queue.Queue()
        for case in cases:
            work.put(case)
        result = Result()
        threads = [threading.Thread(target=run_counter, args=(base, auth, work, result, head, batch))
                   for base, auth in auths]
        server_pids = [proc.proc.pid for proc in procs if proc.proc is not None]
        cpu_before = (server_cpu(server_pids), postgres_cpu(), time.process_time())
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu_after = (server_cpu(server_pids), postgres_cpu(), time.process_time())
    finally:
        for proc in procs:
            proc.stop()
    done = len(result.latencies)
    used = (cpu_after[0] - cpu_before[0], cpu_used(cpu_before[1], cpu_after[1]), cpu_after[2] - cpu_before[2])
    per_case = [seconds * 1000 / max(done, 1) for seconds in used]
    lat = sorted(result.latencies) or [0.0]
    mb = done * (PAGES * (THUMB_BYTES + FULL_BYTES)) / 1e6
    pg_ms = 0.0 if database_url.startswith("sqlite") else per_case[1]
    capacity = (os.cpu_count() or 1) * 1000 / max(per_case[0] + pg_ms, 0.001)
    return {"servers": str(servers), "workers": str(workers), "counters": str(counters),
            "batch": "yes" if batch else "no", "HEAD": "-" if batch else ("yes" if head else "no"),
            "cases": str(done),
            "errors": str(len(result.errors)), "seconds": f"{elapsed:.2f}",
            "cases/s": f"{done / elapsed:.1f}",
            "MB/s": f"{mb / elapsed:.1f}", "p50 ms": f"{statistics.median(lat) * 1000:.0f}",
            "p95 ms": f"{lat[int(len(lat) * 0.95) - 1 if len(lat) > 1 else 0] * 1000:.0f}",
            "server CPU ms/case": f"{per_case[0]:.1f}", "postgres CPU ms/case": (
                "-" if database_url.startswith("sqlite") else f"{per_case[1]:.1f}"),
            "client CPU ms/case": f"{per_case[2]:.1f}",
            "capacity/s": f"{capacity:.0f}", "load": f"{os.getloadavg()[0]:.1f}",
            "first error": result.errors[0][:60] if result.errors else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--counters", default="4,16")
    parser.add_argument("--servers", default="1")
    parser.add_argument("--workers", default="1,4", help="worker processes per server (serve --workers)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--head", default="yes,no", help="with --batch no: HEAD before each blob PUT")
    parser.add_argument("--batch", default="yes", help="the outbox's batches (yes) or one PUT per blob (no)")
    parser.add_argument("--no-wait", action="store_true",
                        help="start at once, even within 5 minutes of the last run's deletions")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; each case = {PAGES} x ({THUMB_BYTES // 1024} KB thumbnail + "
          f"{FULL_BYTES // 1024} KB image) + case data; {args.cases} cases per run", flush=True)
    rows: list[dict[str, str]] = []
    # Every run's files are deleted only at the end: on ext4 without a journal (this machine's disk), a new
    # file's inode search skips inodes deleted within the last 5 minutes, so deleting one run's thousands
    # of blobs right before the next run made that run's blob writes several times dearer in the kernel.
    # For the same reason a new invocation waits until the last one's deletion is 5 minutes old.
    if not args.no_wait:
        wait_for_freed_inodes()
    with tempfile.TemporaryDirectory() as scratch:
        run_backends(args, rows, Path(scratch))
    _CLEANED_MARK.touch()
    print()
    columns = list(rows[0]) if rows else []
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(row[c].ljust(widths[c]) for c in columns))
    return 0


_CLEANED_MARK = Path(tempfile.gettempdir()) / "bench_district_ingest.cleaned"
_RECENTLY_DELETED = 300  # seconds: ext4's "recently deleted" window for inodes (fs/ext4/ialloc.c)


def wait_for_freed_inodes() -> None:
    try:
        left = _CLEANED_MARK.stat().st_mtime + _RECENTLY_DELETED - time.time()
    except FileNotFoundError:
        return
    if left > 0:
        print(f"waiting {left:.0f} s: the last run deleted its files less than 5 minutes ago, and on ext4 "
              "without a journal new files cost more until then (--no-wait skips this)", flush=True)
        time.sleep(left)


def run_backends(args: argparse.Namespace, rows: list[dict[str, str]], scratch: Path) -> None:
    for backend in args.backends.split(","):
        if backend == "postgresql" and (reason := pg_unavailable_reason()):
            print(f"SKIPPED PostgreSQL: {reason}")
            continue
        for servers, workers in itertools.product([int(s) for s in args.servers.split(",")],
                                                  [int(w) for w in args.workers.split(",")]):
            modes = [(b == "yes", h == "yes") for b in args.batch.split(",")
                     for h in (args.head.split(",") if b == "no" else ["no"])]
            for counters, (batch, head) in itertools.product(
                    [int(c) for c in args.counters.split(",")], modes):
                cases = make_cases(args.cases)
                workdir = scratch / f"run-{len(rows)}" / "district"
                schema = create_schema() if backend == "postgresql" else ""
                url = pg_url_for_schema(schema) if schema else f"sqlite:///{workdir / 'district.sqlite3'}"
                try:
                    row = {"backend": backend,
                           **measure(url, workdir, servers, counters, cases, head, workers, batch)}
                finally:
                    if schema:
                        drop_schema(schema)
                rows.append(row)
                print(" | ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    sys.exit(main())
