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
    """Who did or read what, when. Holds ids and codes only, never personal data."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


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

    # The queue's order (least time left, then a stable tie-break) straight from the index: claim-next
    # reads the first free row instead of sorting every open case.
    __table_args__ = (Index("ix_review_cases_due", "committed_due", "case_id"),)


class DeferredRow(Base):
    """A 容缺 item of the case's latest version; outstanding while `supplied_sha256` is NULL."""

    __tablename__ = "review_deferred"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), primary_key=True)
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)
    due_date: Mapped[date] = mapped_column(Date)
    supplied_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    supplied_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


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
