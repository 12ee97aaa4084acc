"""Alembic environment of the district service: only ever run through counter_app.district.migrate,
which passes the connection (no alembic.ini, no URL here)."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.district.db import MIGRATION_LOCK_KEY, schema_lock_key
from counter_app.district.tables import Base
from counter_app.store.tables import UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import application types that may change later.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through counter_app.district.migrate")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
        # One transaction for the whole upgrade, begun BEFORE Alembic reads the current revision: two
        # server processes starting together must not both try to create the tables. SQLite's BEGIN
        # IMMEDIATE (the caller's connection) and PostgreSQL's advisory lock below make the second wait
        # and then find the schema at head.
        transaction_per_migration=False,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # A migration may wait for another process's migration, and hold its own locks, longer
            # than a request may (DistrictSettings.db_lock_timeout); SET LOCAL ends with this transaction.
            connection.execute(text("SET LOCAL lock_timeout = 0"))
            connection.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
            schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                               {"k": schema_lock_key(MIGRATION_LOCK_KEY, schema)})
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported for the district service")
run_migrations()
