"""Alembic environment: only ever run through counter_app.store.migrate, which passes the connection."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from counter_app.store.tables import Base, UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import application types that may change later: UTCDateTime is stored as a
    # plain DateTime.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through counter_app.store.migrate (no engine URL is configured)")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move in batch mode
        # Our BEGIN handling (counter_app.store.db) makes SQLite DDL transactional, so each revision
        # commits together with its version bump and a failed step leaves the previous revision intact.
        transactional_ddl=True,
        transaction_per_migration=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported for the local store")
run_migrations()
