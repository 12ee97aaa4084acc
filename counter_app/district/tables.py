"""The district service's tables (its own metadata and migrations, separate from the counter's store).

Applicants' personal data exists only inside `case_versions.body_enc` (AES-GCM, see
counter_app.district.cipher) and the encrypted image files; every other column is a code, a hash, a
status or a time. Tokens and registration codes are stored as SHA-256 hashes only, passwords as argon2.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from counter_app.store.tables import NAMING_CONVENTION, UTCDateTime

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
AutoId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Township(Base):
    __tablename__ = "townships"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)  # e.g. 510411001
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class User(Base):
    __tablename__ = "users"

    user_id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # clerk | reviewer | admin
    township_code: Mapped[str | None] = mapped_column(ForeignKey("townships.code"), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RegistrationCode(Base):
    __tablename__ = "registration_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    township_code: Mapped[str | None] = mapped_column(ForeignKey("townships.code"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # 1 for a real code (one-time); NULL = unlimited, which only the demo seed creates.
    uses_left: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Device(Base):
    __tablename__ = "devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    township_code: Mapped[str | None] = mapped_column(ForeignKey("townships.code"), nullable=True)
    counter_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class SessionRow(Base):
    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.user_id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.device_id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class BlobRow(Base):
    """One content-addressed blob. `received` is the durable upload offset: the partial file holds at
    least that many good bytes (fsynced before this row is updated)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    # Names the partial file and keys its encryption; a new salt after a discarded (bad-hash) upload.
    salt: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# The review queue's cases (submitted, in review). Queries repeat this literal predicate so the partial
# indexes below match even in a generic (prepared) plan.
_OPEN = text("status IN ('submitted', 'in_review')")
_OPEN_DEFERRED = text("status IN ('submitted', 'in_review') AND deferred_outstanding")


class CaseRow(Base):
    __tablename__ = "cases"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(ForeignKey("townships.code"), index=True)
    case_number: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32), index=True)  # the review queue filters on it
    version: Mapped[int] = mapped_column(Integer)  # latest version received
    submission_status: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Set when the retention job removed the case's images (counter_app.district.retention).
    blobs_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Copies of review state the queue filters and sorts on (migration 0007), so each queue filter is one
    # range scan of one table: review_cases.committed_due of the current review cycle, and whether a 容缺
    # item is outstanding. Kept by review_state (on_submitted, ensure_review_row, mark_deferred), the only
    # writers of those facts; test_queue_denormalised checks them after every kind of change.
    queue_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    deferred_outstanding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # The review queue lists open cases only, a small share of all once a district has run a while: one
    # partial index per way in (all, a township, a status), each in the queue's order (least time left,
    # then a stable tie-break) and covering the other filters, so a page and its counts never touch the
    # table's other rows.
    __table_args__ = (
        Index("ix_cases_queue", "queue_due", "case_id", postgresql_where=_OPEN, sqlite_where=_OPEN,
              postgresql_include=["status", "township_code", "deferred_outstanding"]),
        Index("ix_cases_queue_township", "township_code", "queue_due", "case_id", postgresql_where=_OPEN,
              sqlite_where=_OPEN, postgresql_include=["status", "deferred_outstanding"]),
        Index("ix_cases_queue_status", "status", "queue_due", "case_id", postgresql_where=_OPEN,
              sqlite_where=_OPEN, postgresql_include=["township_code", "deferred_outstanding"]),
        # Cases waiting for 容缺 items are a few of the open ones: their own small index.
        Index("ix_cases_queue_deferred", "queue_due", "case_id", postgresql_where=_OPEN_DEFERRED,
              sqlite_where=_OPEN_DEFERRED, postgresql_include=["status", "township_code"]),
    )


