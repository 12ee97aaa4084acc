"""Content-addressed, resumable blob uploads (protocol.md "Blobs") over real HTTP."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx

from counter_app.district.runtime import DistrictRuntime
from counter_app.sync import protocol as p
from tests.district.conftest import MAX_BLOB
from tests.district.helpers import Api, Auth, assert_problem, blob_bytes, sha, submission


def test_unknown_blob_reports_offset_zero(api: Api, clerk_a: Auth) -> None:
    status = api.head(clerk_a, sha(b"never sent"))
    assert (status.offset, status.complete) == (0, False)


def test_chunked_upload_with_head_between_chunks(api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    data = blob_bytes(100_000, 7)
    digest = sha(data)
    first = api.put_chunk(clerk_a, digest, data[:30_000], 0, len(data))
    assert first.status_code == 200
    assert first.json() == {"sha256": digest, "complete": False, "offset": 30_000, "size": None}
    assert api.head(clerk_a, digest).offset == 30_000
    second = api.put_chunk(clerk_a, digest, data[30_000:], 30_000, len(data))
    assert second.json() == {"sha256": digest, "complete": True, "offset": 100_000, "size": 100_000}
    status = api.head(clerk_a, digest)
    assert (status.offset, status.complete) == (100_000, True)
    assert runtime.blobs.read(digest) == data  # verified bytes come back
    assert not list((runtime.settings.blob_dir / "partial").iterdir())  # the partial file is gone


def test_offset_mismatch_is_409_with_the_servers_offset(api: Api, clerk_a: Auth) -> None:
    data = blob_bytes(50_000, 8)
    digest = sha(data)
    api.put_chunk(clerk_a, digest, data[:20_000], 0, len(data))
    ahead = api.put_chunk(clerk_a, digest, data[25_000:], 25_000, len(data))
    body = assert_problem(ahead, 409, p.ProblemCode.BLOB_OFFSET_MISMATCH)
    assert body["upload_offset"] == 20_000
    replayed = api.put_chunk(clerk_a, digest, data[:20_000], 0, len(data))  # a retry of chunk 1
    assert assert_problem(replayed, 409, p.ProblemCode.BLOB_OFFSET_MISMATCH)["upload_offset"] == 20_000
    assert api.put_chunk(clerk_a, digest, data[20_000:], 20_000, len(data)).json()["complete"] is True


def test_wrong_hash_is_422_and_the_partial_upload_is_discarded(api: Api, clerk_a: Auth,
                                                               runtime: DistrictRuntime) -> None:
    data = blob_bytes(40_000, 9)
    claimed = sha(b"something else entirely")
    assert api.put_chunk(clerk_a, claimed, data[:10_000], 0, len(data)).status_code == 200
    last = api.put_chunk(clerk_a, claimed, data[10_000:], 10_000, len(data))
    body = assert_problem(last, 422, p.ProblemCode.BLOB_HASH_MISMATCH)
    assert body["upload_offset"] == 0
    assert api.head(clerk_a, claimed).offset == 0
    assert not list((runtime.settings.blob_dir / "partial").iterdir())
    assert not runtime.blobs.objects.exists(claimed)


def test_too_large_is_413_before_any_byte_is_stored(api: Api, clerk_a: Auth) -> None:
    total = MAX_BLOB + 1
    response = api.put_chunk(clerk_a, sha(b"x"), b"x" * 1000, 0, total)
    body = assert_problem(response, 413, p.ProblemCode.BLOB_TOO_LARGE)
    assert body["limit"] == MAX_BLOB
    assert "256 KB" in body["message_zh"]
    assert api.head(clerk_a, sha(b"x")).offset == 0


def test_resending_a_complete_blob_is_harmless_and_stored_once(api: Api, clerk_a: Auth, clerk_b: Auth,
                                                               runtime: DistrictRuntime) -> None:
    data = blob_bytes(20_000, 10)
    api.upload(clerk_a, data)
    again = api.put_chunk(clerk_a, sha(data), data, 0, len(data))
    assert again.status_code == 200 and again.json()["complete"] is True
    api.upload(clerk_b, data)  # another township's identical file dedupes
    files = [f for f in (runtime.settings.blob_dir / "objects").rglob("*") if f.is_file()]
    assert len(files) == 1


def test_bad_ranges_and_hashes_are_400(api: Api, clerk_a: Auth, client: httpx.Client) -> None:
    data = b"abc"
    digest = sha(data)
    for header in (None, "bytes 0-5/3", "bytes 2-1/3", "items 0-2/3", "bytes 0-2"):
        headers = {**clerk_a.headers}
        if header:
            headers[p.HEADER_CONTENT_RANGE] = header
        assert_problem(client.put(p.blob_path(digest), content=data, headers=headers), 400,
                       p.ProblemCode.BLOB_BAD_RANGE)
    too_long = api.put_chunk(clerk_a, digest, b"abcd", 0, 3)  # body longer than announced
    assert too_long.status_code == 400
    assert client.head(p.blob_path("nothex"), headers=clerk_a.headers).status_code == 400  # HEAD: no body
    bad = client.put(p.blob_path("z" * 64), content=data,
                     headers={**clerk_a.headers, p.HEADER_CONTENT_RANGE: "bytes 0-2/3"})
    assert_problem(bad, 400, p.ProblemCode.BLOB_INVALID_HASH)


def test_upper_case_hash_is_the_same_blob(api: Api, clerk_a: Auth) -> None:
    data = blob_bytes(1000, 11)
    response = api.put_chunk(clerk_a, sha(data).upper(), data, 0, len(data))
    assert response.json()["complete"] is True
    assert api.head(clerk_a, sha(data)).complete


def test_empty_blob(api: Api, clerk_a: Auth) -> None:
    response = api.put_chunk(clerk_a, sha(b""), b"", 0, 0)
    assert response.status_code == 200 and response.json()["complete"] is True


def test_images_are_encrypted_at_rest_also_while_partial(api: Api, clerk_a: Auth,
                                                         runtime: DistrictRuntime) -> None:
    marker = b"FACE-IMAGE-MARKER-" * 2000
    digest = sha(marker)
    api.put_chunk(clerk_a, digest, marker[:20_000], 0, len(marker))
    partials = list((runtime.settings.blob_dir / "partial").iterdir())
    assert partials and all(b"FACE-IMAGE-MARKER" not in f.read_bytes() for f in partials)
    api.put_chunk(clerk_a, digest, marker[20_000:], 20_000, len(marker))
    objects = [f for f in (runtime.settings.blob_dir / "objects").rglob("*") if f.is_file()]
    assert objects and all(b"FACE-IMAGE-MARKER" not in f.read_bytes() for f in objects)
    assert runtime.blobs.read(digest) == marker


def test_download_rules(api: Api, client: httpx.Client, clerk_a: Auth, clerk_b: Auth, reviewer: Auth,
                        admin: Auth) -> None:
    data = blob_bytes(5000, 12)
    api.upload(clerk_a, data)
    url = p.blob_path(sha(data))
    # Not yet part of any case: nobody at a township may fetch it.
    assert_problem(client.get(url, headers=clerk_a.headers), 404, p.ProblemCode.BLOB_NOT_FOUND)
    assert api.submit(clerk_a, submission(blobs=[data])).status_code == 201
    assert client.get(url, headers=clerk_a.headers).content == data
    assert client.get(url, headers=reviewer.headers).content == data
    assert_problem(client.get(url, headers=clerk_b.headers), 404, p.ProblemCode.BLOB_NOT_FOUND)
    assert_problem(client.get(url, headers=admin.headers), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(api.put_chunk(reviewer, sha(b"r"), b"r", 0, 1), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)


def _raw_partial_put(port: int, auth: Auth, digest: str, data: bytes, start: int, total: int,
                     send: int) -> None:
    """Announce `data` as the chunk but send only `send` bytes of it, then drop the connection — what a
    mobile link does."""
    head = (f"PUT {p.blob_path(digest)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"{p.HEADER_DEVICE_TOKEN}: {auth.device_token}\r\n"
            f"Authorization: Bearer {auth.session_token}\r\n"
            f"{p.HEADER_CONTENT_RANGE}: bytes {start}-{start + len(data) - 1}/{total}\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {len(data)}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + data[:send])
        time.sleep(0.3)  # let the server read what was sent
    # closed here, mid-body


def test_a_dropped_connection_keeps_the_bytes_that_arrived(api: Api, client: httpx.Client,
                                                           clerk_a: Auth) -> None:
    data = blob_bytes(200_000, 13)
    digest = sha(data)
    port = int(str(client.base_url).rsplit(":", 1)[1].rstrip("/"))
    _raw_partial_put(port, clerk_a, digest, data, 0, len(data), send=120_000)
    deadline = time.monotonic() + 5
    while (offset := api.head(clerk_a, digest).offset) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert 0 < offset <= 120_000  # progress is kept, never more than was sent
    final = api.put_chunk(clerk_a, digest, data[offset:], offset, len(data))
    assert final.json()["complete"] is True
    assert api.head(clerk_a, digest).complete


def test_a_dropped_connection_mid_chunk_keeps_the_bytes_too(api: Api, client: httpx.Client,
                                                            clerk_a: Auth) -> None:
    data = blob_bytes(250_000, 15)
    digest = sha(data)
    assert api.put_chunk(clerk_a, digest, data[:50_000], 0, len(data)).json()["offset"] == 50_000
    port = int(str(client.base_url).rsplit(":", 1)[1].rstrip("/"))
    _raw_partial_put(port, clerk_a, digest, data[50_000:200_000], 50_000, len(data), send=90_000)
    deadline = time.monotonic() + 5
    while (offset := api.head(clerk_a, digest).offset) == 50_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert 50_000 < offset <= 140_000
    assert api.put_chunk(clerk_a, digest, data[offset:], offset, len(data)).json()["complete"] is True
    assert api.head(clerk_a, digest).complete


def test_partial_uploads_live_in_their_own_folder(api: Api, clerk_a: Auth, runtime: DistrictRuntime,
                                                  tmp_path: Path) -> None:
    data = blob_bytes(30_000, 14)
    api.put_chunk(clerk_a, sha(data), data[:1000], 0, len(data))
    assert [f.name.split(".")[0] for f in (runtime.settings.blob_dir / "partial").iterdir()] == [sha(data)]
    assert not [f for f in (runtime.settings.blob_dir / "objects").rglob("*") if f.is_file()]
