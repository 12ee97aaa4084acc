"""Captured materials in the local store: one `case_materials` row per page of a checklist slot, and a
`blobs` row for each of its encrypted files (main image, thumbnail, original), so a file is deleted only
when no row anywhere refers to its hash any more.

The repository moves rows; the encrypted files themselves are written and deleted by the service, files
first on the way in (a row never points at a missing file) and rows first on the way out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.store.db import Database
from counter_app.store.errors import StoreError
from counter_app.store.tables import BlobRow, CaseMaterialRow, CaseRow

ROLES = ("main", "thumb", "original")


class PageAlreadyCaptured(StoreError):
    def __init__(self, slot: str, page: int) -> None:
        super().__init__("该材料的这一页已采集，请选择“重拍”替换",
                         f"Page {page + 1} of {slot} is already captured")


class MaterialNotFound(StoreError, LookupError):
    def __init__(self, what: str) -> None:
        super().__init__("找不到该材料，可能已被删除", f"The material was not found: {what}")


@dataclass(frozen=True)
class MaterialRecord:
    material_id: str
    case_id: str
    slot: str
    page: int  # 0-based
    kind: str  # "portrait" | "document"
    sha256: str
    thumb_sha256: str
    original_sha256: str | None
    mime: str
    width: int
    height: int
    size: int
    doc_type: str
    quality: dict[str, Any]
    override_reason: str | None
    captured_at: datetime
    captured_by: str
    district_confirmed_at: datetime | None = None

    def blob_hashes(self) -> dict[str, str]:
        """role -> sha256 of the files this page owns."""
        hashes = {"main": self.sha256, "thumb": self.thumb_sha256}
        if self.original_sha256:
            hashes["original"] = self.original_sha256
        return hashes


def blob_slot(record: MaterialRecord, role: str) -> str:
    """The `blobs.slot` value of one file of a page: slot, role and the material's id, so pages can be
    renumbered without touching their blob rows (fits the column's 64 characters)."""
    return f"{record.slot[:40]}:{role}:{record.material_id[:8]}"


class MaterialRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- writes -------------------------------------------------------------------------------------

    def add(self, record: MaterialRecord, *, replace: bool = False) -> list[str]:
        """Insert a page. With `replace`, an existing page at the same (case, slot, page) is removed in the
        same transaction (retake). Returns the hashes no longer referenced anywhere (files to delete).
        Raises PageAlreadyCaptured when the page exists and `replace` is false."""
        if record.captured_at.tzinfo is None:
            raise ValueError("captured_at must be timezone-aware (UTC)")
        try:
            with self._db.write() as session:
                orphans: set[str] = set()
                if replace:
                    old = session.scalar(self._page_query(record.case_id, record.slot, record.page))
                    if old is not None:
                        orphans |= self._remove(session, old)
                        session.flush()
                session.add(_to_row(record))
                for role, sha in record.blob_hashes().items():
                    session.add(BlobRow(case_id=record.case_id, slot=blob_slot(record, role), sha256=sha,
                                        size=record.size if role == "main" else 0,
                                        created_at=record.captured_at))
                session.flush()
                return self._unreferenced(session, orphans - set(record.blob_hashes().values()))
        except IntegrityError as exc:
            if self.get_page(record.case_id, record.slot, record.page) is not None:
                raise PageAlreadyCaptured(record.slot, record.page) from exc
            raise StoreError("保存材料失败：案件不存在或数据冲突", "Saving the material failed") from exc

    def delete_page(self, case_id: str, slot: str, page: int) -> list[str]:
        """Remove one page; later pages of the slot move up by one. Returns unreferenced hashes."""
        with self._db.write() as session:
            row = session.scalar(self._page_query(case_id, slot, page))
            if row is None:
                raise MaterialNotFound(f"{slot} page {page + 1}")
            orphans = self._remove(session, row)
            session.flush()
            later = session.scalars(select(CaseMaterialRow).where(
                CaseMaterialRow.case_id == case_id, CaseMaterialRow.slot == slot,
                CaseMaterialRow.page > page).order_by(CaseMaterialRow.page)).all()
            for moved in later:  # one by one, in order, so (case, slot, page) stays unique throughout
                moved.page -= 1
                session.flush()
            return self._unreferenced(session, orphans)

    def mark_confirmed(self, case_id: str, sha256s: set[str], at: datetime | None = None) -> int:
        """The district confirmed it holds these images (by main hash): stamp their pages. Returns how
        many pages were stamped."""
        when = at or datetime.now(UTC)
        with self._db.write() as session:
            result = session.execute(update(CaseMaterialRow).where(
                CaseMaterialRow.case_id == case_id, CaseMaterialRow.sha256.in_(sha256s),
                CaseMaterialRow.district_confirmed_at.is_(None)).values(district_confirmed_at=when))
            return int(getattr(result, "rowcount", 0) or 0)

    def purge_confirmed_originals(self, case_id: str) -> list[str]:
        """Forget the originals of pages the district has confirmed (domain.md §7: keep images only as
        long as needed). Returns unreferenced hashes."""
        with self._db.write() as session:
            rows = session.scalars(select(CaseMaterialRow).where(
                CaseMaterialRow.case_id == case_id, CaseMaterialRow.district_confirmed_at.is_not(None),
                CaseMaterialRow.original_sha256.is_not(None))).all()
            orphans: set[str] = set()
            for row in rows:
                record = _to_record(row)
                session.execute(delete(BlobRow).where(BlobRow.case_id == case_id,
                                                      BlobRow.slot == blob_slot(record, "original")))
                assert row.original_sha256 is not None
                orphans.add(row.original_sha256)
                row.original_sha256 = None
            session.flush()
            return self._unreferenced(session, orphans)

    # --- reads --------------------------------------------------------------------------------------

    def list_for_case(self, case_id: str) -> list[MaterialRecord]:
        with self._db.read() as session:
            rows = session.scalars(select(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id)
                                   .order_by(CaseMaterialRow.captured_at, CaseMaterialRow.slot,
                                             CaseMaterialRow.page))
            return sorted((_to_record(r) for r in rows), key=lambda r: (r.slot, r.page))

    def get(self, material_id: str) -> MaterialRecord | None:
        with self._db.read() as session:
            row = session.get(CaseMaterialRow, material_id)
            return None if row is None else _to_record(row)

    def get_page(self, case_id: str, slot: str, page: int) -> MaterialRecord | None:
        with self._db.read() as session:
            row = session.scalar(self._page_query(case_id, slot, page))
            return None if row is None else _to_record(row)

    def page_counts(self, case_id: str) -> dict[str, int]:
        with self._db.read() as session:
            result = session.execute(select(CaseMaterialRow.slot, func.count()).where(
                CaseMaterialRow.case_id == case_id).group_by(CaseMaterialRow.slot))
            return {slot: int(count) for slot, count in result}

    def case_exists(self, case_id: str) -> bool:
        with self._db.read() as session:
            return session.get(CaseRow, case_id) is not None

    def is_referenced(self, sha256: str) -> bool:
        with self._db.read() as session:
            return session.scalar(select(BlobRow.sha256).where(BlobRow.sha256 == sha256).limit(1)) is not None

    # --- helpers ------------------------------------------------------------------------------------

    @staticmethod
    def _page_query(case_id: str, slot: str, page: int) -> Any:
        return select(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id, CaseMaterialRow.slot == slot,
                                             CaseMaterialRow.page == page)

    @staticmethod
    def _remove(session: Session, row: CaseMaterialRow) -> set[str]:
        record = _to_record(row)
        for role in ROLES:
            session.execute(delete(BlobRow).where(BlobRow.case_id == record.case_id,
                                                  BlobRow.slot == blob_slot(record, role)))
        session.delete(row)
        return set(record.blob_hashes().values())

    @staticmethod
    def _unreferenced(session: Session, hashes: set[str]) -> list[str]:
        if not hashes:
            return []
        still = set(session.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(hashes))))
        return sorted(hashes - still)


