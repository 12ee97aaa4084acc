"""Fixtures of the sync integration tests: a real district service over HTTP (embedded in-process with
the demo seed and cheap argon2), counters on their own data folders, and a fault proxy between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_app.config import Mode
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_TOWNSHIP_A
from counter_app.sync.config import SyncConfig
from tests.integration.sync.helpers import FAST, Counter, open_counter, start_district
from tests.support.fault_proxy import FaultProxy


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


@pytest.fixture
def make_proxy(district: EmbeddedDistrict) -> Iterator[Callable[..., FaultProxy]]:
    proxies: list[FaultProxy] = []

    def make(**options: Any) -> FaultProxy:
        proxy = FaultProxy(district.port, **options).start()
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.stop()


@pytest.fixture
def make_counter(tmp_path: Path) -> Iterator[Callable[..., Counter]]:
    counters: list[Counter] = []

    def make(url: str, *, name: str = "counter", township: str = DEMO_TOWNSHIP_A,
             config: SyncConfig = FAST, mode: Mode = Mode.DEMO) -> Counter:
        counter = open_counter(tmp_path / name, url, township=township, config=config, mode=mode)
        counters.append(counter)
        return counter

    yield make
    for counter in counters:
        counter.close()
