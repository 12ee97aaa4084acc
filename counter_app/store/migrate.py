"""Alembic run from code at start-up, with a backup of the database before any upgrade.

No alembic.ini is needed: the configuration is built here. To write a new revision during development:
    python -m counter_app.store.migrate revision "what changed"
(autogenerates against a scratch database at the current head; review the result, it is batch mode).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, inspect

from counter_app.store.db import create_sqlite_engine, writing
from counter_app.store.errors import DatabaseTooNew, StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(script_location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return config


def head_revision(script_location: Path | None = None) -> str | None:
    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, db_path: Path, backup_dir: Path, *,
                    script_location: Path | None = None) -> Path | None:
    """Bring the database to the newest schema. Returns the backup file made first, or None when nothing
    had to be done or the database is new. Raises DatabaseTooNew for a schema this version does not know."""
    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise DatabaseTooNew(current) from None
    elif tables:
        raise StoreError("本机数据库的结构无法识别，程序不会修改它，请联系管理员",
                         f"The database schema is not recognised (tables {sorted(tables)}); "
                         "it was left as is")

    backup = backup_database(db_path, backup_dir, current) if current is not None else None
    with engine.connect() as connection:
        sqlite_conn = connection.connection.driver_connection
        assert isinstance(sqlite_conn, sqlite3.Connection)
        # Batch migrations copy and drop tables; SQLite's own procedure for that is to switch foreign keys
        # off outside any transaction and run foreign_key_check before switching them back on.
        sqlite_conn.execute("PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = writing(connection)
            command.upgrade(config, "head")
            problems = sqlite_conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError("数据库升级后外键检查失败，已保留升级前备份，请联系管理员",
                                 f"Foreign key check failed after the upgrade: {problems[:5]}; "
                                 f"backup: {backup}")
        finally:
            sqlite_conn.execute("PRAGMA foreign_keys=ON")
    return backup


def backup_database(db_path: Path, backup_dir: Path, revision: str) -> Path:
    """Copy the live database with SQLite's backup API (consistent even with a WAL) to
    backups/counter-<revision>-<UTC timestamp>.sqlite3. Fields stay encrypted as in the original."""
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"counter-{revision}-{stamp}.sqlite3"
    fd, tmp_name = tempfile.mkstemp(dir=backup_dir, prefix=".backup-", suffix=".tmp")  # owner-only
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = sqlite3.connect(db_path)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            (check,) = dest.execute("PRAGMA quick_check").fetchone()
        finally:
            dest.close()
            source.close()
        if check != "ok":
            raise StoreError("数据库备份校验失败，未进行升级，请联系管理员",
                             f"The database backup failed its integrity check ({check}); not upgrading")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _make_revision(message: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "scratch.sqlite3"
        engine = create_sqlite_engine(path)
        upgrade_to_head(engine, path, Path(scratch) / "backups")
        config = alembic_config()
        head = head_revision()
        rev_id = f"{int(head) + 1:04d}" if head and head.isdigit() else None  # 0001, 0002, ...
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m counter_app.store.migrate revision "message"')
    _make_revision(sys.argv[2])
