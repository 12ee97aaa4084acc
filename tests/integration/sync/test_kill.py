"""(2) The outbox process is killed (SIGKILL) at random moments twenty times while it uploads; in the end
every case is on the server exactly once and every blob arrived whole (hash checked on download)."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import numpy as np
import pytest

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.status import CaseStatus
from counter_app.store.outbox import DELIVERED
from tests.integration.sync.file_keyring import FileKeyring
from tests.integration.sync.helpers import FAST, accepted_case, jpeg, open_counter, sha
from tests.integration.sync.server_view import download_and_verify, server_view
from tests.support.fault_proxy import FaultProxy

REPO = Path(__file__).resolve().parents[3]
CASES, KILLS = 10, 20
CHILD_CONFIG = dataclasses.replace(FAST, io_timeout=3.0, chunk_initial=32 * 1024)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


class Zygote:
    """The worker-process factory (tests/integration/sync/outbox_child.py)."""

    def __init__(self, data_dir: Path, keyring_file: Path) -> None:
        config = json.dumps(dataclasses.asdict(CHILD_CONFIG))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.sync.outbox_child", str(data_dir), str(keyring_file),
             config], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def fork(self) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("fork\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait(10)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_twenty_sigkills_during_upload_lose_and_duplicate_nothing(
        tmp_path: Path, district: EmbeddedDistrict, make_proxy: Callable[..., FaultProxy]) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(keyring_file))  # shared with the worker processes
    # Slow enough that twenty kills land in the middle of uploads even on an idle machine: at most ~10 s of
    # kills move ~1 MB, less than the payload (~1.6 MB), so the last run always has work left.
    proxy = make_proxy(bandwidth=100_000)
    data_dir = tmp_path / "counter"
    counter = open_counter(data_dir, proxy.url)
    rng = np.random.default_rng(2)
    expected: dict[str, set[str]] = {}
    for _ in range(CASES):
        images = [jpeg(rng, 320, 240, quality=92) for _ in range(3)]
        case_id = accepted_case(counter, images)
        counter.context.submissions.submit(case_id)
        expected[case_id] = {sha(i) for i in images}
    payload = counter.context.outbox.totals().bytes_left
    counter.close()

    zygote = Zygote(data_dir, keyring_file)
    try:
        chooser = random.Random(20)
        moved: list[int] = []
        for _ in range(KILLS):
            before = proxy.stats.bytes_up
            pid = zygote.fork()
            time.sleep(chooser.uniform(0.2, 0.8))
            os.kill(pid, signal.SIGKILL)
            assert wait_gone(pid, 5)
            moved.append(proxy.stats.bytes_up - before)
        # The kills really fell in the middle of the work: data was moving in most runs (a run on a
        # loaded machine may die before its first byte), and work was left after the last one.
        assert sum(1 for m in moved if m > 0) >= KILLS * 2 // 3, moved
        assert sum(moved) < payload, (sum(moved), payload)

        pid = zygote.fork()  # one run left alone to finish
        assert wait_gone(pid, 90), "the last worker did not finish"
    finally:
        zygote.close()

    # Each run resumed where the server stood: the link carried little more than the payload once.
    assert proxy.stats.bytes_up < payload * 1.3, (proxy.stats.bytes_up, payload)
    again = open_counter(data_dir, proxy.url)
    summaries = again.context.outbox.summaries(expected)
    assert {s.state for s in summaries.values()} == {DELIVERED}, {s.state for s in summaries.values()}
    for case_id in expected:
        assert again.repository.get(case_id).status is CaseStatus.SUBMITTED  # type: ignore[union-attr]

    view = server_view(district.settings)
    assert {cid: view.versions[cid] for cid in expected} == dict.fromkeys(expected, 1)
    assert {cid: view.submitted_changes[cid] for cid in expected} == dict.fromkeys(expected, 1)
    every_blob = set().union(*(view.case_blobs[cid] for cid in expected))
    assert set().union(*expected.values()) <= every_blob <= view.complete_blobs
    download_and_verify(district.base_url, again.sync.sessions.credentials(), every_blob)
    again.close()
    print(f"\n{KILLS} kills; bytes moved per run {moved}; payload {payload}; proxy up {proxy.stats.bytes_up}")
