"""The worker thread: woken by a submission, reports offline, calls listeners on its own thread, survives
a broken listener, and stops promptly even in the middle of a long backoff."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Callable

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.sync.status import SyncStatus
from tests.integration.sync.helpers import FAST, Counter, accepted_case


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_offline_worker_reports_it_and_stops_at_once(make_counter: Callable[..., Counter]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: connections are refused
    counter = make_counter(f"http://127.0.0.1:{port}",
                           config=dataclasses.replace(FAST, backoff_base=20.0, backoff_cap=60.0))
    seen: list[tuple[str, bool | None]] = []

    def record(status: SyncStatus) -> None:
        seen.append((threading.current_thread().name, status.online))

    counter.sync.add_listener(lambda _status: 1 / 0)  # a broken listener must not stop the outbox
    counter.sync.add_listener(record)
    counter.context.submissions.submit(accepted_case(counter, []))
    counter.sync.start()

    wait_for(lambda: counter.sync.status().online is False, 10)
    status = counter.sync.status()
    assert status.problem_code == "sync.offline" and status.waiting == 1
    assert status.next_attempt_at is not None or status.busy
    assert "无法连接区级审核服务" in (status.problem_zh or "")
    wait_for(lambda: counter.sync.status().next_attempt_at is not None, 5)  # now in a long backoff
    started = time.monotonic()
    assert counter.sync.close()
    assert time.monotonic() - started < 2.0
    # Told on the thread where the status changed: the worker's, or the submitting one (the test's).
    assert {name for name, _ in seen} == {"outbox-worker", "MainThread"} and ("outbox-worker", False) in seen


def test_a_submission_wakes_the_sleeping_worker(district: EmbeddedDistrict,
                                                make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url, config=dataclasses.replace(FAST, poll_interval=60.0))
    counter.sync.start()
    wait_for(lambda: counter.sync.status().last_sync_at is not None, 10)  # first pass done: now asleep
    case_id = accepted_case(counter, [])
    counter.context.submissions.submit(case_id)
    wait_for(lambda: counter.sync.status().waiting == 0, 10)
    state = counter.sync.case_state(case_id)
    assert state is not None and state.state == "submitted"
