"""(3) The district service is killed and restarted in the middle of an upload: the outbox asks the
restarted server how much it holds and sends only the rest."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from counter_app.district.settings import DistrictSettings
from tests.integration.sync.helpers import FAST, accepted_case, jpeg, open_counter, sha
from tests.integration.sync.server_view import download_and_verify, server_view
from tests.support.fault_proxy import FaultProxy

REPO = Path(__file__).resolve().parents[3]
BANDWIDTH = 400_000  # bytes/s: the image takes a few seconds, so the kill lands mid-upload


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(root: Path, port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-m", "tests.integration.sync.server_child", str(root),
                                str(port)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "listening"
    deadline = time.monotonic() + 20
    while True:  # "listening" comes just before uvicorn accepts; wait until a connection succeeds
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None, "server did not start"
            time.sleep(0.05)


def test_server_restart_mid_upload_resumes_from_the_servers_offset(tmp_path: Path) -> None:
    root, port = tmp_path / "district", free_port()
    server = start_server(root, port)
    proxy = FaultProxy(port, bandwidth=BANDWIDTH).start()
    counter = open_counter(tmp_path / "counter", proxy.url,
                           config=dataclasses.replace(FAST, chunk_max=64 * 1024, io_timeout=2.0))
    try:
        rng = np.random.default_rng(3)
        image = jpeg(rng, 1400, 1000, quality=95)
        case_id = accepted_case(counter, [image])
        counter.context.submissions.submit(case_id)
        payload = counter.context.outbox.totals().bytes_left
        assert len(image) > 900_000

        counter.sync.start()
        deadline = time.monotonic() + 30
        while proxy.stats.bytes_up < payload * 0.4:
            assert time.monotonic() < deadline, proxy.stats
            time.sleep(0.02)
        server.kill()  # SIGKILL: no orderly shutdown, whatever was not yet durable is gone
        server.wait(10)
        sent_before = proxy.stats.bytes_up
        proxy.drop_all()
        time.sleep(0.5)  # the outbox finds the server gone and backs off
        server = start_server(root, port)

        deadline = time.monotonic() + 60
        while counter.sync.status().waiting:
            assert time.monotonic() < deadline, (counter.sync.status(), proxy.stats)
            time.sleep(0.05)
        sent_after = proxy.stats.bytes_up - sent_before
        remainder = payload - sent_before
        # Only the rest went again (plus request headers and at most the chunk the kill cut off), not
        # the whole image: a restart from zero would send sent_before more.
        assert sent_after < remainder + 64 * 1024 + 8 * 1024, (sent_after, remainder)
        assert proxy.stats.bytes_up < payload * 1.1, (proxy.stats.bytes_up, payload)

        state = counter.sync.case_state(case_id)
        assert state is not None and state.state == "submitted"
        view = server_view(DistrictSettings.for_data_dir(root))
        assert view.versions[case_id] == 1 and view.submitted_changes[case_id] == 1
        assert sha(image) in view.complete_blobs
        download_and_verify(f"http://127.0.0.1:{port}", counter.sync.sessions.credentials(), {sha(image)})
        print(f"\nsent before kill {sent_before}, after restart {sent_after}, remainder {remainder}, "
              f"payload {payload}")
    finally:
        counter.close()
        proxy.stop()
        server.kill()
        server.wait(10)
