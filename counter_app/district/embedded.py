"""The embedded default: the district service in-process on 127.0.0.1, so one machine shows the whole
flow without a district server. SQLite, blobs and key under <data folder>/district/, demo data seeded.

    district = start_embedded(data_dir)
    ... district.base_url  (e.g. "http://127.0.0.1:43117") ...
    district.shutdown()
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from counter_app.district.app import create_app
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import seed_demo
from counter_app.district.settings import DistrictSettings
from counter_app.errors import UserFacingError

EMBEDDED_DIR = "district"


class EmbeddedStartError(UserFacingError):
    pass


@dataclass
class EmbeddedDistrict:
    base_url: str
    settings: DistrictSettings
    server: uvicorn.Server
    thread: threading.Thread
    _stopped: bool = field(default=False)

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop serving (open requests finish) and wait for the thread; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> EmbeddedDistrict:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.shutdown()


def start_embedded(data_dir: Path, *, settings: DistrictSettings | None = None, seed: bool = True,
                   startup_timeout: float = 20.0) -> EmbeddedDistrict:
    """Start the service on a free loopback port in a background thread and return once it answers."""
    settings = settings or DistrictSettings.for_data_dir(Path(data_dir) / EMBEDDED_DIR)
    runtime = build_runtime(settings)
    if seed:
        seed_demo(runtime)
    try:
        server, thread, port = serve_in_thread(create_app(settings, runtime=runtime),
                                               startup_timeout=startup_timeout)
    except BaseException:
        runtime.close()
        raise
    return EmbeddedDistrict(base_url=f"http://127.0.0.1:{port}", settings=settings, server=server,
                            thread=thread)


def serve_in_thread(app: ASGIApp, *, startup_timeout: float = 20.0,
                    log_level: str = "warning") -> tuple[uvicorn.Server, threading.Thread, int]:
    """Run `app` with uvicorn on a free 127.0.0.1 port in a daemon thread; return once it listens."""
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP;
    # without it Nagle + delayed ACK add ~40 ms to every small answer.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))  # the OS picks a free port; no race with another program
    port: int = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="district-server",
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(5)
            sock.close()
            raise EmbeddedStartError("内置区县服务未能启动", "The embedded district service did not start")
        time.sleep(0.02)
    return server, thread, port
