"""A worker process for the kill test, started once and forked per run so that twenty runs do not pay
twenty interpreter start-ups. The parent (zygote) starts no threads, so forking it is safe.

    python -m tests.integration.sync.outbox_child <data_dir> <keyring_file> <config_json>
    stdin "fork" -> a child runs the outbox on <data_dir> until it is empty; stdout "pid <n>"
    stdin "quit" -> exit
A child exits 0 when the outbox is empty, 3 when it gave up; the test SIGKILLs most of them first.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import keyring


def run_child(data_dir: Path, config_json: str) -> int:
    from counter_app.context import AppContext
    from counter_app.sync.config import SyncConfig
    from counter_app.sync.wiring import open_sync

    context = AppContext.open(data_dir, sync=False)
    service = open_sync(data_dir, context.settings, outbox=context.outbox, blobs=context.blobs,
                        audit=context.audit, startup_delay=0.0, config=SyncConfig(**json.loads(config_json)))
    status = service.run_until_idle(timeout=120)
    service.close()
    context.close()
    return 0 if status.waiting == 0 and status.problem_code is None else 3


def main() -> int:
    data_dir, keyring_file, config_json = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from tests.integration.sync.file_keyring import FileKeyring

    keyring.set_keyring(FileKeyring(keyring_file))
    # Import everything once, before forking: each child then starts working at once.
    import counter_app.context
    import counter_app.district.seed
    import counter_app.sync.wiring  # noqa: F401

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            return 0
        if command == "fork":
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                code = 1
                try:
                    code = run_child(data_dir, config_json)
                finally:
                    os._exit(code)
            print(f"pid {pid}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
