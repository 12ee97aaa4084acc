"""Sync benchmark: the outbox over a slow, dropping link, and the change feed under 1,000 polling counters.

Run: .venv/bin/python -m tests.benchmarks.bench_sync [--cases 20] [--counters 1000] [--skip-upload]
Prints a table; not a pass/fail test. Targets (issue 4):
  (a) time to sync 20 typical cases through a 512 kbit/s link that drops every ~200 KB, divided by
      payload bytes / bandwidth: <= 1.2;  bytes the client put on the link / payload bytes: <= 1.1
  (c) change-feed latency with 1,000 counters polling (decision made -> every counter has seen it)
"Typical case": the demo case captured through the real capture pipeline (portrait, ID cards, A4 pages,
thumbnails); each of the 20 copies gets distinct bytes (a JPEG comment) so nothing dedupes across cases.
(b), server ingest, is the district's benchmark (bench_district_ingest.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import keyring

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.domain.status import CaseStatus
from counter_app.store.tables import BlobRow, CaseMaterialRow
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.config import SyncConfig
from counter_app.sync.protocol import (
    PATH_CHANGES,
    DeviceRegistration,
    case_transitions_path,
)
from tests.integration.sync.helpers import Counter, open_counter, start_district
from tests.support.fault_proxy import FaultProxy
from tests.support.memory_keyring import MemoryKeyring

BANDWIDTH = 512_000 // 8  # 512 kbit/s in bytes/s
DROP_EVERY = int(os.environ.get("BENCH_DROP_EVERY", 200 * 1024))
REPO = Path(__file__).resolve().parents[2]


def with_comment(jpeg: bytes, tag: bytes) -> bytes:
    """The same JPEG with a comment segment after SOI: identical image, distinct bytes and hash."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(tag) + 2) + tag + jpeg[2:]


def template_case(root: Path) -> list[tuple[CaseMaterialRow, bytes, bytes]]:
    """The demo case's materials as the capture pipeline makes them: (row, image, thumbnail)."""
    context = AppContext.open(root / "template", sync=False)
    try:
        record = context.cases.new_case(load_sample_application())
        capture_demo_materials(context, record.case_id)
        with context.database.read() as session:
            rows = session.query(CaseMaterialRow).filter_by(case_id=record.case_id).all()
        return [(row, context.blobs.get(row.sha256), context.blobs.get(row.thumb_sha256)) for row in rows]
    finally:
        context.close()


def make_cases(counter: Counter, template: list[tuple[CaseMaterialRow, bytes, bytes]], count: int) -> None:
    context = counter.context
    for n in range(count):
        record = context.cases.new_case(load_sample_application())
        assert context.cases.pre_review(record.case_id).passed
        counter.repository.set_status(record.case_id, CaseStatus.ACCEPTED)
        now = datetime.now(UTC)
        with context.database.write() as session:
            for row, image, thumb in template:
                tag = f"case {n} {row.slot} {row.page}".encode()
                sha = context.blobs.put(with_comment(image, tag))
                thumb_sha = context.blobs.put(with_comment(thumb, tag))
                session.add(CaseMaterialRow(
                    material_id=str(uuid.uuid4()), case_id=record.case_id, slot=row.slot, page=row.page,
                    kind=row.kind, sha256=sha, thumb_sha256=thumb_sha, original_sha256=None, mime=row.mime,
                    width=row.width, height=row.height, size=len(image) + len(tag) + 4, doc_type=row.doc_type,
                    quality_json=row.quality_json, captured_at=now, captured_by="bench"))
                pairs = ((row.slot, sha, len(image)), (f"{row.slot}:thumb", thumb_sha, len(thumb)))
                for slot, digest, size in pairs:
                    session.merge(BlobRow(case_id=record.case_id, slot=f"{slot}:{row.page}", sha256=digest,
                                          size=size + len(tag) + 4, created_at=now))
        context.submissions.submit(record.case_id)


