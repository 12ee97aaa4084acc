"""The ingest hot paths (issue 4 benchmark b) keep every guarantee of the general ones: a small whole blob
read before the caller is looked up, a new case stored without lookups, the caller looked up without a
pool pre-ping — over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import httpx
import psycopg
import pytest
from alembic import command
from sqlalchemy import select, text

from counter_app.district import accounts, audit
from counter_app.district.cases import body_aad
from counter_app.district.db import create_district_engine
from counter_app.district.migrate import alembic_config
from counter_app.district.review_state import on_submitted
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import (
    AuditHeadRow,
    AuditRow,
    BlobRow,
    CaseBlobRow,
    CaseRow,
    CaseVersionRow,
    ChangeRow,
    DeferredRow,
    ReviewRow,
)
from counter_app.sync import protocol as p
from tests.district.helpers import PG_CONNINFO, Api, Auth, assert_problem, blob_bytes, sha, submission


def _files(runtime: DistrictRuntime, folder: str) -> list[str]:
    return [f.name for f in (runtime.settings.blob_dir / folder).rglob("*") if f.is_file()]


def test_a_whole_put_completes_an_upload_in_progress(api: Api, clerk_a: Auth,
                                                     runtime: DistrictRuntime) -> None:
    data = blob_bytes(30_000, 21)
    assert api.put_chunk(clerk_a, sha(data), data[:10_000], 0, len(data)).json()["offset"] == 10_000
    assert _files(runtime, "partial")
    whole = api.put_chunk(clerk_a, sha(data), data, 0, len(data))
    assert whole.json() == {"sha256": sha(data), "complete": True, "offset": 30_000, "size": 30_000}
    assert not _files(runtime, "partial")  # the superseded partial upload is gone
    assert runtime.blobs.read(sha(data)) == data
    again = api.put_chunk(clerk_a, sha(data), data, 0, len(data))  # re-sending changes nothing
    assert again.json()["complete"] is True
    with runtime.db.read() as session:
        row = session.get(BlobRow, sha(data))
        assert row is not None and row.complete and row.received == 30_000
    assert len(_files(runtime, "objects")) == 1


def test_a_whole_put_is_checked_before_anything_is_stored(api: Api, client: httpx.Client, clerk_a: Auth,
                                                          runtime: DistrictRuntime) -> None:
    data = blob_bytes(5_000, 22)
    rng = {p.HEADER_CONTENT_RANGE: p.content_range(0, len(data) - 1, len(data))}
    missing = client.put(p.blob_path(sha(data)), content=data, headers=rng)
    assert_problem(missing, 401, p.ProblemCode.AUTH_MISSING_CREDENTIALS)
    forged = {**clerk_a.headers, p.HEADER_AUTHORIZATION: "Bearer not-a-session", **rng}
    assert_problem(client.put(p.blob_path(sha(data)), content=data, headers=forged), 401,
                   p.ProblemCode.AUTH_SESSION_INVALID)
    wrong = api.put_chunk(clerk_a, sha(b"other bytes"), data, 0, len(data))
    assert_problem(wrong, 422, p.ProblemCode.BLOB_HASH_MISMATCH)
    assert api.head(clerk_a, sha(data)).offset == 0
    assert not _files(runtime, "objects") and not _files(runtime, "partial")


def test_a_revoked_device_stops_whole_puts_at_once(api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    first = blob_bytes(3_000, 23)
    assert api.put_chunk(clerk_a, sha(first), first, 0, len(first)).status_code == 200
    with runtime.db.write() as session:
        assert accounts.revoke_device(session, clerk_a.device_id)
    second = blob_bytes(3_000, 24)
    refused = api.put_chunk(clerk_a, sha(second), second, 0, len(second))
    assert_problem(refused, 401, p.ProblemCode.AUTH_DEVICE_REVOKED)
    assert not runtime.blobs.objects.exists(sha(second))


def test_a_new_case_gets_the_same_review_rows_as_the_general_path(api: Api, clerk_a: Auth,
                                                                  runtime: DistrictRuntime) -> None:
    due = date.today() + timedelta(days=20)
    deferred = [p.DeferredItem(slot="premises_photo_1", delivery="counter", due_date=due),
                p.DeferredItem(slot="lease", delivery="post", due_date=due + timedelta(days=1))]
    sub = submission().model_copy(update={"status": "accepted_with_deferrals", "deferred": deferred})
    response = api.submit(clerk_a, sub)
    assert response.status_code == 201, response.text
    assert api.submit(clerk_a, sub).status_code == 200  # a replay still gets the stored answer
    with runtime.db.read() as session:
        fast = _review_rows(session, sub.case_id)
    # The general path (review_state.on_submitted) on a twin case, rolled back afterwards.
    twin = sub.model_copy(update={"case_id": "00000000-0000-4000-8000-000000000001"})
    with pytest.raises(_Rollback), runtime.db.write() as session:
        case = CaseRow(case_id=twin.case_id, township_code=twin.township_code, case_number="T",
                       status="submitted", version=1, submission_status=twin.status,
                       created_at=twin.submitted_at, updated_at=twin.submitted_at)
        session.add(case)
        session.flush()
        on_submitted(session, case, twin, runtime.rules)
        session.flush()
        general = _review_rows(session, twin.case_id)
        raise _Rollback
    assert fast == general
    assert fast[1] == [("lease", due + timedelta(days=1)), ("premises_photo_1", due)]


class _Rollback(Exception):
    pass


def _review_rows(session: object, case_id: str) -> tuple[tuple[object, ...], list[tuple[str, date]]]:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    review = session.get(ReviewRow, case_id)
    assert review is not None
    items = session.execute(select(DeferredRow.slot, DeferredRow.due_date)
                            .where(DeferredRow.case_id == case_id).order_by(DeferredRow.slot)).all()
    return ((review.accepted_on, review.committed_due, review.legal_due, review.extension_reason,
             review.claimed_by), [(slot, due_date) for slot, due_date in items])


def test_connections_the_database_dropped_are_replaced_without_an_error(
        backend: str, api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    """No pool pre-ping: the caller lookup retries once when PostgreSQL dropped a pooled connection."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no server to drop a connection")
    warm = blob_bytes(2_000, 25)
    assert api.put_chunk(clerk_a, sha(warm), warm, 0, len(warm)).status_code == 200
    pool = runtime.db.engine.pool
    pids = [record.dbapi_connection.info.backend_pid  # type: ignore[attr-defined]
            for record in list(pool._pool.queue)]  # type: ignore[attr-defined]
    assert pids
    with psycopg.connect(PG_CONNINFO, autocommit=True) as admin:
        for pid in pids:  # only this test's own pooled connections
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    data = blob_bytes(4_000, 26)
    assert api.put_chunk(clerk_a, sha(data), data, 0, len(data)).status_code == 200
    assert api.head(clerk_a, sha(data)).complete
    assert api.submit(clerk_a, submission(blobs=[data])).status_code == 201


