"""Retry timing (exponential backoff, full jitter, Retry-After) and the adaptive chunk size."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from counter_app.sync.backoff import Backoff
from counter_app.sync.chunking import ChunkSizer
from counter_app.sync.client import parse_retry_after


def test_full_jitter_stays_in_a_window_that_doubles_up_to_the_cap() -> None:
    backoff = Backoff(base=0.5, cap=8.0, rng=random.Random(1))
    windows = []
    for _ in range(8):
        windows.append(backoff.window())
        assert 0.0 <= backoff.failed() <= windows[-1]
    assert windows == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    backoff.progressed()
    assert backoff.window() == 0.5


def test_jitter_is_spread_over_the_whole_window() -> None:
    rng = random.Random(2)
    delays = []
    for _ in range(4000):
        backoff = Backoff(base=1.0, cap=60.0, rng=rng, failures=4)  # window 16 s
        delays.append(backoff.failed())
    mean = sum(delays) / len(delays)
    assert 7.2 < mean < 8.8  # uniform(0, 16) has mean 8
    assert min(delays) < 1.0 and max(delays) > 15.0


def test_retry_after_is_a_floor_with_jitter_on_top() -> None:
    backoff = Backoff(base=0.1, cap=5.0, rng=random.Random(3))
    delays = [backoff.failed(retry_after=30.0) for _ in range(50)]
    assert all(30.0 <= d <= 35.0 for d in delays)


def test_retry_after_header_as_seconds_or_http_date() -> None:
    assert parse_retry_after("120") == 120.0
    when = datetime.now(UTC) + timedelta(seconds=90)
    assert 85 <= (parse_retry_after(format_datetime(when, usegmt=True)) or 0) <= 91
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def run_link(sizer: ChunkSizer, every: int, *, server_keeps: bool, faults: int = 30) -> None:
    """A link that breaks after `every` bytes, in the middle of a chunk; the server keeps what arrived of
    the cut-off chunk, or nothing of it."""
    for _ in range(faults):
        sent = 0
        while sent + sizer.next_size() <= every:
            size = sizer.next_size()
            sizer.delivered(size)
            sent += size
        attempted = sizer.next_size()
        sizer.fault()
        sizer.kept(attempted, (every - sent) if server_keeps else 0)


def test_chunks_grow_on_a_good_link_and_shrink_towards_the_optimum_on_a_bad_one() -> None:
    sizer = ChunkSizer(minimum=8 * 1024, maximum=256 * 1024, overhead=2048, initial=64 * 1024)
    assert sizer.next_size() == 64 * 1024
    for _ in range(400):  # 100 MB without a fault
        sizer.delivered(256 * 1024)
    assert sizer.next_size() == 256 * 1024

    every = 200 * 1024  # a link that drops every ~200 KB, a server that drops cut-off chunks
    run_link(sizer, every, server_keeps=False)
    optimum = math.sqrt(2 * every * 2048 / 0.5)  # ~40 KB: half a chunk lost per fault vs overhead
    assert 0.75 * optimum <= sizer.next_size() <= 1.25 * optimum

    for _ in range(40):
        sizer.fault()  # nothing gets through at all
        sizer.kept(sizer.next_size(), 0)
    assert sizer.next_size() == 8 * 1024


def test_a_server_that_keeps_partial_chunks_earns_larger_chunks() -> None:
    keeps = ChunkSizer(minimum=8 * 1024, maximum=256 * 1024, overhead=2048, initial=64 * 1024)
    drops = ChunkSizer(minimum=8 * 1024, maximum=256 * 1024, overhead=2048, initial=64 * 1024)
    run_link(keeps, 200 * 1024, server_keeps=True)
    run_link(drops, 200 * 1024, server_keeps=False)
    assert keeps.next_size() >= 2.5 * drops.next_size()
