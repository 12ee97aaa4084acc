"""One pass of the outbox: send what is waiting, then pull the change feed.

Order within a pass: for every waiting submission, its thumbnails and then its case data (so review can
start on all of them), then the full images of each, then the change feed. A transient failure (link
down, connection broken, server busy) ends the pass; the worker waits with backoff and the next pass
picks up exactly where the server says this one stopped: a blob upload starts with a HEAD (only a small
blob never tried by this process goes straight to offset 0, and the server corrects that with its own
offset), so nothing is assumed from before a crash. Small whole blobs never tried by this process go
together in one batch request (POST /v1/blobs/batch: each verified and stored on its own); a batch cut
off, or a blob the batch did not store, goes on by that resumable path. A refusal by the district parks
that one submission for a person and the pass goes on with the others.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from counter_app.store.audit import AuditLog
from counter_app.store.blobs import BlobCorrupted, BlobNotFound, EncryptedBlobStore
from counter_app.store.outbox import (
    CASE,
    FULL,
    IMAGES,
    THUMB,
    THUMBS,
    ItemSummary,
    OutboxBlob,
    OutboxItem,
    OutboxRepository,
)
from counter_app.store.supplies import Supply
from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import BATCH_TARGET_BYTES, batch_groups
from counter_app.sync.chunking import ChunkSizer
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.config import SyncConfig
from counter_app.sync.credentials import SessionKeeper
from counter_app.sync.errors import (
    CredentialsNeeded,
    LinkBroken,
    LocalBlobMissing,
    OffsetMismatch,
    ProblemResponse,
    Rejected,
    TransientSyncError,
    rejection_for,
)
from counter_app.sync.feed import feed_entry, plan_status
from counter_app.sync.pass_report import PassReport, Stopped
from counter_app.sync.review_protocol import DeferredSupply, deferred_supply_path

log = logging.getLogger(__name__)
T = TypeVar("T")

CURSOR_META = "feed.cursor"
_MAX_IDLE_ANSWERS = 5
LAST_SYNC_META = "sync.last_success"
SYNC_ACTOR = "sync"  # audit actor of what the outbox does on its own
DISTRICT_ACTOR = "district"  # audit actor of status changes reported by the district


class SyncEngine:
    def __init__(self, outbox: OutboxRepository, blobs: EncryptedBlobStore, client: DistrictClient,
                 sessions: SessionKeeper, audit: AuditLog, *, config: SyncConfig | None = None,
                 on_progress: Callable[[], None] | None = None) -> None:
        self._outbox = outbox
        self._blobs = blobs
        self._client = client
        self._sessions = sessions
        self._audit = audit
        self._config = config or SyncConfig()
        self._on_progress = on_progress or (lambda: None)
        cfg = self._config
        self.sizer = ChunkSizer(minimum=cfg.chunk_min, maximum=cfg.chunk_max, overhead=cfg.request_overhead,
                                initial=cfg.chunk_initial)
        self._hash_mismatches: dict[str, int] = {}
        self._attempted: set[str] = set()  # blobs this process has sent bytes of (they resume via HEAD)
        self._batches = True  # False once the district says it has no batch route (an older server)
        self._cut_off: tuple[str, int, int] = ("", 0, 0)  # blob, offset, length of a chunk a fault cut
        self._last_progress = 0.0
        self._stop = threading.Event()

    def run_pass(self, stop: threading.Event | None = None) -> PassReport:
        self._stop = stop or threading.Event()
        report = PassReport()
        try:
            auth = self._sessions.credentials()
            for item_id in self._outbox.waiting_items([THUMBS, CASE]):
                auth = self._item(item_id, auth, report, self._send_small)
            for item_id in self._outbox.waiting_items([IMAGES]):
                auth = self._item(item_id, auth, report, self._send_images)
            for supply in self._outbox.supplies.waiting():
                auth = self._supply(supply, auth, report)
            self._pull_changes(auth, report)
            self._outbox.set_meta(LAST_SYNC_META, datetime.now(UTC).isoformat())
        except (TransientSyncError, CredentialsNeeded) as exc:
            report.error = exc
        except ProblemResponse as exc:  # refused outside any one submission (e.g. the change feed)
            report.error = exc
        except Stopped:
            pass
        return report

    # --- one submission ------------------------------------------------------------------------------

    def _item(self, item_id: int, auth: Credentials, report: PassReport,
              step: Callable[[OutboxItem, Credentials, PassReport], None]) -> Credentials:
        self._check_stop()
        item = self._outbox.item(item_id)
        if item is None:  # gone since the list was read (the case was purged)
            return auth
        try:
            step(item, auth, report)
        except Rejected as exc:
            self._refuse(item, exc, report)
        except ProblemResponse as exc:
            if exc.status == 401 and self._sessions.rejected(exc):
                auth = self._sessions.credentials()  # the demo signed in again: once more with it
                try:
                    step(item, auth, report)
                except Rejected as again:
                    self._refuse(item, again, report)
                except ProblemResponse as again:
                    self._refuse(item, rejection_for(again), report)
            else:
                self._refuse(item, rejection_for(exc), report)
        except TransientSyncError as exc:
            self._outbox.failed(item.item_id, code=exc.code, message_zh=exc.message_zh,
                                message_en=exc.message_en)
            raise
        return auth

    def _send_small(self, item: OutboxItem, auth: Credentials, report: PassReport) -> None:
        self._upload_all(item, [blob for blob in item.blobs if blob.kind == THUMB], auth, report)
        self._check_stop()
        receipt, created = self._client.put_case(auth, item.case_id, item.version, item.payload)
        report.bytes_sent += len(item.payload)
        report.progressed = True
        report.submitted += 1
        self._outbox.case_received(item.item_id, server_status=receipt.status,
                                   received_at=receipt.received_at, missing=receipt.missing_blobs)
        self._audit.record(actor=SYNC_ACTOR, action="case.sync_received", case_id=item.case_id,
                           detail={"version": item.version, "replay": not created,
                                   "missing_blobs": len(receipt.missing_blobs)})
        self._on_progress()

    def _send_images(self, item: OutboxItem, auth: Credentials, report: PassReport) -> None:
        self._upload_all(item, list(item.blobs), auth, report)
        self._outbox.delivered(item.item_id)
        report.delivered += 1
        report.progressed = True
        self._audit.record(actor=SYNC_ACTOR, action="case.sync_delivered", case_id=item.case_id,
                           detail={"version": item.version, "blobs": len(item.blobs)})
        self._on_progress()

    def _refuse(self, item: OutboxItem, exc: Rejected, report: PassReport) -> None:
        log.warning("submission %s v%d refused: %s", item.case_id, item.version, exc.code)
        self._outbox.needs_attention(item.item_id, code=exc.code, message_zh=exc.message_zh,
                                     message_en=exc.message_en)
        report.refused += 1
        self._audit.record(actor=SYNC_ACTOR, action="case.sync_refused", case_id=item.case_id,
                           detail={"version": item.version, "code": exc.code})
        self._on_progress()

    # --- a 容缺 item supplied later ------------------------------------------------------------------

    def _supply(self, supply: Supply, auth: Credentials, report: PassReport) -> Credentials:
        """Upload the image (resumable like any blob), then record it against its slot, once."""
        self._check_stop()
        # Not an outbox item: a negative id matches no row, so the blob progress is simply not stored.
        at = supply.enqueued_at
        item = OutboxItem(ItemSummary(-supply.supply_id, supply.case_id, 0, "waiting", IMAGES, supply.size,
                                      0, 0, None, None, None, at, at, None, None), b"", ())
        blob = OutboxBlob(supply.sha256, FULL, 0, supply.size, 0, False)
        body = DeferredSupply(sha256=supply.sha256, mime=supply.mime).model_dump(mode="json")

        def send(credentials: Credentials) -> None:
            self._upload(item, blob, credentials, report)
            self._client.request("POST", deferred_supply_path(supply.case_id, supply.slot), auth=credentials,
                                 json=body)

        try:
            try:
                send(auth)
            except ProblemResponse as exc:
                if not (exc.status == 401 and self._sessions.rejected(exc)):
                    raise
                auth = self._sessions.credentials()
                send(auth)
        except Rejected as exc:
            self._supply_refused(supply, exc, report)
            return auth
        except ProblemResponse as exc:
            self._supply_refused(supply, rejection_for(exc), report)
            return auth
        except TransientSyncError as exc:
            self._outbox.supplies.failed(supply.supply_id, code=exc.code, message_zh=exc.message_zh,
                                         message_en=exc.message_en)
            raise
        self._outbox.supplies.delivered(supply.supply_id)
        report.progressed = True
        self._audit.record(actor=SYNC_ACTOR, action="deferred.sync_supplied", case_id=supply.case_id,
                           detail={"slot": supply.slot})
        self._on_progress()
        return auth

    def _supply_refused(self, supply: Supply, exc: Rejected, report: PassReport) -> None:
        log.warning("deferred supply %s/%s refused: %s", supply.case_id, supply.slot, exc.code)
        self._outbox.supplies.failed(supply.supply_id, code=exc.code, message_zh=exc.message_zh,
                                     message_en=exc.message_en, attention=True)
        report.refused += 1
        self._audit.record(actor=SYNC_ACTOR, action="deferred.sync_refused", case_id=supply.case_id,
                           detail={"slot": supply.slot, "code": exc.code})
        self._on_progress()

    # --- several small blobs in one request ---------------------------------------------------------

    def _upload_all(self, item: OutboxItem, blobs: list[OutboxBlob], auth: Credentials,
                    report: PassReport) -> None:
        """`blobs` in order: runs of small fresh ones as batches, every other one by `_upload`."""
        stored: set[str] = set()
        for group in self._batch_groups(blobs):
            stored |= self._send_batch(item, group, auth, report)
        for blob in blobs:
            if blob.sha256 not in stored:
                self._upload(item, blob, auth, report)

    def _batch_groups(self, blobs: list[OutboxBlob]) -> list[list[OutboxBlob]]:
        if not self._batches:
            return []
        return batch_groups(blobs, budget=self.sizer.batch_size(BATCH_TARGET_BYTES), sent=self._attempted)

    def _send_batch(self, item: OutboxItem, group: list[OutboxBlob], auth: Credentials,
                    report: PassReport) -> set[str]:
        """Send one batch; the blobs it stored (recorded complete). The rest go on by `_upload`."""
        self._check_stop()
        frames = [(blob.sha256, self._read(blob.sha256)) for blob in group]
        sent = sum(len(data) for _sha, data in frames)
        # From here on these blobs resume by HEAD: the server may hold them although the answer is lost.
        self._attempted.update(blob.sha256 for blob in group)
        try:
            results = self._client.put_blob_batch(auth, frames)
        except LinkBroken:
            self.sizer.fault()  # the whole batch was in flight: the sizer learns like for a chunk
            raise
        except ProblemResponse as exc:
            if exc.status in (404, 405):  # an older district without the batch route
                self._batches = False
                return set()
            if exc.status == 413:  # a district with a smaller limit: these go one by one
                return set()
            raise
        report.bytes_sent += sent
        stored = set()
        for result in results:
            if result.complete:
                stored.add(result.sha256)
                self._outbox.record_blob(item.item_id, result.sha256, confirmed=result.size or 0,
                                         complete=True)
        self.sizer.delivered(sum(len(data) for sha, data in frames if sha in stored))
        if stored:
            report.progressed = True
            self._on_progress()
        return stored

    # --- one blob ------------------------------------------------------------------------------------

    def _upload(self, item: OutboxItem, blob: OutboxBlob, auth: Credentials, report: PassReport) -> None:
        if blob.complete:
            return
        self._check_stop()
        data = self._read(blob.sha256)
        total = len(data)
        if blob.confirmed == 0 and blob.sha256 not in self._attempted and total <= self.sizer.next_size():
            # A small blob never tried before goes at offset 0 without asking first: a server holding
            # some or all of it answers with its offset (409) or "complete", so nothing is assumed.
            offset = 0
        else:
            status = self._client.head_blob(auth, blob.sha256)  # where to resume: the server says
            if blob.sha256 == self._cut_off[0]:
                self.sizer.kept(self._cut_off[2], status.offset - self._cut_off[1])
                self._cut_off = ("", 0, 0)
            if status.complete:
                self._outbox.record_blob(item.item_id, blob.sha256, confirmed=total, complete=True)
                return
            offset = status.offset
        self._attempted.add(blob.sha256)
        idle = 0  # answers in a row that moved nothing: a confused server must not spin us forever
        while True:
            self._check_stop()
            if idle >= _MAX_IDLE_ANSWERS:
                raise LinkBroken("no progress on the blob")
            if offset > total:  # cannot hold more than the blob has: start over, the server will discard
                offset = 0
            chunk = data[offset:offset + self.sizer.next_size()] if offset < total else b""
            try:
                result = (self._client.put_chunk(auth, blob.sha256, offset, chunk, total) if chunk
                          else self._client.finish_blob(auth, blob.sha256, total))
            except OffsetMismatch as exc:
                offset = exc.upload_offset if exc.upload_offset is not None else \
                    self._client.head_blob(auth, blob.sha256).offset
                idle += 1
                continue
            except LinkBroken:
                self.sizer.fault()
                self._cut_off = (blob.sha256, offset, len(chunk))  # the next HEAD says what was kept
                raise
            except ProblemResponse as exc:
                if exc.problem.code != p.ProblemCode.BLOB_HASH_MISMATCH:
                    raise
                offset = self._hash_mismatch(blob.sha256, exc)
                continue
            report.bytes_sent += len(chunk)
            if result.offset > offset:
                self.sizer.delivered(result.offset - offset)
                report.progressed = True
                idle = 0
            else:
                idle += 1
            offset = result.offset
            if result.complete:
                self._outbox.record_blob(item.item_id, blob.sha256, confirmed=total, complete=True)
                self._on_progress()
                return
            self._maybe_record(item, blob, offset)

    def _hash_mismatch(self, sha256: str, exc: ProblemResponse) -> int:
        count = self._hash_mismatches.get(sha256, 0) + 1
        self._hash_mismatches[sha256] = count
        if count >= self._config.hash_mismatch_limit:
            raise rejection_for(exc) from exc
        return 0  # the server discarded the partial data

    def _maybe_record(self, item: OutboxItem, blob: OutboxBlob, offset: int) -> None:
        # Progress rows are for display; writing one per chunk would cost an fsync per chunk.
        now = time.monotonic()
        if now - self._last_progress >= self._config.progress_interval:
            self._last_progress = now
            self._outbox.record_blob(item.item_id, blob.sha256, confirmed=offset, complete=False)
            self._on_progress()

    def _read(self, sha256: str) -> bytes:
        try:
            data = self._blobs.get(sha256)
        except (BlobNotFound, BlobCorrupted) as exc:
            raise LocalBlobMissing(sha256) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise LocalBlobMissing(sha256)
        return data

    # --- the change feed -----------------------------------------------------------------------------

    def _pull_changes(self, auth: Credentials, report: PassReport) -> None:
        cursor = self._outbox.meta(CURSOR_META) or "0"
        for _ in range(10_000):  # a bound, not a limit anyone reaches: 10,000 pages of changes
            self._check_stop()
            page = self._with_sign_in(functools.partial(self._changes_after, cursor), auth)
            applied = self._outbox.apply_feed([feed_entry(c) for c in page.changes], cursor_name=CURSOR_META,
                                              next_cursor=page.next_cursor, planner=plan_status)
            report.changes.extend(applied)
            for change in applied:
                if change.outcome == "applied":
                    self._audit.record(actor=DISTRICT_ACTOR, action="case.status_from_district",
                                       case_id=change.entry.case_id,
                                       detail={"from": change.previous.value if change.previous else None,
                                               "to": change.entry.status, "kind": change.entry.kind,
                                               "cursor": change.entry.cursor})
            if applied:
                self._on_progress()
            cursor = page.next_cursor
            if not page.more:
                return

    def _changes_after(self, cursor: str, auth: Credentials) -> p.ChangesPage:
        return self._client.changes(auth, cursor, self._config.changes_page)

    def _with_sign_in(self, call: Callable[[Credentials], T], auth: Credentials) -> T:
        try:
            return call(auth)
        except ProblemResponse as exc:
            if exc.status == 401 and self._sessions.rejected(exc):
                return call(self._sessions.credentials())
            raise

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise Stopped()
