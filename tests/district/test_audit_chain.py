"""The district's audit trail as a hash chain, on SQLite and PostgreSQL: real requests are chained, two
processes appending at the same moment still make one linear chain, a rolled-back transaction leaves no
record, and an edited or deleted record is found."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import httpx
from sqlalchemy import event, text

from counter_app.district import audit
from counter_app.district.db import DistrictDb, create_district_engine
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.security.audit_chain import Problem, verify_export
from tests.district.helpers import Api

PER_PROCESS = 40


def _append(settings: DistrictSettings, name: str, start: float) -> None:
    """One 'server process': its own engine and pool, appending in separate transactions."""
    db = DistrictDb(create_district_engine(settings))
    try:
        while time.time() < start:  # start together, so the appends really overlap
            time.sleep(0.001)
        for i in range(PER_PROCESS):
            with db.write() as session:
                audit.record(session, None, "test_append", actor=name, detail=str(i))
                # Runs after the audit's own before_commit hook has read the head: widen the gap between
                # reading the head and committing, where a second appender without the lock would fork.
                event.listen(session, "before_commit", lambda _s: time.sleep(0.01))
    finally:
        db.dispose()


def test_two_processes_appending_at_once_keep_one_linear_chain(settings: DistrictSettings,
                                                              runtime: DistrictRuntime) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = time.time() + 3.0
    procs = [ctx.Process(target=_append, args=(settings, f"proc-{n}", start)) for n in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
        assert proc.exitcode == 0  # without the head lock one of them fails on the unique seq
    with runtime.db.read() as session:
        rows = audit.events_since(session)
        report = audit.verify(session)
    appended = [r for r in rows if r["action"] == "test_append"]
    assert len(appended) == 2 * PER_PROCESS
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    actors = [r["actor"] for r in appended]
    assert actors.count("proc-0") == actors.count("proc-1") == PER_PROCESS
    assert report.ok and report.checked == len(rows)


def test_rolled_back_transaction_leaves_no_record(runtime: DistrictRuntime) -> None:
    with runtime.db.read() as session:
        before = len(audit.events_since(session))
    try:
        with runtime.db.write() as session:
            audit.record(session, None, "never_committed")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with runtime.db.write() as session:
        audit.record(session, None, "committed")
    with runtime.db.read() as session:
        rows = audit.events_since(session)
        assert [r["action"] for r in rows[before:]] == ["committed"]
        assert audit.verify(session).ok


def test_requests_are_chained_and_tampering_is_found(runtime: DistrictRuntime, client: httpx.Client,
                                                     tmp_path: Path) -> None:
    api = Api(client)
    api.sign_in("demo-clerk", township="510411001")
    api.sign_in("demo-reviewer", township=None)
    with runtime.db.read() as session:
        rows = audit.events_since(session)
        assert "sign_in" in [r["action"] for r in rows]
        assert audit.verify(session).ok
        out = tmp_path / "district-audit.jsonl"
        assert audit.export(session, out) == len(rows)
    assert verify_export(out.read_text(encoding="utf-8").splitlines()).ok

    second = rows[1]["seq"]
    with runtime.db.write() as session:
        session.execute(text("UPDATE audit_events SET actor = 'someone-else' WHERE seq = :s"), {"s": second})
    with runtime.db.read() as session:
        report = audit.verify(session)
    assert report.problem is Problem.ALTERED and report.seq == second

    with runtime.db.write() as session:
        session.execute(text("DELETE FROM audit_events WHERE seq = :s"), {"s": second})
    with runtime.db.read() as session:
        report = audit.verify(session)
    assert report.problem is Problem.MISSING and report.seq == second


def test_migration_chains_records_written_before_the_chain(tmp_path: Path) -> None:
    from alembic import command

    from counter_app.district.migrate import alembic_config, upgrade_to_head
    from counter_app.store.db import writing

    settings = DistrictSettings.for_data_dir(tmp_path / "old")
    engine = create_district_engine(settings)
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = writing(connection)
        command.upgrade(config, "0002")
        connection.commit()
    with engine.begin() as connection:
        for i in range(3):
            connection.execute(text(
                "INSERT INTO audit_events (at, actor, role, device_id, action, case_id, detail) VALUES "
                f"('2026-01-0{i + 1} 08:00:00.000000', 'clerk', 'clerk', NULL, 'sign_in', NULL, 'd{i}')"))
    upgrade_to_head(engine)
    db = DistrictDb(engine)
    try:
        with db.write() as session:
            audit.record(session, None, "after_upgrade")
        with db.read() as session:
            assert [r["seq"] for r in audit.events_since(session)] == [1, 2, 3, 4]
            report = audit.verify(session)
        assert report.ok and report.checked == 4
    finally:
        db.dispose()
