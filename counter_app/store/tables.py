"""The local store's tables (SQLAlchemy 2.0 declarative, `Mapped[...]`).

No column holds applicants' personal data in clear: names, ID numbers, phones and addresses exist only
inside the AES-GCM encrypted `*_enc` columns, and nothing is indexed on them. Search decrypts the small
`summary_enc` column instead (see `counter_app.store.search`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so Alembic batch migrations can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out. SQLite has no time zones, so a naive value would
    silently mean "local time of whoever wrote it"; naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware UTC datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CaseRow(Base):
    __tablename__ = "cases"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID made by the counter
    case_number: Mapped[str] = mapped_column(String(64), unique=True)
    township_code: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)  # submission version (resubmission = n+1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))  # the clerk's user name, not applicant data
    # Application.to_dict() as JSON, encrypted; aad = aad_for(case_id, "application").
    application_enc: Mapped[bytes] = mapped_column(LargeBinary)
    # Operator name, ID number, business name and pinyin keys for search; aad = aad_for(case_id, "summary").
    summary_enc: Mapped[bytes] = mapped_column(LargeBinary)
    # Optimistic locking: +1 on every write; a save naming an older value is a StaleWrite.
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    # Covers the case list (and search, which lists first): newest first without touching the table rows,
    # whose encrypted application (several KB in overflow pages) would otherwise be read for every case.
    __table_args__ = (
        Index("ix_cases_listing", "updated_at", "case_number", "case_id", "status", "row_version"),
    )


class CaseNumberSeq(Base):
    """Last case-number sequence handed out per township and day. Kept apart from `cases` so a number is
    never handed out twice, even when the case that got it was never saved."""

    __tablename__ = "case_number_seq"

    township_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)  # YYYYMMDD
    last_seq: Mapped[int] = mapped_column(Integer)


class AuditEventRow(Base):
    """Who did what to which case. `detail` is JSON without personal data (AuditLog checks). `seq`,
    `prev_hash` and `hash` make the trail a hash chain (counter_app.security.audit_chain)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    # No foreign key: the audit trail outlives purged cases (kept at least 6 months, domain.md §7).
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # chain order: 1, 2, 3, … without gaps
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class CaseRetentionRow(Base):
    """What the retention job (counter_app.services.retention) has already purged of a case. After the
    data purge the case row itself is the masked index: number, status and dates in clear, the name and
    ID number masked inside its encrypted summary. No foreign key: a record of a purge outlives all."""

    __tablename__ = "case_retention"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    images_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    data_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class BlobRow(Base):
    """Which encrypted blob (see EncryptedBlobStore) fills which slot of which case. The key includes
    the case and slot because identical bytes can belong to two cases (the demo's sample images do);
    the file itself is stored once per hash."""

    __tablename__ = "blobs"

    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         primary_key=True)
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)  # e.g. "portrait", "id_front"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_blobs_sha256", "sha256"),)


class StoreMeta(Base):
    """Small store-wide facts, e.g. the data-key check value (see counter_app.store.keycheck)."""

    __tablename__ = "store_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class CaseMaterialRow(Base):
    """One captured page of one checklist slot of a case (issue 3): the portrait or a document page.

    Only hashes and technical facts live here; the images themselves are encrypted blobs (each also has a
    `blobs` row so files are reference-counted). `quality_json` holds check names and scores, never
    personal data. The original frame is kept until the district confirms receipt, then purged, which
    clears `original_sha256`."""

    __tablename__ = "case_materials"

    material_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"))
    slot: Mapped[str] = mapped_column(String(64))  # checklist slot key, e.g. "operator_id_front"
    page: Mapped[int] = mapped_column(Integer)  # 0-based page within the slot
    kind: Mapped[str] = mapped_column(String(16))  # "portrait" | "document"
    sha256: Mapped[str] = mapped_column(String(64))  # the encoded image that is sent
    thumb_sha256: Mapped[str] = mapped_column(String(64))
    original_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # bytes of the encoded image
    doc_type: Mapped[str] = mapped_column(String(32))  # "portrait", "a4", "id_card", "certificate", ...
    quality_json: Mapped[str] = mapped_column(Text, default="{}")
    override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # manual capture only
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime())
    captured_by: Mapped[str] = mapped_column(String(64))  # the clerk's user name
    district_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        UniqueConstraint("case_id", "slot", "page", name="uq_case_materials_case_slot_page"),
    )


# --- sync: the counter's outbox and what came back from the district (issue 4) ---------------------


class OutboxItemRow(Base):
    """One submission (case id + version) in the counter's outbox.

    The request body is frozen here when the clerk submits (encrypted: it carries the application), so
    every retry and every replay after a crash sends the very same bytes and the district's idempotency
    check recognises them. `state` says who has to act next: "waiting" (the worker), "delivered" (nobody),
    "attention" (a person; the reason is kept in error_*). `phase` orders the work: thumbnails, then the
    case data, then the full images (small first, so review can start early)."""

    __tablename__ = "outbox_items"

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         index=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), index=True)  # waiting | delivered | attention
    phase: Mapped[str] = mapped_column(String(16))  # thumbs | case | images | done
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)  # aad = aad_for(case_id, "outbox:v<version>")
    payload_size: Mapped[int] = mapped_column(Integer)
    bytes_total: Mapped[int] = mapped_column(Integer)  # payload + every blob
    bytes_done: Mapped[int] = mapped_column(Integer, default=0)  # as far as the server confirmed
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failures in a row, reset on progress
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_zh: Mapped[str | None] = mapped_column(Text, nullable=True)  # never personal data
    error_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # district's
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    server_status: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (UniqueConstraint("case_id", "version", name="uq_outbox_items_case_version"),)


