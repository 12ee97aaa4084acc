"""Database access for the district service: SQLite (embedded default) or PostgreSQL (psycopg 3).

SQLite reuses the counter store's engine (WAL, synchronous=FULL, foreign keys, busy_timeout) and takes the
write lock up front (BEGIN IMMEDIATE) for write transactions, so two server processes on one file queue
instead of failing half-way. PostgreSQL runs at READ COMMITTED; writers use compare-and-set updates and
unique keys, never in-process locks, so any number of processes can share the database.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from counter_app.district.settings import DistrictSettings
from counter_app.store.db import create_sqlite_engine, writing

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Arbitrary constant keys for pg_advisory_xact_lock: one for the change feed, one for migrations.
FEED_LOCK_KEY = 510_411_001
MIGRATION_LOCK_KEY = 510_411_002


def create_district_engine(settings: DistrictSettings) -> Engine:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("the district service needs a SQLite file, not an in-memory database")
        path = Path(url.database)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return create_sqlite_engine(path)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"unsupported database {url.get_backend_name()!r}: use sqlite or postgresql")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3, not SQLAlchemy's psycopg2 default
    engine = create_engine(url, pool_size=settings.db_pool_size, max_overflow=settings.db_pool_size,
                           pool_pre_ping=True, pool_recycle=1800)
    schema = settings.db_schema
    if schema is not None:
        if not _SCHEMA_NAME.match(schema):
            raise ValueError(f"invalid schema name {schema!r}")

        def _set_search_path(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f'SET search_path TO "{schema}"')
            finally:
                cursor.close()
            dbapi_connection.commit()

        event.listen(engine, "connect", _set_search_path)
    return engine


def schema_lock_key(base: int, schema: str) -> int:
    return base * 4_294_967_296 + zlib.crc32(schema.encode("utf-8"))  # fits a signed 64-bit key


class DistrictDb:
    """Sessions inside transactions: `write()` commits at the end (rolls back on error), `read()` never
    writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.feed_lock_key = FEED_LOCK_KEY
        if not self.is_sqlite:
            # Advisory locks are per database; districts kept in separate schemas of one database (and
            # test runs) must not wait for each other.
            with engine.connect() as connection:
                schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
            self.feed_lock_key = schema_lock_key(FEED_LOCK_KEY, schema)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with self.engine.connect() as connection:
            bound = writing(connection) if self.is_sqlite else connection
            with Session(bind=bound, expire_on_commit=False) as session, session.begin():
                yield session

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in a write transaction (no ORM session) for hot single-statement writes."""
        with self.engine.connect() as connection:
            bound = writing(connection) if self.is_sqlite else connection
            with bound.begin():
                yield bound

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) the session keeps loaded objects readable after the block; the
        # connection's transaction is rolled back when it returns to the pool.
        with self.engine.connect() as connection, Session(bind=connection) as session:
            yield session

    def feed_lock(self, session: Session) -> None:
        """Serialise change-feed inserts up to commit so cursors become visible in order (a reader must
        never see cursor 11 before 10 commits, or a counter would skip 10 for ever). SQLite's write lock
        already does this."""
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": self.feed_lock_key})

    def dispose(self) -> None:
        self.engine.dispose()
