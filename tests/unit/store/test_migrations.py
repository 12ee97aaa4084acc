"""Alembic from code: a new database is created at head; a database behind head is backed up first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.security.crypto import FieldCipher
from counter_app.store.db import BACKUP_DIR, Database
from counter_app.store.errors import DatabaseTooNew
from counter_app.store.migrate import MIGRATIONS_DIR, head_revision
from counter_app.store.repository import CaseRepository
from tests.support.applications import OPERATOR_ID, OPERATOR_NAME, new_record

# The tests add one revision on top of whatever the real head is, so they keep working as revisions are added.
HEAD = head_revision()
NEXT = "test_next"

SECOND_REVISION = '''
from alembic import op
import sqlalchemy as sa

revision = "test_next"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("test_extra_column", sa.String(64), nullable=True))
    {extra}


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("test_extra_column")
'''


def script_with_second_revision(tmp_path: Path, extra: str = "pass") -> Path:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "test_next_revision.py").write_text(
        SECOND_REVISION.format(extra=extra, head=HEAD), encoding="utf-8")
    return location


def revision_of(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(rev)
    finally:
        conn.close()


def test_new_database_is_created_at_head_without_backup(data_dir: Path) -> None:
    db = Database.open(data_dir)
    db.close()
    assert HEAD is not None
    assert revision_of(db.path) == HEAD
    assert not (data_dir / BACKUP_DIR).exists()
    Database.open(data_dir).close()  # reopening at head: still nothing to back up
    assert not (data_dir / BACKUP_DIR).exists()


def test_database_behind_head_is_backed_up_then_upgraded(data_dir: Path, tmp_path: Path,
                                                          cipher: FieldCipher) -> None:
    db = Database.open(data_dir)
    repo = CaseRepository(db, cipher)
    case = repo.create(new_record(repo))
    db.close()

    upgraded = Database.open(data_dir, script_location=script_with_second_revision(tmp_path))
    backups = list((data_dir / BACKUP_DIR).iterdir())
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith(f"counter-{HEAD}-") and backup.name.endswith(".sqlite3")
    # The backup is the old schema with the old data, and as encrypted as the database itself.
    assert revision_of(backup) == HEAD
    raw = backup.read_bytes()
    assert case.case_number.encode() in raw
    assert OPERATOR_ID.encode() not in raw and OPERATOR_NAME.encode() not in raw
    conn = sqlite3.connect(backup)
    assert [c[1] for c in conn.execute("PRAGMA table_info(audit_events)")].count("test_extra_column") == 0
    conn.close()

    assert revision_of(upgraded.path) == NEXT
    with upgraded.read() as session:
        columns = [row[1] for row in session.execute(text("PRAGMA table_info(audit_events)"))]
    assert "test_extra_column" in columns
    loaded = CaseRepository(upgraded, cipher).get(case.case_id)
    assert loaded is not None and loaded.application == case.application
    upgraded.close()

    Database.open(data_dir, script_location=tmp_path / "migrations").close()
    assert len(list((data_dir / BACKUP_DIR).iterdir())) == 1  # at head now: no second backup


def test_failed_migration_step_leaves_the_previous_revision_intact(data_dir: Path, tmp_path: Path,
                                                                   cipher: FieldCipher) -> None:
    db = Database.open(data_dir)
    repo = CaseRepository(db, cipher)
    case = repo.create(new_record(repo))
    db.close()
    broken = script_with_second_revision(tmp_path, extra='raise RuntimeError("migration bug")')
    with pytest.raises(RuntimeError, match="migration bug"):
        Database.open(data_dir, script_location=broken)
    # Transactional DDL: the added column is rolled back with the failed step, the version is unchanged.
    assert revision_of(data_dir / "counter.sqlite3") == HEAD
    reopened = Database.open(data_dir)
    with reopened.read() as session:
        columns = [row[1] for row in session.execute(text("PRAGMA table_info(audit_events)"))]
    assert "test_extra_column" not in columns
    assert CaseRepository(reopened, cipher).get(case.case_id) is not None
    reopened.close()
    assert len(list((data_dir / BACKUP_DIR).iterdir())) == 1


def test_database_from_a_newer_app_is_refused(data_dir: Path) -> None:
    Database.open(data_dir).close()
    conn = sqlite3.connect(data_dir / "counter.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew) as info:
        Database.open(data_dir)
    assert "升级" in info.value.message_zh
    assert not (data_dir / BACKUP_DIR).exists()


def test_models_and_migrations_agree(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from counter_app.store.tables import Base

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