class OutboxBlobRow(Base):
    """A blob one outbox item must get onto the server. `confirmed` is only for showing progress: where
    an upload resumes is always asked from the server (HEAD), never taken from here."""

    __tablename__ = "outbox_blobs"

    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("outbox_items.item_id", ondelete="CASCADE"),
                                         primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "thumb" (sent before the case) | "full"
    seq: Mapped[int] = mapped_column(Integer)  # upload order within the item
    size: Mapped[int] = mapped_column(Integer)
    confirmed: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncMetaRow(Base):
    """Small sync facts that must survive a restart: the change-feed cursor, the last successful sync."""

    __tablename__ = "sync_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncChangeRow(Base):
    """Every change-feed entry about one of this counter's cases, stored in the same transaction that
    applies it and advances the cursor, so a feed page re-read after a crash is recognised (cursor is
    unique) and never applied twice. `data` may quote reasons with personal data: encrypted."""

    __tablename__ = "sync_changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cursor: Mapped[str] = mapped_column(String(64), unique=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)  # no FK: history outlives a purge
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # status | decision | dispatch
    status: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data_enc: Mapped[bytes] = mapped_column(LargeBinary)  # aad = aad_for(case_id, "change:<cursor>")
    outcome: Mapped[str] = mapped_column(String(16))  # applied | unchanged | stale | refused
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LicencePickupRow(Base):
    """A licence's arrival at the township and its handover (issue 6), one row per case.

    Nothing personal in clear: the licence facts (USCC, authority, dates) are public registration data;
    the 6-digit pickup code exists only as an Argon2id hash, cleared when the code is used or replaced;
    the signature is an encrypted blob referred to by hash. Dates without a time are ISO text."""

    __tablename__ = "licence_pickups"

    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         primary_key=True)
    licence_json: Mapped[str] = mapped_column(Text)  # LicenceInfo.to_dict() as JSON
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    arrived_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # clerk user name
    pickup_due: Mapped[str | None] = mapped_column(String(10), nullable=True)  # YYYY-MM-DD
    code_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    code_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)  # wrong codes since the last lock
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    collected_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # clerk user name
    collector_role: Mapped[str | None] = mapped_column(String(16), nullable=True)  # operator | agent
    collector_id_type: Mapped[str | None] = mapped_column(String(32), nullable=True)  # IdDocType value
    holder_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)  # clerk compared face and ID
    authorisation_checked: Mapped[bool] = mapped_column(Boolean, default=False)  # agent's 委托书 seen
    signature_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class PickupNotificationRow(Base):
    """That the applicant was told the licence has arrived: how and with what result (a record only; no
    message is sent from here). Which contact was used is named by role, never by number."""

    __tablename__ = "pickup_notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))  # phone | sms | in_person | letter
    contact: Mapped[str] = mapped_column(String(16))  # operator | agent | liaison
    outcome: Mapped[str] = mapped_column(String(16))  # reached | no_answer | message_left


class SatisfactionRatingRow(Base):
    """The applicant's 好差评 rating, five levels, at most one per case (the primary key says so)."""

    __tablename__ = "satisfaction_ratings"

    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         primary_key=True)
    level: Mapped[int] = mapped_column(Integer)  # 1 非常不满意 .. 5 非常满意
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))  # counter


# --- acceptance (受理 / 容缺受理) ---------------------------------------------------------------------


class CaseAcceptanceRow(Base):
    """When and by whom a case was accepted, its deadlines, and the deferred (容缺) items promised.
    Holds document names and dates only, no personal data. A resubmission after correction keeps the
    original acceptance (review restarts, acceptance does not)."""

    __tablename__ = "case_acceptances"

    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"),
                                         primary_key=True)
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_by: Mapped[str] = mapped_column(String(64))
    legal_due: Mapped[str] = mapped_column(String(10))  # ISO date
    committed_due: Mapped[str] = mapped_column(String(10))
    extended_legal_due: Mapped[str] = mapped_column(String(10))
    deferred_json: Mapped[str] = mapped_column(Text, default="[]")  # [{item_key, label_zh, ...}]
    commitment_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings_json: Mapped[str] = mapped_column(Text, default="[]")  # calendar fallback warnings


# --- sign-in on this counter (counter_app.security.login) ------------------------------------------------


class CounterUserRow(Base):
    """Who signed in on this counter, for offline sign-in and the lock-out that survives a restart.

    Never the password: `verifier_enc` is an argon2 hash of it, itself AES-GCM encrypted with the data key
    (aad = aad_for("counter-user:<username>", "verifier")), so a copied database file cannot be attacked
    offline without the keyring too. The profile (display name, role, township) is encrypted likewise.
    A row without a verifier only counts failed attempts for a name that never signed in here."""

    __tablename__ = "counter_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    verifier_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    profile_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    last_online_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# --- 容缺 items supplied later (issue 5, counter_app.store.supplies) ------------------------------------


class OutboxSupplyRow(Base):
    """A 容缺 item captured after the case went to the district: its image must reach the server, then
    POST /v1/cases/{id}/deferred/{slot} records it (which clears the approval block). Waits here like a
    submission; a replay of the same (case, slot, image) is one row, so the district hears of it once."""

    __tablename__ = "outbox_supplies"

    supply_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.case_id", ondelete="CASCADE"))
    slot: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))  # the full image (encrypted in the blob store)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), index=True)  # waiting | delivered | attention
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_zh: Mapped[str | None] = mapped_column(Text, nullable=True)  # never personal data
    error_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (UniqueConstraint("case_id", "slot", "sha256", name="uq_outbox_supplies_case_slot_sha"),)