def bench_upload(root: Path, cases: int) -> list[tuple[str, str, str]]:
    template = template_case(root)
    district = start_district(root / "district")
    proxy = FaultProxy(district.port, bandwidth=BANDWIDTH, drop_every=DROP_EVERY or None, seed=11).start()
    counter = open_counter(root / "counter", proxy.url, config=SyncConfig())  # production tuning
    try:
        proxy.enabled = False
        counter.sync.sessions.credentials()  # register and sign in before the clock starts
        proxy.enabled = True
        make_cases(counter, template, cases)
        payload = counter.context.outbox.totals().bytes_left
        proxy.reset_stats()
        started = time.monotonic()
        status = counter.sync.run_until_idle(timeout=3600)
        elapsed = time.monotonic() - started
        assert status.waiting == 0 and status.attention == 0, status
        ideal = payload / BANDWIDTH
        stats = proxy.stats
        per_case = payload / cases
        sizer = counter.sync.worker.engine.sizer
        return [
            ("(a) cases / payload", f"{cases} cases, {payload:,} B ({per_case / 1024:.0f} KB each)", ""),
            ("(a) link", f"{BANDWIDTH * 8 // 1000} kbit/s, drop every ~{DROP_EVERY // 1024} KB",
             f"{stats.faults['link_drop']} drops, {stats.connections} connections"),
            ("(a) time / ideal", f"{elapsed:.1f} s / {ideal:.1f} s = {elapsed / ideal:.3f}", "target <= 1.2"),
            ("(a) bytes sent / payload", f"{stats.bytes_up:,} / {payload:,} = {stats.bytes_up / payload:.3f}",
             "target <= 1.1"),
            ("(a) requests", f"{stats.exchanges} exchanges",
             f"final chunk {sizer.next_size() // 1024} KB, learnt loss per fault {sizer._loss:.2f}"),
        ]
    finally:
        counter.close()
        proxy.stop()
        district.shutdown()


# --- (c) the change feed under 1,000 polling counters ---------------------------------------------------

async def sign_in_many(url: str, count: int) -> list[Credentials]:
    limits = httpx.Limits(max_connections=40)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        semaphore = asyncio.Semaphore(40)

        async def one(i: int) -> Credentials:
            async with semaphore:
                device = (await client.post("/v1/devices", json={
                    "registration_code": DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A], "township_code": DEMO_TOWNSHIP_A,
                    "counter_name": f"窗口{i}"})).json()
                session = (await client.post(
                    "/v1/sessions", headers={"X-Device-Token": device["device_token"]},
                    json={"username": "demo-clerk", "password": DEMO_PASSWORD})).json()
                return Credentials(device["device_token"], session["session_token"])

        return await asyncio.gather(*(one(i) for i in range(count)))


async def poll_load(url: str, counters: list[Credentials], interval: float, duration: float,
                    decisions: dict[str, float]) -> tuple[list[float], dict[str, list[float]], int]:
    """Every counter polls /v1/changes every `interval` s (random phase). Returns request latencies, and
    per decision cursor the delays after which each counter first saw it."""
    request_times: list[float] = []
    seen: dict[str, list[float]] = {}
    errors = 0
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        stop_at = time.monotonic() + duration

        async def counter_loop(auth: Credentials) -> None:
            nonlocal errors
            cursor = "0"
            await asyncio.sleep(random.uniform(0, interval))
            while time.monotonic() < stop_at:
                started = time.monotonic()
                try:
                    answer = await client.get(PATH_CHANGES, params={"after": cursor, "limit": "100"},
                                              headers=auth.headers())
                    answer.raise_for_status()
                    page = answer.json()
                except (httpx.HTTPError, ValueError):
                    errors += 1
                    await asyncio.sleep(interval)
                    continue
                now = time.monotonic()
                request_times.append(now - started)
                for change in page["changes"]:
                    made = decisions.get(change["cursor"])
                    if made is not None:
                        seen.setdefault(change["cursor"], []).append(now - made)
                cursor = page["next_cursor"]
                await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))

        await asyncio.gather(*(counter_loop(auth) for auth in counters))
    return request_times, seen, errors


