"""(1) Fifty cases with images reach the district exactly once through a link where 30 % of exchanges
break (connection dropped or reset mid-request, answer lost or cut short, link stalled)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import numpy as np

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.status import CaseStatus
from counter_app.store.outbox import DELIVERED
from tests.integration.sync.helpers import FAST, Counter, accepted_case, jpeg, sha
from tests.integration.sync.server_view import download_and_verify, server_view
from tests.support.fault_proxy import FaultProxy

CASES = 50
# Stalls cost a client time-out each, so they are one fault in ten; the other kinds share the rest.
KINDS = ("drop", "reset", "truncate") * 3 + ("stall",)
CONFIG = dataclasses.replace(FAST, io_timeout=0.5, chunk_min=16 * 1024)


def test_fifty_cases_sync_exactly_once_under_thirty_percent_faults(
        district: EmbeddedDistrict, make_proxy: Callable[..., FaultProxy],
        make_counter: Callable[..., Counter]) -> None:
    proxy = make_proxy(fault_rate=0.3, kinds=KINDS, max_fault_offset=12 * 1024, stall_seconds=1.0, seed=7)
    counter = make_counter(proxy.url, config=CONFIG)
    rng = np.random.default_rng(50)
    proxy.enabled = False  # registration and sign-in are not what this test is about
    counter.sync.sessions.credentials()
    proxy.enabled = True

    expected: dict[str, set[str]] = {}
    for _ in range(CASES):
        images = [jpeg(rng, 160, 120), jpeg(rng, 200, 140)]
        case_id = accepted_case(counter, images)
        counter.context.submissions.submit(case_id)
        expected[case_id] = {sha(image) for image in images}

    started = time.monotonic()
    status = counter.sync.run_until_idle(timeout=90)
    elapsed = time.monotonic() - started

    assert status.waiting == 0 and status.attention == 0, (status, proxy.stats)
    assert proxy.stats.fault_count >= 60, proxy.stats  # the link really was bad
    assert len(proxy.stats.faults) == 4, proxy.stats.faults  # every kind of fault happened
    states = counter.sync.case_states(expected)
    assert {s.state for s in states.values()} == {"submitted"}
    assert all(item.state == DELIVERED for item in counter.context.outbox.summaries(expected).values())
    for case_id in expected:
        assert counter.context.cases.open_case(case_id).status is CaseStatus.SUBMITTED

    view = server_view(district.settings)
    assert {cid: view.versions[cid] for cid in expected} == dict.fromkeys(expected, 1)
    assert {cid: view.submitted_changes[cid] for cid in expected} == dict.fromkeys(expected, 1)
    every_blob = set().union(*(view.case_blobs[cid] for cid in expected))
    assert set().union(*expected.values()) <= every_blob
    assert every_blob <= view.complete_blobs
    proxy.enabled = False
    download_and_verify(district.base_url, counter.sync.sessions.credentials(), every_blob)
    print(f"\n50 cases, {proxy.stats.fault_count} faults {dict(proxy.stats.faults)}, {elapsed:.1f} s")
