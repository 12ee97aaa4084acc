"""Backup benchmark: write and restore the backup of a data folder with a large image folder, and show
that memory does not grow with it (the stream is encrypted and checked chunk by chunk).

Run: .venv/bin/python -m tests.benchmarks.bench_backup [--images 300] [--size-kb 700]
Prints time, throughput and the process's peak resident memory before and after; not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import keyring

from counter_app.backup.create import write_backup
from counter_app.backup.keys import new_backup_key
from counter_app.backup.restore import restore_backup
from counter_app.context import AppContext
from counter_app.security.keystore import load_data_key
from tests.support.memory_keyring import MemoryKeyring


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=300)
    parser.add_argument("--size-kb", type=int, default=700)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        context = AppContext.open(data_dir, sync=False)
        for _ in range(args.images):  # random bytes: incompressible, like JPEGs
            context.blobs.put(os.urandom(args.size_kb * 1024))
        key = load_data_key(data_dir, demo_mode=True).key
        settings = context.settings
        context.close()
        folder_mb = sum(p.stat().st_size for p in (data_dir / "blobs").rglob("*") if p.is_file()) / 1e6
        before = peak_mb()
        backup_key = new_backup_key()
        started = time.perf_counter()
        summary = write_backup(data_dir, Path(tmp) / "b.cbak", data_key=key, backup_key=backup_key,
                               settings=settings)
        backup_s = time.perf_counter() - started
        after_backup = peak_mb()
        keyring.set_keyring(MemoryKeyring())
        started = time.perf_counter()
        restored = restore_backup(Path(tmp) / "b.cbak", Path(tmp) / "new", backup_key=backup_key.key)
        restore_s = time.perf_counter() - started
        after_restore = peak_mb()
    print(f"image folder        {args.images} files, {folder_mb:.0f} MB")
    print(f"backup              {backup_s:.2f} s  ({summary.size / 1e6 / backup_s:.0f} MB/s), "
          f"file {summary.size / 1e6:.0f} MB")
    print(f"restore (verified)  {restore_s:.2f} s  ({summary.size / 1e6 / restore_s:.0f} MB/s), "
          f"{restored.images} images")
    print(f"peak RSS            {before:.0f} MB before, {after_backup:.0f} MB after backup, "
          f"{after_restore:.0f} MB after restore")


if __name__ == "__main__":
    main()
