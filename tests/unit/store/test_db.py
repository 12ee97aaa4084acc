"""The database file: pragmas on every connection, BEGIN IMMEDIATE for writes, real rollbacks."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.store.db import DB_FILE, Database


def test_pragmas_are_set_on_every_connection(db: Database) -> None:
    with db.read() as first, db.write() as second:  # two connections from the pool at once
        for session in (first, second):
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_database_file_is_in_the_data_folder(db: Database, data_dir: Path) -> None:
    assert db.path == data_dir / DB_FILE and db.path.is_file()


def test_write_takes_the_write_lock_on_entry(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.write():
            # No statement has run in the block yet, and still nobody else may start writing...
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            # ...while readers carry on (WAL).
            assert other.execute("SELECT count(*) FROM cases").fetchone() == (0,)
        other.execute("BEGIN IMMEDIATE")  # released at the end of the block
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_does_not_block_writers(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.read() as session:
            session.execute(text("SELECT count(*) FROM cases")).scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def _bump(db: Database, started: threading.Event, hold: float, errors: list[BaseException]) -> None:
    try:
        with db.write() as session:
            started.set()
            value = session.execute(text("SELECT last_seq FROM case_number_seq")).scalar_one()
            time.sleep(hold)
            session.execute(text("UPDATE case_number_seq SET last_seq = :v"), {"v": value + 1})
    except BaseException as exc:  # collected for the assertion in the main thread
        errors.append(exc)


def test_concurrent_read_modify_write_waits_instead_of_failing(db: Database) -> None:
    """Two writers that both read then write: with deferred transactions the second upgrade to a write
    fails at once (SQLITE_BUSY, or a lost update); with BEGIN IMMEDIATE the second waits its turn."""
    with db.write() as session:
        session.execute(text("INSERT INTO case_number_seq VALUES ('t', '20260101', 0)"))
    errors: list[BaseException] = []
    first_in = threading.Event()
    a = threading.Thread(target=_bump, args=(db, first_in, 0.3, errors))
    a.start()
    first_in.wait(5)
    b = threading.Thread(target=_bump, args=(db, threading.Event(), 0.0, errors))
    b.start()
    a.join(10)
    b.join(10)
    assert errors == []
    with db.read() as session:
        assert session.execute(text("SELECT last_seq FROM case_number_seq")).scalar_one() == 2


def test_the_problem_begin_immediate_avoids(tmp_path: Path) -> None:
    """Control: plain deferred transactions in WAL mode fail when a reader upgrades after another write."""
    path = tmp_path / "plain.sqlite3"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (v INTEGER)")
    setup.execute("INSERT INTO t VALUES (0)")
    a = sqlite3.connect(path, timeout=5, isolation_level=None)
    b = sqlite3.connect(path, timeout=5, isolation_level=None)
    a.execute("BEGIN")
    a.execute("SELECT v FROM t").fetchone()
    b.execute("BEGIN")
    b.execute("UPDATE t SET v = v + 1")
    b.execute("COMMIT")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        a.execute("UPDATE t SET v = v + 1")  # busy_timeout cannot help: the snapshot is stale
    for conn in (a, b, setup):
        conn.close()


def test_an_exception_rolls_the_write_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.execute(text("INSERT INTO case_number_seq VALUES ('t', '20260101', 7)"))
        raise RuntimeError("boom")
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM case_number_seq")).scalar() == 0


def test_ddl_is_transactional(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        raise RuntimeError("boom")
    with db.read() as session:
        names = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'scratch'")).all()
    assert names == []


def test_reads_see_one_snapshot(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM case_number_seq")).scalar() == 0
        with db.write() as writer:
            writer.execute(text("INSERT INTO case_number_seq VALUES ('t', '20260101', 1)"))
        # Repeatable read inside the read transaction: the legacy driver would show the new row here.
        assert session.execute(text("SELECT count(*) FROM case_number_seq")).scalar() == 0
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM case_number_seq")).scalar() == 1


def test_foreign_keys_are_enforced(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(text("INSERT INTO blobs VALUES ('no-such-case', 'portrait', :h, 1, '2026-01-01')"),
                        {"h": "0" * 64})


def test_close_folds_the_wal_into_the_file(data_dir: Path) -> None:
    database = Database.open(data_dir)
    with database.write() as session:
        session.execute(text("INSERT INTO case_number_seq VALUES ('t', '20260101', 1)"))
    database.close()
    wal = data_dir / (DB_FILE + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    reopened = Database.open(data_dir)
    with reopened.read() as session:
        assert session.execute(text("SELECT last_seq FROM case_number_seq")).scalar() == 1
    reopened.close()
