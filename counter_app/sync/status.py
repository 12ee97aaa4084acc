"""What the clerk sees about sync: the global state (online, bytes left, last sync) and one line per case.

Everything here is plain data built from the local store and the worker's last pass, in Chinese and
English; the UI only picks the language and draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.store.outbox import ATTENTION, DELIVERED, ItemSummary

WAITING_STATE, UPLOADING_STATE = "waiting", "uploading"
SUBMITTED_STATE, ATTENTION_STATE = "submitted", "attention"


@dataclass(frozen=True)
class SyncStatus:
    """The worker's view, published after every change. `revision` grows whenever anything did, so a
    poller knows when to re-read per-case states."""

    online: bool | None  # None until the first attempt
    busy: bool  # a pass is running
    waiting: int  # submissions not yet completely on the server
    attention: int  # submissions refused by the district: a person must look
    bytes_left: int
    last_sync_at: datetime | None  # the last pass that reached the server and finished
    next_attempt_at: datetime | None  # when the worker tries again after a failure
    problem_code: str | None = None  # why nothing moves right now (offline, sign-in needed, ...)
    problem_zh: str | None = None
    problem_en: str | None = None
    revision: int = 0
    bytes_sent: int = 0  # request bodies this process has put on the wire since it started

    @property
    def needs_sign_in(self) -> bool:
        return self.problem_code in ("sync.sign_in_required", "sync.device_not_registered")


@dataclass(frozen=True)
class CaseSyncState:
    case_id: str
    version: int
    state: str  # waiting | uploading | submitted | attention
    percent: int
    bytes_left: int
    label_zh: str  # short, for a list cell
    label_en: str
    detail_zh: str | None = None  # the reason and what to do (attention), or the last transient error
    detail_en: str | None = None

    @property
    def can_retry(self) -> bool:
        return self.state == ATTENTION_STATE


def case_state(item: ItemSummary, held_up: tuple[str, str] | None = None) -> CaseSyncState:
    """The display state of one submission. `held_up`: why nothing moves for anyone right now (offline,
    sign-in needed), shown on waiting cases that have no reason of their own."""
    percent = 100 if item.state == DELIVERED else int(100 * item.bytes_done / max(1, item.bytes_total))

    def make(state: str, zh: str, en: str, *, detail: bool = True) -> CaseSyncState:
        reason_zh, reason_en = item.error_zh, item.error_en
        if reason_zh is None and held_up is not None and state in (WAITING_STATE, UPLOADING_STATE):
            reason_zh, reason_en = held_up
        return CaseSyncState(case_id=item.case_id, version=item.version, state=state, percent=percent,
                             bytes_left=item.bytes_left, label_zh=zh, label_en=en,
                             detail_zh=reason_zh if detail else None,
                             detail_en=reason_en if detail else None)

    if item.state == DELIVERED:
        return make(SUBMITTED_STATE, "已送达区级", "Delivered", detail=False)
    if item.state == ATTENTION:
        return make(ATTENTION_STATE, "需处理", "Needs attention")
    if item.bytes_done > 0:
        return make(UPLOADING_STATE, f"正在上传 {percent}%", f"Uploading {percent}%")
    if item.error_code or held_up is not None:
        return make(WAITING_STATE, "等待重试", "Waiting to retry")
    return make(WAITING_STATE, "排队中", "In line")


def format_bytes(size: int) -> str:
    """1.2 MB, 340 KB, 12 B: for "bytes left" (the same in Chinese and English)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"
