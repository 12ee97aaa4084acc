"""Content-addressed, resumable blob uploads (protocol.md "Blobs").

The database row is the truth about an upload: `received` only moves forward after the bytes are
fsynced, and only by compare-and-set from the offset the writer started at, so two server processes (or
a client's retry racing its own stalled request) can never both advance it or interleave chunks. A
connection that drops mid-chunk keeps what arrived: the next HEAD reports it and the client continues
from there. On the last byte the whole blob is hashed; a mismatch discards the upload (422).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.district.blobfiles import PartialFiles
from counter_app.district.db import DistrictDb
from counter_app.district.pg_raw import Compiled
from counter_app.district.problems import ProblemError
from counter_app.district.tables import BlobRow
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.sync.blob_batch import BATCH_BLOB_MAX, BATCH_MAX_BYTES, BatchItemResult
from counter_app.sync.protocol import BlobPutResult, BlobStatus, ProblemCode

_SHA = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$")
_EMPTY_RANGE = re.compile(r"^bytes \*/(\d{1,15})$")


@dataclass(frozen=True)
class ByteRange:
    start: int
    length: int  # bytes announced in this request (0 for "bytes */total")
    total: int


@dataclass(frozen=True)
class UploadSlot:
    """Where one PUT writes: the partial file of this upload, from `start`."""

    sha256: str
    salt: str
    start: int
    length: int
    total: int
    whole: bool = False  # the whole blob in this one request: kept in memory, no partial file


# A blob sent whole in one request up to this size is buffered in memory instead of the partial file:
# one read and one write transaction, no partial-file round trip. Larger ones stream to disk.
WHOLE_IN_MEMORY_MAX = 8 * 1024 * 1024
# Up to this size a whole blob (thumbnails, typical page images) is read before the caller is looked up,
# then authenticated, verified and stored in one worker-thread hop on one database connection. No more
# than a JSON endpoint reads before authentication (max_json_bytes is 2 MB); credentials must at least be
# present, and the 413 size check happens before any byte is read.
WHOLE_FAST_MAX = 1024 * 1024


def check_sha(sha256: str) -> str:
    if not _SHA.match(sha256):
        raise ProblemError(400, ProblemCode.BLOB_INVALID_HASH, "文件标识不是有效的 SHA-256 值",
                           "The blob id is not a lower-case SHA-256 hex digest")
    return sha256


def parse_content_range(header: str | None) -> ByteRange:
    bad = ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "上传分块的 Content-Range 缺失或格式错误",
                       "Content-Range is missing or malformed (expected 'bytes start-end/total')")
    if not header:
        raise bad
    header = header.strip()
    if match := _EMPTY_RANGE.match(header):
        return ByteRange(0, 0, int(match.group(1)))
    match = _RANGE.match(header)
    if not match:
        raise bad
    start, end, total = (int(g) for g in match.groups())
    if end < start or end >= total:
        raise bad
    return ByteRange(start, end - start + 1, total)


# A hot path (every finished upload): plain SQL that SQLite (>= 3.35) and PostgreSQL both understand,
# cheaper to run than a freshly built ORM upsert. Times are stored as naive UTC like UTCDateTime does.
# A blob already complete is left as it is (no row comes back); otherwise the salt of the upload in
# progress comes back so its partial file can go.
_STORED_UPSERT = text(
    "INSERT INTO blobs (sha256, total, received, complete, salt, created_at, completed_at) "
    "VALUES (:sha256, :total, :total, TRUE, :salt, :now, :now) "
    "ON CONFLICT (sha256) DO UPDATE SET total = excluded.total, received = excluded.total, "
    "complete = TRUE, completed_at = excluded.completed_at WHERE blobs.complete = FALSE RETURNING salt")


@functools.cache  # one per batch size: at most BATCH_MAX_ITEMS of them
def _stored_upsert_many(count: int) -> Any:
    """_STORED_UPSERT for `count` blobs in ONE statement (one round trip, atomic, durable on its own)."""
    rows = ", ".join(f"(:sha{i}, :total{i}, :total{i}, TRUE, :salt{i}, :now, :now)" for i in range(count))
    return text(
        "INSERT INTO blobs (sha256, total, received, complete, salt, created_at, completed_at) "
        f"VALUES {rows} ON CONFLICT (sha256) DO UPDATE SET total = excluded.total, "
        "received = excluded.total, complete = TRUE, completed_at = excluded.completed_at "
        "WHERE blobs.complete = FALSE RETURNING sha256, salt")


@functools.cache
def _stored_upsert_many_pg(count: int) -> Compiled:
    return Compiled(_stored_upsert_many(count))


class BlobService:
    def __init__(self, db: DistrictDb, partial: PartialFiles, objects: EncryptedBlobStore,
                 max_bytes: int) -> None:
        self.db = db
        self.partial = partial
        self.objects = objects
        self.max_bytes = max_bytes
        self.batch_max_bytes = BATCH_MAX_BYTES  # POST /v1/blobs/batch body limit (tests lower it)

    @property
    def batch_blob_max(self) -> int:
        return min(self.max_bytes, BATCH_BLOB_MAX)

    def put_batch(self, frames: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        """Store the verified blobs of a batch (each once; files fsynced, then ONE upsert statement for
        all rows) and answer per blob in the request's order. A blob whose bytes do not match its hash is
        refused on its own line and leaves nothing behind; an upload of it in progress is left as it is."""
        return self.record_batch(frames, self.store_batch_files(frames))

    def store_batch_files(self, frames: list[tuple[str, bytes]]) -> dict[str, int]:
        """put_batch's files, no database: each distinct blob whose bytes match its hash is stored
        (fsynced, atomic rename, once). Returns their sizes by hash."""
        good: dict[str, int] = {}
        refused: set[str] = set()
        for sha256, data in frames:
            if sha256 in good or sha256 in refused:
                continue
            if hashlib.sha256(data).hexdigest() != sha256:
                refused.add(sha256)
                continue
            self.objects.put(data, sha256=sha256)  # hashed just above
            good[sha256] = len(data)
        return good

    def record_batch(self, frames: list[tuple[str, bytes]], good: dict[str, int]) -> list[BatchItemResult]:
        """put_batch's rows and answers, after store_batch_files stored `good` (sizes by hash)."""
        if good:
            salts = {sha256: secrets.token_hex(16) for sha256 in good}
            params: dict[str, object] = {"now": datetime.now(UTC).replace(tzinfo=None)}
            for i, (sha256, size) in enumerate(good.items()):
                params.update({f"sha{i}": sha256, f"total{i}": size, f"salt{i}": salts[sha256]})
            for row in self._upsert_stored(len(good), params):
                # A row that comes back with the salt given here was inserted just now: no upload of it
                # was in progress. Another salt is an older partial upload of the same bytes: its file goes.
                if row.salt != salts[row.sha256]:
                    self.partial.delete(row.sha256, row.salt)
        zh = "文件校验失败（SHA-256 不一致），未保存，请重新上传"
        en = "The bytes do not match the SHA-256; not stored"
        results: list[BatchItemResult] = []
        for sha256, _data in frames:
            if sha256 in good:
                results.append(BatchItemResult(sha256=sha256, complete=True, offset=good[sha256],
                                               size=good[sha256]))
            else:
                results.append(BatchItemResult(sha256=sha256, complete=False, offset=0,
                                               code=ProblemCode.BLOB_HASH_MISMATCH,
                                               message_zh=zh, message_en=en))
        return results

    def _upsert_stored(self, count: int, params: dict[str, object]) -> list[Any]:
        """Mark `count` stored blobs complete in one statement; the (sha256, salt) of partial uploads
        they supersede come back."""
        if self.db.is_sqlite:
            with self.db.write_connection() as connection:
                return list(connection.execute(_stored_upsert_many(count), params).all())
        with self.db.raw(autocommit=True) as cursor:  # PostgreSQL's hot path (pg_raw)
            cursor.execute(_stored_upsert_many_pg(count).sql, params, prepare=True)
            return list(cursor.fetchall())

    def status(self, sha256: str) -> BlobStatus:
        with self.db.lookup() as connection:
            row = connection.execute(select(BlobRow.total, BlobRow.received, BlobRow.complete)
                                     .where(BlobRow.sha256 == sha256)).first()
        if row is None:
            return BlobStatus(sha256=sha256)
        return BlobStatus(sha256=sha256, offset=row.total if row.complete else row.received,
                          complete=row.complete)

    def too_large(self) -> ProblemError:
        limit = (f"{self.max_bytes / (1024 * 1024):.0f} MB" if self.max_bytes >= 1024 * 1024
                 else f"{self.max_bytes / 1024:.0f} KB")
        return ProblemError(413, ProblemCode.BLOB_TOO_LARGE, f"文件过大，单个文件不能超过 {limit}",
                            f"The file is larger than the limit of {self.max_bytes} bytes",
                            limit=self.max_bytes)

    def begin(self, sha256: str, rng: ByteRange) -> UploadSlot | BlobPutResult:
        """Check a PUT before its body is read: the complete answer for a finished blob, else the slot."""
        if rng.total > self.max_bytes:
            raise self.too_large()
        if rng.start == 0 and 0 < rng.length == rng.total <= WHOLE_IN_MEMORY_MAX:
            with self.db.lookup() as connection:
                found = connection.execute(select(BlobRow.complete, BlobRow.received)
                                           .where(BlobRow.sha256 == sha256)).first()
            if found is not None and found.complete:
                return BlobPutResult(sha256=sha256, complete=True, offset=rng.total, size=rng.total)
            if found is not None and found.received:
                raise _offset_mismatch(found.received)
            return UploadSlot(sha256, "", 0, rng.length, rng.total, whole=True)
        with self.db.write() as session:
            row = self._row(session, sha256, rng.total)
            if row.complete:
                return _complete(row)
            if row.total != rng.total:
                if row.received:
                    raise ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "文件总长度与正在进行的上传不一致",
                                       f"total {rng.total} differs from the upload in progress ({row.total})")
                row.total = rng.total
            if rng.length and rng.start != row.received:
                raise _offset_mismatch(row.received)
            return UploadSlot(sha256, row.salt, row.received if not rng.length else rng.start, rng.length,
                              rng.total)

    def _row(self, session: Session, sha256: str, total: int) -> BlobRow:
        values = {"sha256": sha256, "total": total, "received": 0, "complete": False,
                  "salt": secrets.token_hex(16), "created_at": datetime.now(UTC)}
        dialect = postgresql if not self.db.is_sqlite else sqlite
        stmt = dialect.insert(BlobRow).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
        session.execute(stmt)
        row = session.scalar(select(BlobRow).where(BlobRow.sha256 == sha256).with_for_update()
                             .execution_options(populate_existing=True))
        assert row is not None
        return row

    @staticmethod
    def fast_whole(rng: ByteRange) -> bool:
        """Is this PUT a whole blob small enough for `put_whole` (read first, then one hop)?"""
        return rng.start == 0 and 0 < rng.length == rng.total <= WHOLE_FAST_MAX

    def put_whole(self, sha256: str, rng: ByteRange, data: bytes, *, disconnected: bool) -> BlobPutResult:
        """A whole blob already read: verify and store it (a blob already complete is not written again;
        one upload in progress is superseded by the verified bytes), or keep what arrived before a drop."""
        if rng.total > self.max_bytes:
            raise self.too_large()
        return self.finish_whole(UploadSlot(sha256, "", 0, rng.length, rng.total, whole=True), data,
                                 disconnected=disconnected)

    def finish_whole(self, slot: UploadSlot, data: bytes, *, disconnected: bool) -> BlobPutResult:
        """End of a whole-blob request: verify and store, or keep what arrived before a drop."""
        if len(data) == slot.total:
            if hashlib.sha256(data).hexdigest() != slot.sha256:
                raise _hash_mismatch()
            # fsynced, atomic rename, stored once (skipped when already there); hashed just above
            self.objects.put(data, sha256=slot.sha256)
            now = datetime.now(UTC)
            with self.db.write_connection() as connection:
                salt = connection.execute(_STORED_UPSERT, {
                    "sha256": slot.sha256, "total": slot.total, "salt": secrets.token_hex(16),
                    "now": now.replace(tzinfo=None)}).scalar()
            if salt is not None:
                self.partial.delete(slot.sha256, salt)  # an older partial upload of the same bytes, if any
            return BlobPutResult(sha256=slot.sha256, complete=True, offset=slot.total, size=slot.total)
        if not data:
            return self.status_result(slot.sha256)
        # The link dropped mid-body: keep what arrived, like the streaming path does.
        started = self.begin(slot.sha256, ByteRange(0, len(data), slot.total))
        if isinstance(started, BlobPutResult):
            return started
        fd = self.partial.open(started.sha256, started.salt)
        try:
            self.partial.write_at(fd, started.sha256, started.salt, 0, data)
        finally:
            os.close(fd)
        return self.finish(started, len(data), disconnected=disconnected)

    def finish(self, slot: UploadSlot, written: int, *, disconnected: bool) -> BlobPutResult:
        """Make `written` bytes at slot.start durable and move the offset; verify on the last byte."""
        end = slot.start + written
        if end == slot.total:
            data = self.partial.read(slot.sha256, slot.salt, slot.total)
            if len(data) == slot.total and hashlib.sha256(data).hexdigest() == slot.sha256:
                self.objects.put(data)  # fsynced, atomic rename, stored once
                return self._advance(slot, end, complete=True)
            return self._discard(slot)
        if written:
            self._fsync(slot)
            return self._advance(slot, end, complete=False)
        if disconnected:
            return BlobPutResult(sha256=slot.sha256, complete=False, offset=slot.start)
        return self.status_result(slot.sha256)

    def status_result(self, sha256: str) -> BlobPutResult:
        status = self.status(sha256)
        return BlobPutResult(sha256=sha256, complete=status.complete, offset=status.offset,
                             size=status.offset if status.complete else None)

    def _fsync(self, slot: UploadSlot) -> None:
        fd = self.partial.open(slot.sha256, slot.salt)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _advance(self, slot: UploadSlot, end: int, *, complete: bool) -> BlobPutResult:
        values: dict[str, object] = {"received": end}
        if complete:
            values.update(complete=True, completed_at=datetime.now(UTC))
        with self.db.write() as session:
            moved = session.execute(update(BlobRow).where(BlobRow.sha256 == slot.sha256,
                                                          BlobRow.received == slot.start,
                                                          BlobRow.salt == slot.salt,
                                                          BlobRow.complete.is_(False)).values(**values))
            row = session.get(BlobRow, slot.sha256)
        if complete and row is not None and row.complete:
            self.partial.delete(slot.sha256, slot.salt)
        if row is not None and row.complete:
            return _complete(row)
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            # Another request moved the offset first (a retry racing its stalled original).
            raise _offset_mismatch(row.received if row else 0)
        return BlobPutResult(sha256=slot.sha256, complete=False, offset=end)

    def _discard(self, slot: UploadSlot) -> BlobPutResult:
        with self.db.write() as session:
            session.execute(update(BlobRow).where(BlobRow.sha256 == slot.sha256, BlobRow.salt == slot.salt,
                                                  BlobRow.complete.is_(False))
                            .values(received=0, salt=secrets.token_hex(16)))
        self.partial.delete(slot.sha256, slot.salt)
        raise _hash_mismatch()

    def read(self, sha256: str) -> bytes:
        with self.db.read() as session:
            row = session.get(BlobRow, sha256)
        if row is None or not row.complete:
            raise not_found()
        return self.objects.get(sha256)


