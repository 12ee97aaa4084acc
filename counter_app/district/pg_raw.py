"""PostgreSQL hot paths on the driver's own cursor: the statements every synced case runs.

Each of a case's three requests authenticates the caller, each blob batch upserts its rows and each case
version calls the intake function (intake_pg). Through SQLAlchemy every statement cost ~0.2 ms of Python
on top of the driver's own work. Here the SAME statements (the SQLAlchemy constructs of the modules that
own them, compiled once for psycopg) run on psycopg's cursor of the request's pooled connection. SQLite
keeps the SQLAlchemy path: it is the embedded single-counter default, where none of this matters.

Driver errors come out as SQLAlchemy's exception classes (IntegrityError, OperationalError, ...) and a
lost connection is invalidated in the pool, exactly as SQLAlchemy does it: callers and the problem
handlers see no difference.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement


class Compiled:
    """One statement compiled once for PostgreSQL/psycopg (pyformat parameters). An INSERT should be
    given `.inline()` unless it has an explicit RETURNING: otherwise the dialect adds RETURNING id."""

    def __init__(self, statement: ClauseElement, column_keys: Sequence[str] | None = None) -> None:
        from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

        dialect: Any = PGDialect_psycopg()  # type: ignore[no-untyped-call]
        compiled = statement.compile(dialect=dialect,
                                     column_keys=list(column_keys) if column_keys is not None else None)
        self.sql = str(compiled)
        # Literals of the construct (a WHERE name = 'chain') are bound parameters too: their values.
        # Parameters without a value (bindparam("x")) are the caller's to give, not defaults.
        self._defaults = {name: value for name, value in compiled.params.items() if value is not None}

    def bind(self, values: dict[str, Any]) -> dict[str, Any]:
        """The parameters to execute with: the statement's own literals, then `values`."""
        return {**self._defaults, **values} if self._defaults else values

    def __str__(self) -> str:
        return self.sql


def naive_utc(value: datetime) -> datetime:
    """What UTCDateTime stores: aware datetimes only, as naive UTC (it refuses naive ones too)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: store aware UTC datetimes only")
    return value.astimezone(UTC).replace(tzinfo=None)


@contextlib.contextmanager
def cursor(connection: Connection, *, autocommit: bool) -> Iterator[Any]:
    """psycopg's cursor on `connection` (a pooled SQLAlchemy connection with no transaction open).

    autocommit=True: each statement commits on its own (single-statement reads and upserts).
    autocommit=False: one transaction, committed when the block ends and rolled back if it raises.
    """
    if connection.in_transaction():
        raise RuntimeError("the SQLAlchemy connection has a transaction open")
    driver = connection.connection.driver_connection
    assert driver is not None
    try:
        driver.autocommit = autocommit
        try:
            with driver.cursor(row_factory=_rows()) as cur:
                yield cur
            if not autocommit:
                driver.commit()
        except BaseException:
            if not autocommit and not driver.closed:
                with contextlib.suppress(Exception):
                    driver.rollback()
            raise
        finally:
            if not driver.closed:
                with contextlib.suppress(Exception):
                    driver.autocommit = False
    except Exception as exc:
        _reraise(connection, exc)


def _rows() -> Any:
    from psycopg.rows import namedtuple_row  # rows read by column name, as SQLAlchemy's Row

    return namedtuple_row


def _reraise(connection: Connection, exc: Exception) -> None:
    """A driver error as SQLAlchemy raises it; a lost connection is invalidated (the pool drops it)."""
    import psycopg

    if not isinstance(exc, psycopg.Error):
        raise exc
    dialect = connection.dialect
    driver = connection.connection.driver_connection
    disconnected = dialect.is_disconnect(cast(Any, exc), driver, None)
    if disconnected and not connection.invalidated:
        connection.invalidate(exc)
    raise DBAPIError.instance(None, None, exc, psycopg.Error, connection_invalidated=disconnected,
                              dialect=dialect) from exc
