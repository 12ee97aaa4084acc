"""The local store's tables (SQLAlchemy 2.0 declarative, `Mapped[...]`).

No column holds applicants' personal data in clear: names, ID numbers, phones and addresses exist only
inside the AES-GCM encrypted `*_enc` columns, and nothing is indexed on them. Search decrypts the small
`summary_enc` column instead (see `counter_app.store.search`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
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
    """Who did what to which case. `detail` is JSON without personal data (AuditLog checks). A later
    issue adds the hash chain as new columns."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    # No foreign key: the audit trail outlives purged cases (kept at least 6 months, domain.md §7).
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")


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
