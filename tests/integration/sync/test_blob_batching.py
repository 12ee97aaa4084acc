"""The outbox sends small blobs in batches (POST /v1/blobs/batch) and still delivers every blob exactly
once, verified: thumbnails before the case data, full images after; a blob the batch did not store, a
batch whose answer was lost, and a district without the batch route all end on the resumable path."""

from __future__ import annotations

import os
from collections import Counter as Tally
from collections.abc import Callable
from typing import Any

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.store.outbox import OutboxBlob
from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import BatchItemResult, batch_groups
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.errors import LinkBroken, ProblemResponse
from tests.integration.sync.helpers import Counter, accepted_case, sha
from tests.integration.sync.server_view import server_view


class Spy:
    """Counts the blob requests the engine makes (and lets a test change what one batch does)."""

    def __init__(self, client: DistrictClient) -> None:
        self.calls: list[tuple[str, list[str]]] = []
        self.client = client
        self.batch_hook: Callable[[Credentials, list[tuple[str, bytes]]], list[BatchItemResult]] | None = None
        self._batch, self._chunk, self._head = client.put_blob_batch, client.put_chunk, client.head_blob
        client.put_blob_batch = self.put_blob_batch  # type: ignore[method-assign]
        client.put_chunk = self.put_chunk  # type: ignore[method-assign]
        client.head_blob = self.head_blob  # type: ignore[method-assign]

    def put_blob_batch(self, auth: Credentials, blobs: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        self.calls.append(("batch", [digest for digest, _data in blobs]))
        if self.batch_hook is not None:
            return self.batch_hook(auth, blobs)
        return self._batch(auth, blobs)

    def put_chunk(self, auth: Credentials, sha256: str, start: int, chunk: bytes, total: int) -> Any:
        self.calls.append(("chunk", [sha256]))
        return self._chunk(auth, sha256, start, chunk, total)

    def head_blob(self, auth: Credentials, sha256: str) -> p.BlobStatus:
        self.calls.append(("head", [sha256]))
        return self._head(auth, sha256)

    def kinds(self) -> Tally[str]:
        return Tally(kind for kind, _ in self.calls)


def cases(counter: Counter, count: int, size: int = 20_000) -> dict[str, list[bytes]]:
    made = {}
    for _ in range(count):
        images = [os.urandom(size), os.urandom(size)]
        case_id = accepted_case(counter, images)
        counter.context.submissions.submit(case_id)
        made[case_id] = images
    return made


def assert_delivered_once(district: EmbeddedDistrict, made: dict[str, list[bytes]]) -> None:
    view = server_view(district.settings)
    for case_id, images in made.items():
        assert view.versions[case_id] == 1 and view.submitted_changes[case_id] == 1
        assert {sha(image) for image in images} <= view.complete_blobs
        assert len(view.case_blobs[case_id]) == 4  # two images and their thumbnails
        assert view.case_blobs[case_id] <= view.complete_blobs
    runtime_blobs = district.settings.blob_dir / "objects"
    for images in made.values():
        for image in images:
            digest = sha(image)
            assert (runtime_blobs / digest[:2] / digest[2:]).is_file()


def test_small_blobs_go_in_batches_thumbnails_first(district: EmbeddedDistrict,
                                                     make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    spy = Spy(counter.sync.client)
    made = cases(counter, 3)
    original_put_case = counter.sync.client.put_case

    def put_case(auth: Credentials, case_id: str, version: int, body: bytes) -> Any:
        spy.calls.append(("case", [case_id]))
        return original_put_case(auth, case_id, version, body)

    counter.sync.client.put_case = put_case  # type: ignore[method-assign]

    status = counter.sync.run_until_idle(timeout=30)

    assert status.waiting == 0 and status.attention == 0
    assert spy.kinds() == Tally({"batch": 6, "case": 3})  # no HEAD, no chunk: 3 requests a case
    # Per case: its two thumbnails in one batch before its case data; all full images after every case.
    order = [kind for kind, _ in spy.calls]
    assert order[:6] == ["batch", "case"] * 3 and order[6:] == ["batch"] * 3
    batches = [set(hashes) for kind, hashes in spy.calls[6:]]
    for images in made.values():
        assert {sha(image) for image in images} in batches  # a case's full images: one batch
    assert_delivered_once(district, made)


def test_a_blob_refused_in_a_batch_goes_on_by_the_resumable_path(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    spy = Spy(counter.sync.client)
    made = cases(counter, 1)
    damaged: list[str] = []

    def corrupt_second(auth: Credentials, blobs: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        if not damaged and len(blobs) > 1:  # one bit flipped on the way, in the second blob
            digest, data = blobs[1]
            damaged.append(digest)
            blobs = [blobs[0], (digest, bytes([data[0] ^ 1]) + data[1:]), *blobs[2:]]
        return spy._batch(auth, blobs)

    spy.batch_hook = corrupt_second
    assert counter.sync.run_until_idle(timeout=30).waiting == 0
    assert damaged
    # The damaged blob alone: HEAD (the server holds nothing), then one whole PUT.
    singles = [(kind, hashes) for kind, hashes in spy.calls if kind != "batch"]
    assert singles == [("head", damaged), ("chunk", damaged)]
    assert_delivered_once(district, made)


def test_a_batch_whose_answer_was_lost_is_not_sent_again(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    spy = Spy(counter.sync.client)
    made = cases(counter, 1)
    lost: list[list[str]] = []

    def answer_lost(auth: Credentials, blobs: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        results = spy._batch(auth, blobs)  # stored on the server ...
        if not lost:
            lost.append([digest for digest, _ in blobs])
            raise LinkBroken("answer cut off")  # ... but the counter never hears so
        return results

    spy.batch_hook = answer_lost
    assert counter.sync.run_until_idle(timeout=30).waiting == 0
    # The next pass asks the server (HEAD) about each blob of the lost batch and sends none again.
    after = spy.calls[spy.calls.index(("batch", lost[0])) + 1:]
    assert [("head", [digest]) for digest in lost[0]] == [c for c in after if c[1][0] in lost[0]]
    assert not [c for c in after if c[0] != "head" and set(c[1]) & set(lost[0])]
    assert_delivered_once(district, made)


def test_a_district_without_the_batch_route_gets_single_uploads(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    spy = Spy(counter.sync.client)
    made = cases(counter, 2)

    def old_server(auth: Credentials, blobs: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        raise ProblemResponse(405, p.Problem(type=p.problem_type(p.ProblemCode.HTTP_ERROR),
                                             title="Method Not Allowed", status=405,
                                             code=p.ProblemCode.HTTP_ERROR, message_zh="区级服务返回错误 405",
                                             message_en="HTTP error 405"))

    spy.batch_hook = old_server
    assert counter.sync.run_until_idle(timeout=30).waiting == 0
    kinds = spy.kinds()
    assert kinds["batch"] == 1  # asked once, then never again
    assert kinds["chunk"] == 8  # every blob by its own PUT
    assert_delivered_once(district, made)


def test_batch_groups_follow_the_budget_and_skip_what_resumes() -> None:
    def blob(name: str, size: int, confirmed: int = 0, complete: bool = False) -> OutboxBlob:
        return OutboxBlob(name * 64, "full", 0, size, confirmed, complete)

    blobs = [blob("a", 30), blob("b", 30), blob("c", 50), blob("d", 10, confirmed=5), blob("e", 200),
             blob("f", 20), blob("g", 20, complete=True), blob("h", 20), blob("i", 20)]
    groups = batch_groups(blobs, budget=100, sent={"i" * 64})
    assert [[b.sha256[0] for b in group] for group in groups] == [["a", "b"], ["c", "f", "h"]]
    assert batch_groups(blobs[:1] + blobs[4:5], budget=100, sent=set()) == []  # one fits: no batch
