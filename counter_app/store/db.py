"""The SQLite database of one counter: durable settings on every connection, real transactions.

The outbox must survive power loss, hence WAL with synchronous=FULL. Python 3.11's sqlite3 driver starts
transactions only before DML and never before SELECT or DDL, so we take transaction control from it
(SQLAlchemy's documented recipe, "Enabling Non-Legacy SQLite Transactional Modes"): the driver is put in
autocommit mode and SQLAlchemy's `begin` event emits BEGIN itself — BEGIN IMMEDIATE for writes. Taking the
write lock up front means a second writer waits (busy_timeout) instead of failing with SQLITE_BUSY when
a read transaction tries to upgrade to a write after another writer committed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store.errors import UnsupportedStorage

DB_FILE = "counter.sqlite3"
BACKUP_DIR = "backups"
BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "counter_sqlite_begin"
_BEGIN_MODES = {"DEFERRED", "IMMEDIATE"}


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not issue BEGIN/COMMIT on its own
    cursor = dbapi_connection.cursor()
    try:
        (mode,) = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
        if str(mode).lower() != "wal":
            raise UnsupportedStorage(
                "数据目录所在的磁盘不支持 SQLite 预写日志（WAL），请将数据目录放在本机磁盘上",
                f"The data folder's disk does not support SQLite WAL (journal_mode={mode}); "
                "put the data folder on a local disk")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on `path` with the pragmas and BEGIN handling above. Exposed for migrations and tests."""
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        # Background tasks run repository calls on worker threads; the pool hands each connection to
        # one thread at a time, so the driver's same-thread check would only get in the way.
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writing(connection: Connection) -> Connection:
    """Make the next transaction on `connection` start with BEGIN IMMEDIATE."""
    return connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


class Database:
    """One open database file. `write()` and `read()` hand out sessions inside a transaction."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._write_sessions = sessionmaker(bind=engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}),
                                            expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @classmethod
    def open(cls, data_dir: Path, *, script_location: Path | None = None) -> Database:
        """Open (creating if needed) `data_dir/counter.sqlite3` and migrate it to the newest schema, after
        backing it up into `data_dir/backups/` if it was behind. `script_location` is for tests."""
        from counter_app.store.migrate import upgrade_to_head  # migrate imports this module

        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = data_dir / DB_FILE
        engine = create_sqlite_engine(path)
        try:
            upgrade_to_head(engine, path, data_dir / BACKUP_DIR, script_location=script_location)
        except BaseException:
            engine.dispose()
            raise
        if os.name == "posix":
            with contextlib.suppress(OSError):
                path.chmod(0o600)
        return cls(path, engine)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a BEGIN IMMEDIATE transaction: committed when the block ends, rolled back if it
        raises. The write lock is taken on entry, so read-then-write inside the block is safe. Do not
        nest write() blocks in one thread: the inner one would wait for the outer and fail after
        busy_timeout with "database is locked"."""
        with self._write_sessions() as session, session.begin():
            session.connection()
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session in a deferred (snapshot) transaction that is rolled back at the end."""
        with self._read_sessions() as session:
            yield session

    def close(self) -> None:
        """Fold the WAL back into the database file and release every connection."""
        with contextlib.suppress(Exception):  # closing must not fail because a checkpoint could not run
            raw = self.engine.raw_connection()
            try:
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
