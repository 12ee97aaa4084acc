"""PostgreSQL: version 1 of a new case stored by one server-side function, in one round trip.

Every synced case stores the same rows: the case, its review row and 容缺 items, the version, the blob
references, the change-feed row (under the feed lock) and the audit record (under the chain's head
lock). Sent as a dozen statements from Python, psycopg's per-statement work was a large share of the
service's CPU per case, and both locks were held across two round trips back to Python (the audit hash
needs the head). `intake_first_version` does it all in the order and under the locks that
counter_app.district.intake_pg describes; the audit record's hash is SHA-256 over the record's canonical
JSON, which Python sends cut around the two values only known under the head lock (audit_chain
ChainRecord.canonical_around_link), so the chain is exactly the one Python builds.

SQLite has no server-side functions: its intake stays in Python (counter_app.district.cases).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 01:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIGNATURE = (
    "intake_first_version(varchar, varchar, varchar, varchar, varchar, timestamp, date, boolean, "
    "date, date, date, varchar[], date[], varchar, bytea, text, varchar, varchar, varchar[], "
    "bigint, varchar, text, timestamp, varchar, varchar, varchar, varchar, text, varchar, bytea, bytea, "
    "bytea)")

# Returns the version's missing blobs (refs not stored complete, in the refs' order), or NULL when the
# case exists already: then nothing was written and the caller takes the general path.
# SET search_path FROM CURRENT: the tables are the ones of the schema the migration ran in, whatever
# the caller's search_path.
_FUNCTION = """
CREATE FUNCTION intake_first_version(
    p_case_id varchar, p_township varchar, p_case_number varchar, p_status varchar,
    p_submission_status varchar, p_now timestamp, p_queue_due date, p_deferred_outstanding boolean,
    p_accepted_on date, p_committed_due date, p_legal_due date,
    p_deferred_slots varchar[], p_deferred_due date[],
    p_body_hash varchar, p_body_enc bytea, p_receipt_head text, p_submitted_by varchar,
    p_device_id varchar, p_refs varchar[],
    p_feed_lock bigint, p_feed_kind varchar, p_feed_data text,
    p_audit_at timestamp, p_audit_actor varchar, p_audit_role varchar, p_audit_device varchar,
    p_audit_action varchar, p_audit_detail text, p_chain varchar,
    p_hash_head bytea, p_hash_mid bytea, p_hash_tail bytea
) RETURNS varchar[]
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
    v_complete varchar[];
    v_missing varchar[];
    v_seq bigint;
    v_prev varchar;
    v_hash varchar;
BEGIN
    INSERT INTO cases (case_id, township_code, case_number, status, version, submission_status,
                       created_at, updated_at, queue_due, deferred_outstanding)
    VALUES (p_case_id, p_township, p_case_number, p_status, 1, p_submission_status, p_now, p_now,
            p_queue_due, p_deferred_outstanding)
    ON CONFLICT (case_id) DO NOTHING;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;

    -- Which refs are stored: planned afresh on each call (EXECUTE), as a primary-key lookup of the few
    -- refs. A plan cached by the session could be one made while `blobs` was nearly empty (a new
    -- district's first cases) and go on scanning the whole table for every case as it grows.
    EXECUTE 'SELECT coalesce(array_agg(sha256), ''{}'') FROM blobs WHERE sha256 = ANY($1) AND complete'
       INTO v_complete USING p_refs;
    SELECT coalesce(array_agg(r.sha ORDER BY r.ord), '{}') INTO v_missing
      FROM unnest(p_refs) WITH ORDINALITY AS r(sha, ord)
     WHERE r.sha <> ALL(v_complete);

    INSERT INTO review_cases (case_id, accepted_on, committed_due, legal_due)
    VALUES (p_case_id, p_accepted_on, p_committed_due, p_legal_due);
    INSERT INTO review_deferred (case_id, slot, due_date)
    SELECT p_case_id, d.slot, d.due FROM unnest(p_deferred_slots, p_deferred_due) AS d(slot, due);

    -- The receipt as pydantic writes it: its JSON up to the missing list (the last field), then the list.
    INSERT INTO case_versions (case_id, version, body_hash, body_enc, receipt_json, received_at,
                               submitted_by, device_id)
    VALUES (p_case_id, 1, p_body_hash, p_body_enc,
            p_receipt_head || '[' || coalesce((SELECT string_agg('"' || m || '"', ',' ORDER BY o)
                                               FROM unnest(v_missing) WITH ORDINALITY AS x(m, o)), '')
            || ']}',
            p_now, p_submitted_by, p_device_id);
    INSERT INTO case_blobs (case_id, version, sha256) SELECT p_case_id, 1, r FROM unnest(p_refs) AS r;

    -- Feed rows are inserted under one lock held to commit, so cursors become visible in order.
    PERFORM pg_advisory_xact_lock(p_feed_lock);
    INSERT INTO changes (case_id, township_code, case_number, version, status, kind, at, data_json)
    VALUES (p_case_id, p_township, p_case_number, 1, p_status, p_feed_kind, p_now, p_feed_data);

    -- The audit record last, under the chain's head lock (held only for the commit that follows).
    SELECT seq, hash INTO v_seq, v_prev FROM audit_head WHERE name = p_chain FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit chain has no head row (database not migrated)';
    END IF;
    v_seq := v_seq + 1;
    v_hash := encode(sha256(p_hash_head || convert_to(v_prev, 'UTF8') || p_hash_mid
                            || convert_to(v_seq::text, 'UTF8') || p_hash_tail), 'hex');
    INSERT INTO audit_events (at, actor, role, device_id, action, case_id, detail, seq, prev_hash, hash)
    VALUES (p_audit_at, p_audit_actor, p_audit_role, p_audit_device, p_audit_action, p_case_id,
            p_audit_detail, v_seq, v_prev, v_hash);
    UPDATE audit_head SET seq = v_seq, hash = v_hash WHERE name = p_chain;
    RETURN v_missing;
END
$fn$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {_SIGNATURE}")
