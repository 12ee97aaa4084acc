"""The district service as its own process, for the restart test (it is killed and started again on the
same port, database and blob folder).

    python -m tests.integration.sync.server_child <district_dir> <port>
Prints "listening" once it accepts connections.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import uvicorn


def main() -> int:
    root, port = Path(sys.argv[1]), int(sys.argv[2])
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from counter_app.district.app import create_app
    from counter_app.district.runtime import build_runtime
    from counter_app.district.seed import seed_demo
    from counter_app.district.settings import DistrictSettings

    settings = DistrictSettings.for_data_dir(root, argon2_time_cost=1, argon2_memory_kib=1024)
    runtime = build_runtime(settings)
    seed_demo(runtime)
    # IPPROTO_TCP so that asyncio sets TCP_NODELAY (see tests/integration/sync/helpers.start_district).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(create_app(settings, runtime=runtime), log_level="warning",
                                           access_log=False))
    print("listening", flush=True)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
