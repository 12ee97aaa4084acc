"""Tuning of the outbox: retry timing, chunk sizes, time-outs. Defaults suit a counter on a poor link;
tests pass short caps so fault runs stay quick."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncConfig:
    # Exponential backoff with full jitter: the n-th failure in a row waits uniform(0, min(cap, base*2**n)).
    backoff_base: float = 0.1  # seconds; the first retry after progress is near-immediate
    backoff_cap: float = 300.0  # a counter offline for hours retries every few minutes, not faster
    # Chunks: the size follows the link (see chunking.ChunkSizer); never below min, never above max.
    chunk_min: int = 8 * 1024
    chunk_initial: int = 64 * 1024
    chunk_max: int = 256 * 1024
    # Bytes one request costs beyond its body (headers both ways, a turn-around's worth of link time):
    # what the chunk sizer trades against the data a broken chunk loses.
    request_overhead: int = 2048
    poll_interval: float = 30.0  # seconds between change-feed polls when nothing else wakes the worker
    connect_timeout: float = 10.0
    io_timeout: float = 30.0  # a stalled link counts as broken after this long without a byte
    changes_page: int = 200
    hash_mismatch_limit: int = 3  # a blob the server keeps refusing needs a person, not endless retries
    progress_interval: float = 0.5  # seconds between progress writes to the store / listener calls