class CaseVersionRow(Base):
    """Each submitted version as received: the canonical body hash (replay detection), the encrypted
    body, and the answer given the first time (returned unchanged on a replay)."""

    __tablename__ = "case_versions"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_hash: Mapped[str] = mapped_column(String(64))
    body_enc: Mapped[bytes] = mapped_column(LargeBinary)
    receipt_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))


class CaseBlobRow(Base):
    """Which blobs a case version refers to (missing-blob lists, who may download a blob)."""

    __tablename__ = "case_blobs"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class ChangeRow(Base):
    """The change feed. `id` is the cursor: rows become visible in id order because every writer takes
    the feed lock right before inserting and holds it to commit (counter_app.district.feed)."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36))
    township_code: Mapped[str] = mapped_column(String(12))
    case_number: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # status | decision | dispatch
    status: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data_json: Mapped[str] = mapped_column(Text, default="{}")  # no personal data: codes, reasons

    __table_args__ = (Index("ix_changes_township_id", "township_code", "id"),)


class AuditRow(Base):
    """Who did or read what, when. Holds ids and codes only, never personal data. `seq`, `prev_hash`
    and `hash` make it a hash chain (counter_app.district.audit); `id` is only the row's identity."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The audit chain's newest seq and hash (one row, name "chain"). Appenders lock this row (SELECT …
    FOR UPDATE) right before commit, which serialises appends across every server process."""

    __tablename__ = "audit_head"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class ReviewRow(Base):
    """The review side of a case: acceptance day and due dates (so the queue filters and sorts in SQL),
    the claim (an exclusive lock with expiry), the extension and what the approval issued."""

    __tablename__ = "review_cases"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), primary_key=True)
    accepted_on: Mapped[date] = mapped_column(Date)
    committed_due: Mapped[date] = mapped_column(Date)
    legal_due: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    uscc: Mapped[str | None] = mapped_column(String(18), nullable=True, unique=True)
    licence_number: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)
    approval_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decided_within_committed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class DeferredRow(Base):
    """A 容缺 item of the case's latest version; outstanding while `supplied_sha256` is NULL."""

    __tablename__ = "review_deferred"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), primary_key=True)
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)
    due_date: Mapped[date] = mapped_column(Date)
    supplied_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    supplied_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    # Outstanding items: the queue's deferred filter and each page look these up (migration 0006).
    __table_args__ = (Index("ix_review_deferred_outstanding", "case_id",
                            postgresql_where=text("supplied_sha256 IS NULL"),
                            sqlite_where=text("supplied_sha256 IS NULL")),)


class DecisionRow(Base):
    """Every decision (approve / return / refuse), extension and dispatch: who, when, why (codes and the
    reviewer's text; never the applicant's personal data)."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data_json: Mapped[str] = mapped_column(Text, default="{}")


class RateLimitRow(Base):
    """Failed attempts per key in the current window (counter_app.district.ratelimit). Kept in the
    database, not in a process, because every worker behind the load balancer must see the same count.
    The key is a hash ("kind:value"): neither user names nor client addresses are stored."""

    __tablename__ = "rate_limits"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    window_start: Mapped[int] = mapped_column(BigInteger, index=True)  # epoch seconds (no time zones)
    failures: Mapped[int] = mapped_column(Integer)


class BackupKeyRow(Base):
    """A counter's backup key held in escrow for its township (counter_app.district.escrow): wrapped
    with the district's data key (AES-GCM, key id and township as associated data), never in plaintext."""

    __tablename__ = "backup_keys"

    key_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(ForeignKey("townships.code"), index=True)
    counter_name: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    deposited_by: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    deposited_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ClientReleaseRow(Base):
    """The counter program version the administrator published (one row, id 1): the current version,
    the oldest one the service still accepts submissions from, and where to download it."""

    __tablename__ = "client_release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    current_version: Mapped[str] = mapped_column(String(32))
    minimum_version: Mapped[str] = mapped_column(String(32))
    download_url: Mapped[str] = mapped_column(String(500))
    notes: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_by: Mapped[str] = mapped_column(String(64))
