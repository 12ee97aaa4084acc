"""Real server processes (`counter-app district serve`, uvicorn, loopback TCP): a restart — even a
SIGKILL — in the middle of an upload loses nothing, and two processes on one database (SQLite file or
PostgreSQL) behave as one service."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from counter_app.sync import protocol as p
from tests.district.helpers import Api, ServerProcess, assert_problem, blob_bytes, sha, submission


@pytest.fixture
def servers(tmp_path: Path, database_url: str) -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        # SIGKILL to uvicorn's supervisor would leave its worker processes running.
        server.stop(kill="--workers" not in server.extra_args)


def _api(server: ServerProcess) -> Api:
    return Api(httpx.Client(base_url=server.base_url, timeout=30))


def test_server_killed_mid_upload_resumes_from_the_stored_offset(tmp_path: Path, database_url: str,
                                                                 servers: list[ServerProcess]) -> None:
    first = ServerProcess(tmp_path / "district", database_url).start(seed=True)
    servers.append(first)
    api = _api(first)
    clerk = api.sign_in("demo-clerk", township="510411001")
    data = blob_bytes(300_000, 21)
    digest = sha(data)
    assert api.put_chunk(clerk, digest, data[:64_000], 0, len(data)).status_code == 200
    assert api.put_chunk(clerk, digest, data[64_000:128_000], 64_000, len(data)).status_code == 200
    first.stop(kill=True)  # SIGKILL: no shutdown handler runs

    second = ServerProcess(tmp_path / "district", database_url).start()
    servers.append(second)
    api2 = _api(second)
    assert api2.head(clerk, digest).offset == 128_000  # tokens and offset survived the restart
    done = api2.put_chunk(clerk, digest, data[128_000:], 128_000, len(data))
    assert done.json() == {"sha256": digest, "complete": True, "offset": len(data), "size": len(data)}
    sub = submission(blobs=[data])
    assert api2.submit(clerk, sub).status_code == 201
    assert api2.client.get(p.blob_path(digest), headers=clerk.headers).content == data  # hash-verified bytes


@pytest.mark.parametrize("workers", [1, 2], ids=["single", "two-workers-each"])
def test_two_processes_on_one_database(tmp_path: Path, database_url: str, servers: list[ServerProcess],
                                       workers: int) -> None:
    # Started together on an empty database: both run the migrations; exactly one creates the schema.
    # With `--workers 2` each is four processes in all, running requests' work on their event loops.
    extra = ("--workers", str(workers)) if workers > 1 else ()
    a = ServerProcess(tmp_path / "district", database_url, extra_args=extra).launch()
    b = ServerProcess(tmp_path / "district", database_url, extra_args=extra).launch()
    servers += [a, b]
    a.wait_ready()
    b.wait_ready()
    seeder = ServerProcess(tmp_path / "district", database_url)
    servers.append(seeder.start(seed=True))
    seeder.stop()
    api_a, api_b = _api(a), _api(b)
    device = api_a.register("510411001")
    clerk = api_b.sign_in("demo-clerk", device=device)  # registered on A, signed in on B
    reviewer = api_a.sign_in("demo-reviewer", township=None)

    data = blob_bytes(150_000, 22)
    digest = sha(data)
    assert api_a.put_chunk(clerk, digest, data[:50_000], 0, len(data)).status_code == 200
    assert api_b.head(clerk, digest).offset == 50_000
    assert api_b.put_chunk(clerk, digest, data[50_000:100_000], 50_000, len(data)).status_code == 200
    stale = api_a.put_chunk(clerk, digest, data[:50_000], 0, len(data))
    assert_problem(stale, 409, p.ProblemCode.BLOB_OFFSET_MISMATCH)
    assert api_a.put_chunk(clerk, digest, data[100_000:], 100_000, len(data)).json()["complete"] is True

    sub = submission(blobs=[data])
    created = api_a.submit(clerk, sub)
    assert created.status_code == 201
    replay = api_b.submit(clerk, sub)
    assert replay.status_code == 200 and replay.json() == created.json()
    assert_problem(api_b.submit(clerk, sub.model_copy(update={"case_number": "X-2"})), 409,
                   p.ProblemCode.CASE_VERSION_CONFLICT)
    assert api_b.transition(reviewer, sub.case_id, "in_review").status_code == 200

    # Concurrent submissions through both processes; the same case raced on both at once.
    raced = submission()
    results: list[int] = []
    lock = threading.Lock()
    start_together = threading.Barrier(4)

    def worker(n: int) -> None:
        api = _api(a if n % 2 else b)
        api.client.get("/v1/health")  # connection open before the race
        start_together.wait()
        for i in range(6):
            response = api.submit(clerk, raced if i == 0 else submission(number=f"RH-{n}-{i}"))
            with lock:
                results.append(response.status_code)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(201) == 1 + 4 * 5, results  # the raced case was created exactly once
    assert results.count(200) == 3 and len(results) == 24, results

    feed_a, feed_b = api_a.all_changes(clerk, limit=7), api_b.all_changes(clerk, limit=5)
    assert [c.cursor for c in feed_a] == [c.cursor for c in feed_b]
    assert [int(c.cursor) for c in feed_a] == sorted(int(c.cursor) for c in feed_a)
    submitted = [c.case_id for c in feed_a if c.status == "submitted"]
    assert len(submitted) == len(set(submitted)) == 2 + 4 * 5
    assert [c.status for c in feed_a if c.case_id == sub.case_id] == ["submitted", "in_review"]
