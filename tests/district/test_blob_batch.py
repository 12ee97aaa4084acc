"""POST /v1/blobs/batch over real HTTP, on SQLite and PostgreSQL: per-blob verification and answers,
stored once, replays, limits, who may call it."""

from __future__ import annotations

import socket

import httpx
import pytest

from counter_app.district.runtime import DistrictRuntime
from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import (
    BATCH_CONTENT_TYPE,
    PATH_BLOB_BATCH,
    BatchFormatError,
    BlobBatchResult,
    decode_batch,
    encode_batch,
)
from tests.district.conftest import MAX_BLOB
from tests.district.helpers import Api, Auth, assert_problem, blob_bytes, sha, submission


def post_batch(client: httpx.Client, auth: Auth | None, body: bytes) -> httpx.Response:
    headers = {"Content-Type": BATCH_CONTENT_TYPE, **(auth.headers if auth else {})}
    return client.post(PATH_BLOB_BATCH, content=body, headers=headers)


def results(response: httpx.Response) -> BlobBatchResult:
    assert response.status_code == 200, response.text
    return BlobBatchResult.model_validate_json(response.content)


def object_files(runtime: DistrictRuntime) -> list[str]:
    root = runtime.settings.blob_dir / "objects"
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_batch_stores_each_blob_verified_and_answers_in_order(
        client: httpx.Client, api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    blobs = [blob_bytes(size, seed) for seed, size in enumerate((1, 40_000, 120_000, 7), start=300)]
    answer = results(post_batch(client, clerk_a, encode_batch([(sha(b), b) for b in blobs])))
    assert [(r.sha256, r.complete, r.offset, r.size, r.code) for r in answer.results] == [
        (sha(b), True, len(b), len(b), None) for b in blobs]
    for data in blobs:
        assert runtime.blobs.read(sha(data)) == data
        status = api.head(clerk_a, sha(data))
        assert (status.offset, status.complete) == (len(data), True)
    # A case referring to them finds nothing missing.
    sub = submission(blobs=blobs[:2], thumbs=blobs[2:])
    response = api.submit(clerk_a, sub)
    assert response.status_code == 201, response.text
    assert response.json()["missing_blobs"] == []


def test_bad_hash_in_the_middle_refuses_only_that_blob(
        client: httpx.Client, api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    first, middle, last = (blob_bytes(20_000, seed) for seed in (310, 311, 312))
    damaged = bytearray(middle)
    damaged[5_000] ^= 0xFF  # one bit flipped in transit
    body = encode_batch([(sha(first), first), (sha(middle), bytes(damaged)), (sha(last), last)])
    answer = results(post_batch(client, clerk_a, body))
    assert [(r.complete, r.code) for r in answer.results] == [
        (True, None), (False, p.ProblemCode.BLOB_HASH_MISMATCH), (True, None)]
    refused = answer.results[1]
    assert refused.offset == 0 and refused.size is None
    assert refused.message_zh and any("\u4e00" <= ch <= "\u9fff" for ch in refused.message_zh)
    assert api.head(clerk_a, sha(middle)).offset == 0
    assert sha(bytes(damaged)) not in {f"{d}{n}" for d, n in _split_names(runtime)}  # not stored at all
    assert len(object_files(runtime)) == 2
    # The refused blob then goes by the ordinary PUT and is stored.
    assert api.upload(clerk_a, middle).complete
    assert runtime.blobs.read(sha(middle)) == middle


def _split_names(runtime: DistrictRuntime) -> list[tuple[str, str]]:
    root = runtime.settings.blob_dir / "objects"
    return [(path.parent.name, path.name) for path in root.rglob("*") if path.is_file()]


def test_replay_and_duplicates_store_once(client: httpx.Client, api: Api, clerk_a: Auth,
                                          runtime: DistrictRuntime) -> None:
    a, b = blob_bytes(30_000, 320), blob_bytes(10_000, 321)
    body = encode_batch([(sha(a), a), (sha(b), b), (sha(a), a)])  # the same blob twice in one batch
    first = results(post_batch(client, clerk_a, body))
    assert [r.complete for r in first.results] == [True, True, True]
    files = {path: path.stat().st_mtime_ns for path in (runtime.settings.blob_dir / "objects").rglob("*")
             if path.is_file()}
    assert len(files) == 2
    again = results(post_batch(client, clerk_a, body))  # the answer was lost: the counter sends it again
    assert [(r.sha256, r.complete, r.size) for r in again.results] == [
        (r.sha256, r.complete, r.size) for r in first.results]
    assert {path: path.stat().st_mtime_ns for path in files} == files  # not written again
    with runtime.db.read() as session:
        from counter_app.district.tables import BlobRow
        rows = session.query(BlobRow).filter(BlobRow.sha256.in_([sha(a), sha(b)])).all()
    assert sorted((r.total, r.received, r.complete) for r in rows) == [(10_000, 10_000, True),
                                                                       (30_000, 30_000, True)]


def test_batch_completes_an_upload_in_progress(client: httpx.Client, api: Api, clerk_a: Auth,
                                               runtime: DistrictRuntime) -> None:
    data = blob_bytes(60_000, 330)
    other = blob_bytes(5_000, 331)
    assert api.put_chunk(clerk_a, sha(data), data[:25_000], 0, len(data)).status_code == 200
    assert list((runtime.settings.blob_dir / "partial").iterdir())
    answer = results(post_batch(client, clerk_a, encode_batch([(sha(data), data), (sha(other), other)])))
    assert [r.complete for r in answer.results] == [True, True]
    assert api.head(clerk_a, sha(data)).complete
    assert not list((runtime.settings.blob_dir / "partial").iterdir())  # the older partial file is gone
    assert runtime.blobs.read(sha(data)) == data


def test_oversized_batch_is_413_before_the_body_is_read(
        client: httpx.Client, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    runtime.blobs.batch_max_bytes = 50_000
    data = blob_bytes(60_000, 340)
    body = assert_problem(post_batch(client, clerk_a, encode_batch([(sha(data), data)])), 413,
                          p.ProblemCode.BLOB_TOO_LARGE)
    assert body["limit"] == 50_000
    assert object_files(runtime) == []


def test_a_blob_over_the_per_blob_limit_is_413(client: httpx.Client, clerk_a: Auth,
                                               runtime: DistrictRuntime) -> None:
    big, small = blob_bytes(MAX_BLOB + 1, 341), blob_bytes(100, 342)
    body = assert_problem(post_batch(client, clerk_a, encode_batch([(sha(small), small), (sha(big), big)])),
                          413, p.ProblemCode.BLOB_TOO_LARGE)
    assert body["limit"] == MAX_BLOB
    assert object_files(runtime) == []  # nothing of a refused batch is stored


@pytest.mark.parametrize("body", [b"", b"not a frame\n", b"a" * 64 + b" 10\nshort",
                                  b"b" * 64 + b" -1\n"])
def test_malformed_batch_is_400_and_stores_nothing(client: httpx.Client, clerk_a: Auth,
                                                   runtime: DistrictRuntime, body: bytes) -> None:
    assert_problem(post_batch(client, clerk_a, body), 400, p.ProblemCode.BLOB_BAD_RANGE)
    assert object_files(runtime) == []


def test_body_cut_short_stores_nothing(client: httpx.Client, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    data = blob_bytes(50_000, 350)
    body = encode_batch([(sha(data), data)])
    host, port = client.base_url.host, client.base_url.port
    assert port is not None
    head = (f"POST {PATH_BLOB_BATCH} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {BATCH_CONTENT_TYPE}\r\n"
            f"Content-Length: {len(body)}\r\n"
            + "".join(f"{k}: {v}\r\n" for k, v in clerk_a.headers.items()) + "\r\n").encode()
    with socket.create_connection((host, port)) as sock:
        sock.sendall(head + body[:20_000])
        sock.shutdown(socket.SHUT_WR)  # the link drops mid-body
        sock.settimeout(10)
        while sock.recv(4096):
            pass
    assert object_files(runtime) == []
    status = client.head(p.blob_path(sha(data)), headers=clerk_a.headers)
    assert status.headers[p.HEADER_UPLOAD_OFFSET] == "0"


def test_who_may_send_a_batch(client: httpx.Client, clerk_a: Auth, clerk_b: Auth, reviewer: Auth,
                              admin: Auth, runtime: DistrictRuntime, api: Api) -> None:
    data = blob_bytes(3_000, 360)
    body = encode_batch([(sha(data), data)])
    assert_problem(post_batch(client, None, body), 401, p.ProblemCode.AUTH_MISSING_CREDENTIALS)
    assert_problem(post_batch(client, reviewer, body), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(post_batch(client, admin, body), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert object_files(runtime) == []
    # Township A's clerk stores a blob for a case of A; township B's clerk sending the same bytes does
    # not make the blob, or A's case, readable to B.
    assert results(post_batch(client, clerk_a, body)).results[0].complete
    assert api.submit(clerk_a, submission(blobs=[data])).status_code == 201
    assert results(post_batch(client, clerk_b, body)).results[0].complete
    assert client.get(p.blob_path(sha(data)), headers=clerk_b.headers).status_code == 404
    assert client.get(p.blob_path(sha(data)), headers=clerk_a.headers).content == data


def test_decode_rejects_bad_frames() -> None:
    good = encode_batch([("a" * 64, b"xy")])
    assert decode_batch(good) == [("a" * 64, b"xy")]
    for bad in (good[:-1], good + b"junk", b"A" * 64 + b" 2\nxy", good * 3):
        with pytest.raises(BatchFormatError):
            decode_batch(bad, max_items=2)
    with pytest.raises(BatchFormatError) as caught:
        decode_batch(good, max_blob=1)
    assert caught.value.too_large


def test_a_batch_just_under_the_body_limit_is_stored(client: httpx.Client, clerk_a: Auth,
                                                     runtime: DistrictRuntime) -> None:
    blobs = [blob_bytes(MAX_BLOB, seed) for seed in range(370, 385)]  # 15 × 256 KB: 3.75 MB of 4 MB
    body = encode_batch([(sha(b), b) for b in blobs])
    assert runtime.blobs.batch_max_bytes - 300_000 < len(body) <= runtime.blobs.batch_max_bytes
    assert all(r.complete for r in results(post_batch(client, clerk_a, body)).results)
    assert len(object_files(runtime)) == len(blobs)
