"""The acceptance check: after saving a case, no personal value is anywhere in the database files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.store.audit import AuditLog
from counter_app.store.db import DB_FILE, Database
from counter_app.store.repository import CaseRepository
from tests.support.applications import (
    OPERATOR_ID,
    OPERATOR_MOBILE,
    OPERATOR_NAME,
    OPERATOR_RESIDENCE,
    PREMISES_DETAIL,
    RARE_NAME,
    complete_application,
    new_record,
)

PERSONAL_VALUES = [OPERATOR_ID, OPERATOR_ID[-8:], OPERATOR_NAME, OPERATOR_MOBILE, OPERATOR_RESIDENCE,
                   PREMISES_DETAIL, RARE_NAME, "440524188001010014", "赵六", "13912345678"]


def database_files(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name.startswith(DB_FILE)}


def assert_no_personal_data(files: dict[str, bytes]) -> None:
    for name, raw in files.items():
        for value in PERSONAL_VALUES:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
                assert value.encode(encoding) not in raw, f"{value!r} ({encoding}) found in {name}"


@pytest.mark.parametrize("checkpoint", [False, True], ids=["wal-not-checkpointed", "after-checkpoint"])
def test_raw_database_files_hold_no_personal_data(db: Database, repo: CaseRepository, data_dir: Path,
                                                  checkpoint: bool) -> None:
    application = complete_application()
    record = repo.create(new_record(repo, application))
    repo.save_application(record.case_id, application, expected_row_version=record.row_version)
    repo.search("zs")  # summaries decrypted in memory must not be cached on disk either
    AuditLog(db).record(actor="clerk-01", action="case.create", case_id=record.case_id,
                        detail={"case_number": record.case_number})
    if checkpoint:
        with db.write() as session:
            session.execute(text("SELECT 1"))
        raw_conn = db.engine.raw_connection()
        try:
            busy, _log, _done = raw_conn.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            raw_conn.close()
        assert busy == 0

    files = database_files(data_dir)
    if not checkpoint:
        assert files[DB_FILE + "-wal"], "the WAL should still hold the new pages"
    # Positive control: plain, non-personal values are visible to this byte search.
    assert any(record.case_number.encode() in raw for raw in files.values())
    assert any(b"clerk-01" in raw for raw in files.values())
    assert_no_personal_data(files)


def test_files_after_close_hold_no_personal_data(db: Database, repo: CaseRepository, data_dir: Path) -> None:
    repo.create(new_record(repo))
    db.close()
    files = database_files(data_dir)
    assert set(files) <= {DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm"}
    assert len(files[DB_FILE]) > 0
    assert_no_personal_data(files)
