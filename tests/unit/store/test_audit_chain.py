"""The counter's audit trail as a hash chain: appends link up, and deletions, edits, reordering and a cut
tail are each found and named; the migration chains records written before the chain existed."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from counter_app.security.audit_chain import GENESIS, Problem, verify_export
from counter_app.store.audit import MIN_KEEP_DAYS, AuditLog
from counter_app.store.db import Database, create_sqlite_engine, writing
from counter_app.store.migrate import alembic_config


def _fill(log: AuditLog, n: int) -> None:
    for i in range(n):
        log.record(actor=f"clerk-{i % 2}", action="case.view", case_id=f"case-{i}", detail={"i": i})


def _sql(db: Database, statement: str) -> None:
    conn = sqlite3.connect(db.path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_records_link_to_each_other_and_verify(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 5)
    events = log.events()
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    report = log.verify()
    assert report.ok and report.checked == 5
    assert "完整" in report.message_zh


def test_altered_detail_is_found(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 5)
    _sql(db, "UPDATE audit_events SET detail = '{\"i\": 99}' WHERE seq = 3")
    report = log.verify()
    assert report.problem is Problem.ALTERED and report.seq == 3
    assert "第 3 条" in report.message_zh and "修改" in report.message_zh


def test_altered_record_with_recomputed_hash_breaks_the_next_link(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 4)
    # A forger who rewrites record 2 and its hash still cannot make record 3 point at it.
    _sql(db, "UPDATE audit_events SET actor = 'someone', hash = 'f' || substr(hash, 2) WHERE seq = 2")
    report = log.verify()
    assert report.problem is Problem.ALTERED and report.seq == 2
    _sql(db, "UPDATE audit_events SET hash = (SELECT prev_hash FROM audit_events WHERE seq = 3) "
             "WHERE seq = 2")
    assert log.verify().problem is Problem.ALTERED  # content no longer matches the restored hash


def test_deleted_record_in_the_middle_is_missing(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 5)
    _sql(db, "DELETE FROM audit_events WHERE seq = 2")
    report = log.verify()
    assert report.problem is Problem.MISSING and report.seq == 2
    assert "缺少第 2 条" in report.message_zh


def test_deleted_newest_records_are_found_and_stay_found(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 5)
    _sql(db, "DELETE FROM audit_events WHERE seq >= 4")
    report = log.verify()
    assert report.problem is Problem.TRUNCATED and report.seq == 4
    log.record(actor="clerk-0", action="case.view", case_id="x")  # the next append keeps the gap visible
    assert log.verify().problem is Problem.MISSING


def test_renumbered_records_are_found(db: Database) -> None:
    log = AuditLog(db)
    _fill(log, 3)
    _sql(db, "UPDATE audit_events SET seq = seq + 10 WHERE seq = 3")
    assert log.verify().problem is Problem.MISSING


def test_concurrent_appends_from_threads_form_one_chain(db: Database) -> None:
    log = AuditLog(db)

    def work(n: int) -> None:
        for i in range(25):
            log.record(actor=f"clerk-{n}", action="case.view", case_id=f"c{n}-{i}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [e.seq for e in log.events()] == list(range(1, 101))
    assert log.verify().ok


def test_export_verifies_independently_and_detects_an_edit(db: Database, tmp_path: Path) -> None:
    log = AuditLog(db)
    _fill(log, 6)
    out = tmp_path / "audit.jsonl"
    assert log.export(out) == 6
    lines = out.read_text(encoding="utf-8").splitlines()
    assert verify_export(lines).ok
    fields = {"seq", "at", "actor", "action", "case_id", "detail", "prev", "hash"}
    assert fields <= json.loads(lines[0]).keys()
    forged = json.loads(lines[2])
    forged["actor"] = "nobody"
    lines[2] = json.dumps(forged, ensure_ascii=False)
    report = verify_export(lines)
    assert report.problem is Problem.ALTERED and report.seq == 3


def test_prune_never_removes_records_younger_than_six_months(db: Database) -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    log = AuditLog(db, clock=lambda: now[0])
    for days in (0, 100, 200, 300):
        now[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=days)
        log.record(actor="clerk", action="case.view", case_id=f"d{days}")
    now[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=300)
    # Asked to keep only 30 days: still keeps 183, i.e. drops day 0 and day 100 only.
    assert log.prune(keep_days=30) == 2
    assert [e.case_id for e in log.events()] == ["d200", "d300"]
    assert all((now[0] - e.at).days < MIN_KEEP_DAYS for e in log.events())
    report = log.verify()
    assert report.ok and report.checked == 2  # the rest still links to the kept base
    log.record(actor="clerk", action="case.view", case_id="after")
    assert log.verify().ok


def test_migration_chains_records_written_before_the_chain(data_dir: Path) -> None:
    engine = create_sqlite_engine(data_dir.parent / "old.sqlite3")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = writing(connection)
        command.upgrade(config, "0005")
    with engine.begin() as connection:
        for i in range(3):
            connection.execute(text(
                "INSERT INTO audit_events (at, actor, action, case_id, detail) VALUES "
                f"('2026-01-0{i + 1} 08:00:00.000000', 'clerk', 'case.view', 'c{i}', '{{}}')"))
    engine.dispose()
    data_dir.mkdir(parents=True)
    (data_dir.parent / "old.sqlite3").rename(data_dir / "counter.sqlite3")
    db = Database.open(data_dir)
    try:
        log = AuditLog(db)
        assert [e.seq for e in log.events()] == [1, 2, 3]
        assert log.verify().ok
        log.record(actor="clerk", action="case.edit", case_id="c0")
        assert log.verify().ok and log.verify().checked == 4
    finally:
        db.close()


@pytest.mark.parametrize("seq", [1, 3])
def test_edited_time_is_found(db: Database, seq: int) -> None:
    log = AuditLog(db)
    _fill(log, 3)
    _sql(db, f"UPDATE audit_events SET at = '2020-01-01 00:00:00.000000' WHERE seq = {seq}")
    assert log.verify().seq == seq
