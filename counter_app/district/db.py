"""Database access for the district service: SQLite (embedded default) or PostgreSQL (psycopg 3).

SQLite reuses the counter store's engine (WAL, synchronous=FULL, foreign keys, busy_timeout) and takes the
write lock up front (BEGIN IMMEDIATE) for write transactions, so two server processes on one file queue
instead of failing half-way. PostgreSQL runs at READ COMMITTED; writers use compare-and-set updates and
unique keys, never in-process locks, so any number of processes can share the database.
"""

from __future__ import annotations

import contextlib
import re
import threading
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from counter_app.district import pg_raw
from counter_app.district.settings import DistrictSettings
from counter_app.store.db import create_sqlite_engine, writing

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_FEED_LOCK = text("SELECT pg_advisory_xact_lock(:k)")
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
    # No pool_pre_ping: it costs a round trip on every checkout. Every request's first statement is the
    # caller lookup, which retries once on a fresh connection when a pooled one turns out dead
    # (deps._authenticated); SQLAlchemy then discards all connections older than the dead one.
    # A database host that stopped answering must not hold a request (or, in `serve --workers N`, a
    # whole worker's event loop) for the minutes a TCP connect can take: give up after 10 s, as a 503.
    connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 10}
    engine = create_engine(url, pool_size=settings.db_pool_size, max_overflow=settings.db_pool_size,
                           pool_recycle=1800, connect_args=connect_args)
    schema = settings.db_schema
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name {schema!r}")
    # Set once per new connection (SET, not a startup `options` parameter, which connection poolers such
    # as PgBouncer refuse); every later request on the pooled connection has them at no cost.
    idle_limit = _milliseconds(settings.db_idle_in_transaction_timeout)
    setup = [f"SET lock_timeout = {_milliseconds(settings.db_lock_timeout)}",
             f"SET idle_in_transaction_session_timeout = {idle_limit}"]
    if schema is not None:
        setup.append(f'SET search_path TO "{schema}"')

    def _set_up_connection(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("; ".join(setup))  # no parameters: one simple query, one round trip
        finally:
            cursor.close()
        dbapi_connection.commit()

    event.listen(engine, "connect", _set_up_connection)
    return engine


def _milliseconds(limit: timedelta) -> int:
    return max(0, int(limit.total_seconds() * 1000))


def schema_lock_key(base: int, schema: str) -> int:
    return base * 4_294_967_296 + zlib.crc32(schema.encode("utf-8"))  # fits a signed 64-bit key


class DistrictDb:
    """Sessions inside transactions: `write()` commits at the end (rolls back on error), `read()` never
    writes.

    On PostgreSQL a request can lend its connection (`lend()`): the blocks run inside it on the same
    thread then reuse that one pooled connection one after another instead of each checking one out and
    pre-pinging it (a round trip each). A block nested inside another one still gets a connection of its
    own. SQLite does not lend: its checkouts are cheap, and its BEGIN IMMEDIATE option, set on a
    connection in place, would stick to a reused one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.feed_lock_key = FEED_LOCK_KEY
        self._lent = threading.local()
        if not self.is_sqlite:
            # Advisory locks are per database; districts kept in separate schemas of one database (and
            # test runs) must not wait for each other.
            with engine.connect() as connection:
                schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
            self.feed_lock_key = schema_lock_key(FEED_LOCK_KEY, schema)

    @contextlib.contextmanager
    def lend(self) -> Iterator[Connection]:
        """Check out one connection for the rest of this thread's request (PostgreSQL; see the class
        doc)."""
        if self.is_sqlite:
            raise ValueError("SQLite connections are not lent")
        with self.engine.connect() as connection:
            self._lent.connection, self._lent.busy = connection, False
            try:
                yield connection
            finally:
                self._lent.connection = None

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Connection]:
        lent: Connection | None = getattr(self._lent, "connection", None)
        if lent is None or self._lent.busy or lent.invalidated or lent.in_transaction():
            with self.engine.connect() as connection:
                yield connection
            return
        self._lent.busy = True
        try:
            yield lent
        finally:
            self._lent.busy = False
            # End what the block left open (a read's transaction), as returning it to the pool would.
            if lent.in_transaction():
                lent.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with self._connection() as connection:
            bound = writing(connection) if self.is_sqlite else connection
            with Session(bind=bound, expire_on_commit=False) as session, session.begin():
                yield session

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection (no ORM session) for ONE write statement on a hot path. PostgreSQL runs it in
        autocommit mode — a single statement is atomic and durable on its own, without BEGIN and COMMIT
        round trips; SQLite in a BEGIN IMMEDIATE transaction."""
        with self._connection() as connection:
            if self.is_sqlite:
                with writing(connection).begin():
                    yield connection
                return
            with _autocommit(connection):
                yield connection

    @contextlib.contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A Core connection for reads that need no transaction (each statement reads the latest
        committed data, as under READ COMMITTED anyway). PostgreSQL: autocommit mode, so no BEGIN and
        ROLLBACK round trips — and psycopg forgets its prepared statements on every ROLLBACK."""
        with self._connection() as connection:
            if self.is_sqlite:
                yield connection
                return
            with _autocommit(connection):
                yield connection

    @contextlib.contextmanager
    def raw(self, *, autocommit: bool) -> Iterator[Any]:
        """PostgreSQL only: psycopg's cursor on this request's connection (pg_raw.cursor) for the hot
        paths — autocommit for single statements, else one transaction committed at the block's end."""
        if self.is_sqlite:
            raise ValueError("raw cursors are for PostgreSQL")
        with self._connection() as connection, pg_raw.cursor(connection, autocommit=autocommit) as cur:
            yield cur

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) the session keeps loaded objects readable after the block; the
        # connection's transaction is rolled back when it returns to the pool (or, lent, at the block's end).
        with self._connection() as connection, Session(bind=connection) as session:
            yield session

    def feed_lock(self, session: Session) -> None:
        """Serialise change-feed inserts up to commit so cursors become visible in order (a reader must
        never see cursor 11 before 10 commits, or a counter would skip 10 for ever). SQLite's write lock
        already does this."""
        if not self.is_sqlite:
            session.execute(_FEED_LOCK, {"k": self.feed_lock_key})

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def _autocommit(connection: Connection) -> Iterator[None]:
    """PostgreSQL: `connection` in autocommit mode for the block. Switching is client-side in psycopg (no
    round trip); commit/rollback at the end only close SQLAlchemy's own bookkeeping, as the server has no
    transaction open."""
    connection.execution_options(isolation_level="AUTOCOMMIT")
    try:
        yield
    except BaseException:
        if connection.in_transaction():
            connection.rollback()
        raise
    else:
        if connection.in_transaction():
            connection.commit()
    finally:
        if not connection.invalidated and not connection.closed:
            connection.execution_options(isolation_level=connection.default_isolation_level)
