"""PostgreSQL lock limits (DistrictSettings.db_lock_timeout, db_idle_in_transaction_timeout): a request
never waits without end for a lock another session holds (in `serve --workers N` that wait would hold a
whole process's event loop), a session frozen inside a transaction loses its locks, and migrations are
exempt. Over real HTTP against the real server."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from counter_app.district.db import MIGRATION_LOCK_KEY, create_district_engine, schema_lock_key
from counter_app.district.migrate import upgrade_to_head
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import CaseRow
from counter_app.sync import protocol as p
from tests.district.helpers import (
    PG_CONNINFO,
    Api,
    Auth,
    assert_problem,
    blob_bytes,
    create_schema,
    drop_schema,
    pg_url_for_schema,
    submission,
)

LOCK_LIMIT = timedelta(milliseconds=500)
IDLE_LIMIT = timedelta(milliseconds=700)


@pytest.fixture
def settings(settings: DistrictSettings, backend: str) -> DistrictSettings:
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has its own busy_timeout")
    return dataclasses.replace(settings, work_on_event_loop=True, db_lock_timeout=LOCK_LIMIT,
                               db_idle_in_transaction_timeout=IDLE_LIMIT)


def _cases(runtime: DistrictRuntime, case_id: str) -> int:
    with runtime.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CaseRow)
                                  .where(CaseRow.case_id == case_id)) or 0)


def test_a_request_waiting_for_a_held_lock_gives_up_with_a_503(api: Api, clerk_a: Auth,
                                                               runtime: DistrictRuntime) -> None:
    sub = submission(blobs=[blob_bytes(2_000, 41)])
    with psycopg.connect(PG_CONNINFO) as holder:  # another process, holding the change feed's lock
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (runtime.db.feed_lock_key,))
        started = time.monotonic()
        refused = api.submit(clerk_a, sub)
        waited = time.monotonic() - started
        assert_problem(refused, 503, p.ProblemCode.UNAVAILABLE)
        assert int(refused.headers[p.HEADER_RETRY_AFTER]) >= 1
        assert LOCK_LIMIT.total_seconds() <= waited < 5
        assert _cases(runtime, sub.case_id) == 0  # nothing half-stored
        holder.rollback()
    assert api.submit(clerk_a, sub).status_code == 201  # the outbox's retry goes through
    assert _cases(runtime, sub.case_id) == 1


def test_a_session_frozen_inside_a_transaction_loses_its_locks(api: Api, clerk_a: Auth,
                                                                runtime: DistrictRuntime) -> None:
    with runtime.db.engine.connect() as frozen:  # a server process stopped mid-transaction
        frozen.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": runtime.db.feed_lock_key})
        time.sleep(IDLE_LIMIT.total_seconds() * 2)
        sub = submission(blobs=[blob_bytes(2_000, 42)])
        assert api.submit(clerk_a, sub).status_code == 201
        with pytest.raises(DBAPIError):  # the database ended that session and rolled it back
            frozen.execute(text("SELECT 1"))
    assert _cases(runtime, sub.case_id) == 1


def test_migrations_wait_for_each_other_beyond_the_lock_limit(settings: DistrictSettings) -> None:
    schema = create_schema()
    engine = create_district_engine(dataclasses.replace(settings, database_url=pg_url_for_schema(schema)))
    try:
        with psycopg.connect(PG_CONNINFO) as other:  # another process, migrating this schema
            other.execute("SELECT pg_advisory_xact_lock(%s)", (schema_lock_key(MIGRATION_LOCK_KEY, schema),))
            release = threading.Timer(LOCK_LIMIT.total_seconds() * 3, other.rollback)
            release.start()
            started = time.monotonic()
            upgrade_to_head(engine)
            assert time.monotonic() - started >= LOCK_LIMIT.total_seconds() * 2
            release.join()
        with engine.connect() as connection:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "500ms"
            assert connection.execute(text("SELECT count(*) FROM cases")).scalar() == 0
    finally:
        engine.dispose()
        drop_schema(schema)
