"""Retention on the counter PC (domain.md §7, issue 7): hold nothing longer than it is needed.

- Images go once the district has confirmed receiving every page and the case is decided.
- Case data goes after the licence was collected plus a grace period (`case_grace_days`), or — for a
  case refused, withdrawn or revoked — after its last change plus `closed_grace_days`. What stays is the
  masked index: case number, status, dates, masked name and ID number, so the case list still finds it.
- The audit trail is pruned after `audit_keep_days`, but never younger than 183 days.

Every purge is itself audited (actor "retention"). The desktop app runs `run()` at start-up and every
`interval_hours`; `counter-app purge --data-dir D` runs it from the command line (e.g. a scheduled task).
Settings live in settings.json under extra.retention, e.g. {"case_grace_days": 30}.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app.config import Settings
from counter_app.store.audit import MIN_KEEP_DAYS, AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.retention import RetentionStore

log = logging.getLogger(__name__)

ACTOR = "retention"
DEFAULT_CASE_GRACE_DAYS = 30
DEFAULT_CLOSED_GRACE_DAYS = 180
DEFAULT_AUDIT_KEEP_DAYS = 365
DEFAULT_INTERVAL_HOURS = 6


@dataclass(frozen=True)
class RetentionPolicy:
    case_grace_days: int = DEFAULT_CASE_GRACE_DAYS
    closed_grace_days: int = DEFAULT_CLOSED_GRACE_DAYS
    audit_keep_days: int = DEFAULT_AUDIT_KEEP_DAYS
    interval_hours: float = DEFAULT_INTERVAL_HOURS

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        raw = settings.extra.get("retention")
        values: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}

        def number(key: str, default: float, minimum: float) -> float:
            value = values.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int | float):
                log.warning("settings extra.retention.%s is not a number; using %s", key, default)
                return default
            return max(float(value), minimum)

        return cls(case_grace_days=int(number("case_grace_days", DEFAULT_CASE_GRACE_DAYS, 0)),
                   closed_grace_days=int(number("closed_grace_days", DEFAULT_CLOSED_GRACE_DAYS, 0)),
                   # The floor is the law's, not a default: a smaller value is raised to it.
                   audit_keep_days=int(number("audit_keep_days", DEFAULT_AUDIT_KEEP_DAYS, MIN_KEEP_DAYS)),
                   interval_hours=number("interval_hours", DEFAULT_INTERVAL_HOURS, 0.1))


@dataclass
class RetentionReport:
    images_purged: list[str] = field(default_factory=list)  # case numbers
    cases_purged: list[str] = field(default_factory=list)
    files_deleted: int = 0
    audit_pruned: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.images_purged or self.cases_purged or self.audit_pruned)

    def summary_zh(self) -> str:
        return (f"清理了 {len(self.images_purged)} 个案件的图片、{len(self.cases_purged)} 个案件的资料"
                f"（保留脱敏索引），删除文件 {self.files_deleted} 个，过期审计记录 {self.audit_pruned} 条")

    def summary_en(self) -> str:
        return (f"Images of {len(self.images_purged)} cases and data of {len(self.cases_purged)} cases "
                "purged "
                f"(masked index kept), {self.files_deleted} files deleted, {self.audit_pruned} expired "
                "audit records")


class RetentionService:
    def __init__(self, store: RetentionStore, blobs: EncryptedBlobStore, audit: AuditLog,
                 policy: RetentionPolicy, *, clock: Callable[[], datetime] | None = None) -> None:
        self._store = store
        self._blobs = blobs
        self._audit = audit
        self.policy = policy
        self._clock = clock or (lambda: datetime.now(UTC))

    def run(self) -> RetentionReport:
        """One pass: images, then case data, then the audit trail. Safe to run at any time and from
        several processes: every purge re-checks its conditions inside its own write transaction."""
        now = self._clock()
        report = RetentionReport()
        for case_id in self._store.image_candidates():
            purge = self._store.purge_images(case_id, now)
            if purge is None:
                continue
            deleted = self._delete_files(purge.unreferenced)
            report.images_purged.append(purge.case_number)
            report.files_deleted += deleted
            self._audit.record(actor=ACTOR, action="retention.images_purged", case_id=case_id,
                               detail={"case_number": purge.case_number, "pages": purge.pages,
                                       "files": deleted})
        collected_before = now - timedelta(days=self.policy.case_grace_days)
        closed_before = now - timedelta(days=self.policy.closed_grace_days)
        for case_id in self._store.data_candidates(collected_before=collected_before,
                                                   closed_before=closed_before):
            data = self._store.purge_data(case_id, now, collected_before=collected_before,
                                          closed_before=closed_before)
            if data is None:
                continue
            deleted = self._delete_files(data.unreferenced)
            report.cases_purged.append(data.case_number)
            report.files_deleted += deleted
            self._audit.record(actor=ACTOR, action="retention.case_purged", case_id=case_id,
                               detail={"case_number": data.case_number, "status": data.status.value,
                                       "files": deleted, "grace_days": self.policy.case_grace_days})
        report.audit_pruned = self._audit.prune(self.policy.audit_keep_days)
        if report.audit_pruned:
            self._audit.record(actor=ACTOR, action="retention.audit_pruned", case_id=None,
                               detail={"records": report.audit_pruned,
                                       "keep_days": self.policy.audit_keep_days})
        if report.anything:
            log.info("retention: %d image sets, %d cases, %d files, %d audit records",
                     len(report.images_purged), len(report.cases_purged), report.files_deleted,
                     report.audit_pruned)
        return report

    def _delete_files(self, hashes: list[str]) -> int:
        deleted = 0
        for sha in hashes:
            try:
                deleted += self._blobs.delete(sha)
            except OSError as exc:  # a locked file (Windows) must not stop the rest; next run retries
                log.warning("retention: could not delete a blob file: %s", exc.strerror)
        return deleted