def _to_row(record: MaterialRecord) -> CaseMaterialRow:
    return CaseMaterialRow(
        material_id=record.material_id, case_id=record.case_id, slot=record.slot, page=record.page,
        kind=record.kind, sha256=record.sha256, thumb_sha256=record.thumb_sha256,
        original_sha256=record.original_sha256, mime=record.mime, width=record.width, height=record.height,
        size=record.size, doc_type=record.doc_type,
        quality_json=json.dumps(record.quality, ensure_ascii=False, sort_keys=True),
        override_reason=record.override_reason, captured_at=record.captured_at,
        captured_by=record.captured_by, district_confirmed_at=record.district_confirmed_at)


def _to_record(row: CaseMaterialRow) -> MaterialRecord:
    quality = json.loads(row.quality_json or "{}")
    return MaterialRecord(
        material_id=row.material_id, case_id=row.case_id, slot=row.slot, page=row.page, kind=row.kind,
        sha256=row.sha256, thumb_sha256=row.thumb_sha256, original_sha256=row.original_sha256,
        mime=row.mime, width=row.width, height=row.height, size=row.size, doc_type=row.doc_type,
        quality=quality if isinstance(quality, dict) else {}, override_reason=row.override_reason,
        captured_at=row.captured_at, captured_by=row.captured_by,
        district_confirmed_at=row.district_confirmed_at)