def decide_in_background(url: str, reviewer: Credentials, case_ids: list[str], every: float,
                         decisions: dict[str, float], feed_auth: Credentials) -> None:
    """A reviewer moves one case a step every `every` s; the feed cursor of each decision is recorded with
    the moment it was made (read back from the feed by a separate client)."""
    import threading

    def run() -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            time.sleep(every)
            for case_id in case_ids:
                made = time.monotonic()
                answer = client.post(case_transitions_path(case_id), headers=reviewer.headers(),
                                     json={"target": "in_review"})
                answer.raise_for_status()
                page = client.get(PATH_CHANGES, params={"after": "0", "limit": "500"},
                                  headers=feed_auth.headers())
                for change in page.json()["changes"]:
                    if change["case_id"] == case_id and change["status"] == "in_review":
                        decisions[change["cursor"]] = made
                time.sleep(every)

    threading.Thread(target=run, daemon=True).start()


def bench_feed(root: Path, counters: int, interval: float, duration: float) -> list[tuple[str, str, str]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tests.integration.sync.server_child",
                               str(root / "feed"), str(port)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "listening"
        url = f"http://127.0.0.1:{port}"
        wait_listening(port)
        started = time.monotonic()
        auths = asyncio.run(sign_in_many(url, counters))
        signed_in = time.monotonic() - started
        submitter = open_counter(root / "feed-counter", url)
        case_ids = []
        for _ in range(8):
            record = submitter.context.cases.new_case(load_sample_application())
            submitter.context.cases.pre_review(record.case_id)
            submitter.repository.set_status(record.case_id, CaseStatus.ACCEPTED)
            submitter.context.submissions.submit(record.case_id)
            case_ids.append(record.case_id)
        submitter.sync.run_until_idle(60)
        submitter.close()
        client = DistrictClient(url)
        device = client.register_device(DeviceRegistration(registration_code=DEMO_DEVICE_CODES[None],
                                                           township_code=None, counter_name="审核室"))
        session = client.sign_in(device.device_token, "demo-reviewer", DEMO_PASSWORD)
        reviewer = Credentials(device.device_token, session.session_token)
        client.close()
        decisions: dict[str, float] = {}
        # Decisions end one and a half poll intervals before the run does, so every counter polls after each.
        every = max(0.5, (duration - 1.5 * interval) / (len(case_ids) + 1))
        decide_in_background(url, reviewer, case_ids, every, decisions, auths[0])
        times, seen, errors = asyncio.run(poll_load(url, auths, interval, duration, decisions))
        delays = [d for cursor in decisions for d in seen.get(cursor, [])]
        complete = [cursor for cursor in decisions if len(seen.get(cursor, [])) >= counters * 0.99]
        def pct(values: list[float], q: int) -> float:
            return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else float("nan")
        return [
            ("(c) counters polling", f"{counters} (every {interval:.0f} s, {duration:.0f} s run)",
             f"{len(times) / duration:.0f} polls/s, {errors} errors; sign-in of all took {signed_in:.0f} s"),
            ("(c) poll request latency",
             f"p50 {pct(times, 50) * 1000:.0f} ms, p95 {pct(times, 95) * 1000:.0f} ms, "
             f"p99 {pct(times, 99) * 1000:.0f} ms", "SQLite, one server process"),
            ("(c) decision -> seen by a counter",
             f"p50 {pct(delays, 50):.2f} s, p95 {pct(delays, 95):.2f} s, "
             f"max {max(delays, default=float('nan')):.2f} s",
             f"{len(complete)}/{len(decisions)} decisions seen by >=99% of counters"),
        ]
    finally:
        server.kill()
        server.wait(10)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int) -> None:
    import socket

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--counters", type=int, default=1000)
    parser.add_argument("--poll-interval", type=float, default=10.0)
    parser.add_argument("--duration", type=float, default=40.0)
    parser.add_argument("--skip-upload", action="store_true")
    parser.add_argument("--skip-feed", action="store_true")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        if not args.skip_upload:
            rows += bench_upload(root, args.cases)
        if not args.skip_feed:
            rows += bench_feed(root, args.counters, args.poll_interval, args.duration)
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"\n{'measure'.ljust(width)} | {'result'.ljust(value_width)} | note")
    print(f"{'-' * width}-+-{'-' * value_width}-+-{'-' * 30}")
    for name, value, note in rows:
        print(f"{name.ljust(width)} | {value.ljust(value_width)} | {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