def not_found() -> ProblemError:
    return ProblemError(404, ProblemCode.BLOB_NOT_FOUND, "服务器上没有该文件", "No such blob on the server")


def _complete(row: BlobRow) -> BlobPutResult:
    return BlobPutResult(sha256=row.sha256, complete=True, offset=row.total, size=row.total)


def _hash_mismatch() -> ProblemError:
    return ProblemError(422, ProblemCode.BLOB_HASH_MISMATCH,
                        "文件校验失败（SHA-256 不一致），已丢弃已上传部分，请从头重新上传",
                        "The uploaded bytes do not match the SHA-256; the partial upload was discarded, "
                        "start again from 0", upload_offset=0)


def _offset_mismatch(offset: int) -> ProblemError:
    return ProblemError(409, ProblemCode.BLOB_OFFSET_MISMATCH,
                        f"上传位置不一致，服务器已收到 {offset} 字节，请从该位置继续",
                        f"Offset mismatch: the server holds {offset} bytes; continue from there",
                        upload_offset=offset)


def missing_blobs(session: Session, sha256s: list[str]) -> list[str]:
    """Those of `sha256s` the server does not hold complete, in the given order, without repeats."""
    wanted = list(dict.fromkeys(sha256s))
    if not wanted:
        return []
    complete = set(session.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(wanted),
                                                                BlobRow.complete.is_(True))))
    return [s for s in wanted if s not in complete]

