"""Write a backup of a data folder while the app may be running.

The database is copied with SQLite's online backup API (a consistent snapshot even while the outbox
worker writes). Images are content-addressed and written before any row refers to them, so every image
the snapshot refers to is already in the folder when the folder is copied afterwards. Each file is
streamed into the encrypted tar with its SHA-256 taken on the way; the manifest with every hash is the
last member.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from counter_app.backup.archive import CHUNK_SIZE, FORMAT_VERSION, BackupHeader, EncryptingWriter, new_salt
from counter_app.backup.keys import BackupKey
from counter_app.config import SETTINGS_FILE, Settings
from counter_app.store.db import BUSY_TIMEOUT_MS, DB_FILE
from counter_app.sync.release_protocol import app_version

DATA_KEY_MEMBER = "data-key"
MANIFEST_MEMBER = "manifest.json"
CALENDAR_FILE = "holiday_calendar.json"
BLOB_DIR = "blobs"


@dataclass
class BackupProgress:
    """Written by the worker, read by whoever shows it (plain ints: a torn read only shows a stale
    number). `cancel()` stops a running backup at the next file."""

    total_bytes: int = 0
    done_bytes: int = 0
    phase: str = "snapshot"  # snapshot | files | done
    _cancel: threading.Event = field(default_factory=threading.Event)

    def fraction(self) -> float:
        return min(1.0, self.done_bytes / self.total_bytes) if self.total_bytes else 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class BackupCancelled(Exception):
    pass


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    size: int
    files: int
    images: int
    cases: int
    unsynced: int  # outbox submissions not yet delivered to the district
    key_id: str
    seconds: float


def snapshot_database(source: Path, target: Path) -> None:
    """A consistent single-file copy of the live database (WAL folded in)."""
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _counts(snapshot: Path) -> tuple[int, int]:
    connection = sqlite3.connect(snapshot)
    try:
        cases = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
        unsynced = connection.execute(
            "SELECT count(*) FROM outbox_items WHERE state != 'delivered'").fetchone()[0]
    except sqlite3.Error:
        return 0, 0
    finally:
        connection.close()
    return int(cases), int(unsynced)


def _blob_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    root = data_dir / BLOB_DIR
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and len(p.name) == 2):
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith("."):  # ".tmp-…" files are writes in progress
                yield f"{BLOB_DIR}/{folder.name}/{path.name}", path


class _Hashing(io.RawIOBase):
    def __init__(self, inner: BinaryIO, progress: BackupProgress | None) -> None:
        self._inner = inner
        self._progress = progress
        self.sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.sha.update(data)
        if self._progress is not None:
            self._progress.done_bytes += len(data)
        return data


def write_backup(data_dir: Path, out: Path, *, data_key: bytes, backup_key: BackupKey, settings: Settings,
                 progress: BackupProgress | None = None) -> BackupSummary:
    """Write the backup of `data_dir` to `out` (atomically: a partial file never carries the name)."""
    started = time.monotonic()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".backup-work-", dir=data_dir) as work:
        snapshot = Path(work) / DB_FILE
        snapshot_database(data_dir / DB_FILE, snapshot)
        cases, unsynced = _counts(snapshot)
        files: list[tuple[str, Path]] = [(DB_FILE, snapshot)]
        for name in (SETTINGS_FILE, CALENDAR_FILE):
            if (data_dir / name).is_file():
                files.append((name, data_dir / name))
        blobs = list(_blob_files(data_dir))
        files += blobs
        if progress is not None:
            progress.phase = "files"
            progress.total_bytes = sum(path.stat().st_size for _name, path in files)
        header = BackupHeader(format=FORMAT_VERSION, key_id=backup_key.key_id,
                              township_code=settings.township_code, counter_name=settings.counter_name,
                              created_at=datetime.now(UTC).isoformat(timespec="seconds"), salt=new_salt(),
                              chunk_size=CHUNK_SIZE, app_version=app_version())
        partial = out.with_name(f".{out.name}.partial")
        try:
            with open(partial, "wb") as fh:
                writer = EncryptingWriter(fh, backup_key.key, header)
                entries = _write_tar(writer, files, data_key, header, progress, cases=cases,
                                     unsynced=unsynced)
                writer.finish()
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(partial, out)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise
    if progress is not None:
        progress.phase = "done"
        progress.done_bytes = progress.total_bytes
    return BackupSummary(path=out, size=out.stat().st_size, files=entries, images=len(blobs), cases=cases,
                         unsynced=unsynced, key_id=backup_key.key_id, seconds=time.monotonic() - started)


def _write_tar(writer: EncryptingWriter, files: list[tuple[str, Path]], data_key: bytes, header: BackupHeader,
               progress: BackupProgress | None, *, cases: int, unsynced: int) -> int:
    listed: list[dict[str, object]] = []
    # tarfile's stream mode writes through `writer` block by block: no member is held whole in memory.
    with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        key_bytes = base64.b64encode(data_key)
        _add_bytes(tar, DATA_KEY_MEMBER, key_bytes)
        listed.append({"path": DATA_KEY_MEMBER, "size": len(key_bytes),
                       "sha256": hashlib.sha256(key_bytes).hexdigest()})
        for name, path in files:
            if progress is not None and progress.cancelled:
                raise BackupCancelled()
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = size, 0o600, int(time.time())
                hashing = _Hashing(fh, progress)
                tar.addfile(info, hashing)
            listed.append({"path": name, "size": size, "sha256": hashing.sha.hexdigest()})
        manifest = {"format": FORMAT_VERSION, "key_id": header.key_id, "created_at": header.created_at,
                    "township_code": header.township_code, "counter_name": header.counter_name,
                    "app_version": header.app_version, "cases": cases, "unsynced": unsynced,
                    "files": listed}
        _add_bytes(tar, MANIFEST_MEMBER, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(listed)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
    tar.addfile(info, io.BytesIO(data))