def test_a_database_host_that_does_not_answer_is_given_up_on(backend: str, runtime: DistrictRuntime,
                                                              settings: DistrictSettings) -> None:
    """A connect gives up after 10 s (libpq waits for TCP otherwise: minutes, with a worker's event loop
    blocked in `serve --workers N`); a connect_timeout in the database URL is kept."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    with runtime.db.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None and driver.info.get_parameters()["connect_timeout"] == "10"
    engine = create_district_engine(dataclasses.replace(
        settings, database_url=settings.database_url + "&connect_timeout=3"))
    try:
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None and driver.info.get_parameters()["connect_timeout"] == "3"
    finally:
        engine.dispose()


def test_a_new_case_records_each_blob_it_refers_to_once(api: Api, clerk_a: Auth,
                                                         runtime: DistrictRuntime) -> None:
    fulls, thumbs = [blob_bytes(3_000, 31), blob_bytes(3_000, 32)], [blob_bytes(500, 33), blob_bytes(500, 33)]
    sub = submission(blobs=fulls, thumbs=thumbs)  # both pages share one thumbnail: listed once
    assert api.submit(clerk_a, sub).status_code == 201
    with runtime.db.read() as session:
        rows = session.execute(select(CaseBlobRow.version, CaseBlobRow.sha256)
                               .where(CaseBlobRow.case_id == sub.case_id)).all()
    assert sorted(rows) == sorted((1, sha(data)) for data in [*fulls, thumbs[0]])


def test_a_new_case_stores_what_the_general_path_would(backend: str, api: Api, clerk_a: Auth,
                                                        runtime: DistrictRuntime) -> None:
    """The new-case path (on PostgreSQL one server-side function, migration 0008) stores the receipt
    byte for byte as pydantic writes it, the feed row, the version's body and an audit record that
    links into the chain — with a blob still missing, deferred items and text the JSON must escape."""
    stored, missing = blob_bytes(2_000, 41), blob_bytes(2_000, 42)
    assert api.put_chunk(clerk_a, sha(stored), stored, 0, len(stored)).status_code == 200
    due = date.today() + timedelta(days=20)
    sub = submission(blobs=[stored, missing], number='RH-"引号"\\-0001').model_copy(update={
        "status": "accepted_with_deferrals",
        "deferred": [p.DeferredItem(slot="lease", delivery="post", due_date=due)]})
    response = api.submit(clerk_a, sub)
    assert response.status_code == 201, response.text
    receipt = p.SubmissionReceipt.model_validate_json(response.text)
    assert receipt.missing_blobs == [sha(missing)]
    with runtime.db.read() as session:
        version = session.get(CaseVersionRow, (sub.case_id, 1))
        assert version is not None
        assert version.receipt_json == receipt.model_dump_json()  # the bytes Python would have stored
        assert version.body_hash == p.canonical_hash(sub)
        body = runtime.intake.cipher.decrypt_json(version.body_enc, aad=body_aad(sub.case_id, 1))
        assert body == json.loads(p.canonical_body(sub)) == sub.model_dump(mode="json")
        change = session.scalars(select(ChangeRow).where(ChangeRow.case_id == sub.case_id)).one()
        assert (change.kind, change.status, change.version, change.case_number) == (
            "status", "submitted", 1, sub.case_number)
        assert json.loads(change.data_json)["submission_status"] == "accepted_with_deferrals"
        event = session.scalars(select(AuditRow).where(AuditRow.case_id == sub.case_id)).one()
        assert (event.action, event.actor, event.device_id) == ("case_submitted", "demo-clerk",
                                                                clerk_a.device_id)
        head = session.get(AuditHeadRow, audit.HEAD_NAME)
        assert head is not None and (head.seq, head.hash) == (event.seq, event.hash)
        assert audit.verify(session).ok
    assert api.submit(clerk_a, sub).json() == response.json()  # a replay answers from the stored receipt


def test_migration_0008_adds_and_removes_the_intake_function(backend: str, settings: DistrictSettings,
                                                               runtime: DistrictRuntime) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite keeps the intake in Python")
    config = alembic_config()
    with runtime.db.engine.connect() as connection:
        config.attributes["connection"] = connection

        def functions() -> int:
            return int(connection.execute(text(
                "SELECT count(*) FROM pg_proc WHERE proname = 'intake_first_version' "
                "AND pronamespace = current_schema()::regnamespace")).scalar_one())

        assert functions() == 1
        command.downgrade(config, "0007")
        assert functions() == 0
        command.upgrade(config, "head")
        assert functions() == 1
        connection.commit()
