"""A real district service over HTTP and a counter in production mode, signed in as a clerk of 仁和镇,
with cases: one delivered, two still waiting in the outbox, each with real JPEG images."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from counter_app.config import Mode
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from tests.integration.sync.helpers import FAST, Counter, accepted_case, jpeg, open_counter, start_district

# Quick retries, but time-outs that survive a busy 2-core machine: these tests are about data, not links.
PATIENT = dataclasses.replace(FAST, io_timeout=30.0, connect_timeout=10.0)


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


@dataclass
class OldCounter:
    counter: Counter
    delivered: str
    waiting: list[str]
    images: dict[str, list[bytes]]


def build_old_counter(district_url: str, folder: Path) -> OldCounter:
    counter = open_counter(folder, district_url, mode=Mode.PRODUCTION, config=PATIENT)
    counter.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    counter.sync.sign_in("demo-clerk", DEMO_PASSWORD)
    rng = np.random.default_rng(8)
    images: dict[str, list[bytes]] = {}
    delivered_images = [jpeg(rng, 320, 240)]
    delivered = accepted_case(counter, delivered_images)
    images[delivered] = delivered_images
    counter.context.submissions.submit(delivered)
    assert counter.sync.run_until_idle(timeout=20).waiting == 0
    waiting = []
    for _ in range(2):  # submitted while the link is down: still in the outbox when the PC dies
        pictures = [jpeg(rng, 640, 480), jpeg(rng, 400, 300)]
        case_id = accepted_case(counter, pictures)
        counter.context.submissions.submit(case_id)
        images[case_id] = pictures
        waiting.append(case_id)
    return OldCounter(counter, delivered, waiting, images)


@pytest.fixture
def old_counter(district: EmbeddedDistrict, tmp_path: Path) -> Iterator[OldCounter]:
    old = build_old_counter(district.base_url, tmp_path / "old-pc")
    try:
        yield old
    finally:
        old.counter.close()
