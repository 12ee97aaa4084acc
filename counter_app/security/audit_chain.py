"""The hash chain behind both audit trails (the counter's and the district's).

Each record carries the hash of the record before it and its own hash: SHA-256 over a canonical
serialisation of its sequence number, time, who, role, device, what, which case, details and the previous
hash. Changing, removing or reordering a record breaks the chain at that point, so `verify_chain` names
the first record that no longer fits. The serialisation is plain sorted JSON so an exported trail can be
checked with a few lines in any language:

    sha256(json.dumps({"v": 1, "seq": …, "at": "YYYY-MM-DDTHH:MM:SS.ffffffZ", "actor": …, "role": …,
                       "device": …, "action": …, "case_id": … | null, "detail": "<stored text>",
                       "prev": "<previous hash>"}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")).hexdigest()

The first record's "prev" is 64 zeros (or, after old records were pruned, the last pruned record's hash,
kept as the chain's base). A chain proves nothing about its own tail, so the store also keeps the newest
record's seq and hash (the head) and a truncated trail is reported as such.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
CHAIN_VERSION = 1


@dataclass(frozen=True)
class ChainRecord:
    """What is hashed. `detail` is the stored text, hashed as stored (no re-serialisation)."""

    seq: int
    at: datetime
    actor: str
    action: str
    case_id: str | None
    detail: str
    prev_hash: str
    role: str = ""
    device_id: str | None = None

    def canonical(self) -> bytes:
        return _dumps({"v": CHAIN_VERSION, "seq": self.seq, "at": format_time(self.at),
                       "actor": self.actor, "role": self.role, "device": self.device_id,
                       "action": self.action, "case_id": self.case_id, "detail": self.detail,
                       "prev": self.prev_hash}).encode("utf-8")

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    def canonical_around_link(self) -> tuple[bytes, bytes, bytes]:
        """canonical() cut around the two values only known under the chain's head lock, for a database
        that appends the record itself: canonical() == head + prev_hash + mid + str(seq) + tail (the
        keys are sorted: ..., "device", "prev", "role", "seq", "v"). `prev_hash` and `seq` of this
        record are not used."""
        before = _dumps({"v": CHAIN_VERSION, "at": format_time(self.at), "actor": self.actor,
                         "role": self.role, "device": self.device_id, "action": self.action,
                         "case_id": self.case_id, "detail": self.detail})
        # `before` holds every key but prev and seq; cut it after "device" and before "role".
        first, _, rest = before.partition(',"role":')
        role, _, version = rest.partition(',"v":')
        return ((first + ',"prev":"').encode("utf-8"), ('","role":' + role + ',"seq":').encode("utf-8"),
                (',"v":' + version).encode("utf-8"))


def _dumps(record: dict[str, object]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def format_time(at: datetime) -> str:
    """UTC with microseconds: what both SQLite and PostgreSQL give back exactly."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Problem(enum.StrEnum):
    ALTERED = "altered"  # the record's content no longer matches its own hash
    BROKEN_LINK = "broken_link"  # its "previous hash" is not the previous record's hash
    MISSING = "missing"  # a sequence number is missing (a record was deleted)
    TRUNCATED = "truncated"  # records after the last one present were deleted


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: Problem | None = None
    seq: int | None = None  # the first record that does not fit (for TRUNCATED: the first one missing)
    record_id: int | None = None  # its row id where it exists

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def message_zh(self) -> str:
        if self.problem is None:
            return f"审计记录链完整：共校验 {self.checked} 条，未发现删除或篡改"
        return {
            Problem.ALTERED: f"第 {self.seq} 条审计记录的内容已被修改（与其哈希值不符）",
            Problem.BROKEN_LINK: f"第 {self.seq} 条审计记录与前一条不衔接：前一条记录被修改、删除或替换",
            Problem.MISSING: f"缺少第 {self.seq} 条审计记录（已被删除）",
            Problem.TRUNCATED: f"从第 {self.seq} 条起的最新审计记录已被删除",
        }[self.problem]

    @property
    def message_en(self) -> str:
        if self.problem is None:
            return f"Audit chain intact: {self.checked} records checked, nothing deleted or altered"
        return {
            Problem.ALTERED: f"Audit record {self.seq} was altered (it no longer matches its hash)",
            Problem.BROKEN_LINK: f"Audit record {self.seq} does not link to the one before it: that record "
                                 "was altered, deleted or replaced",
            Problem.MISSING: f"Audit record {self.seq} is missing (deleted)",
            Problem.TRUNCATED: f"The newest audit records from {self.seq} on were deleted",
        }[self.problem]


@dataclass(frozen=True)
class StoredRecord:
    """A record as read back: the hashed content, its stored hash and its row id."""

    record: ChainRecord
    hash: str
    record_id: int | None = None


def verify_chain(records: Iterable[StoredRecord], *, base_seq: int = 0, base_hash: str = GENESIS,
                 head: tuple[int, str] | None = None) -> ChainReport:
    """Walk `records` in sequence order from the base (the last pruned record, or nothing) and report
    the first that does not fit; then check the newest against the kept head (seq, hash)."""
    expected_seq, prev = base_seq + 1, base_hash
    checked = 0
    for stored in records:
        rec = stored.record
        if rec.seq != expected_seq:
            return ChainReport(checked, Problem.MISSING, expected_seq)
        if rec.compute_hash() != stored.hash:
            return ChainReport(checked, Problem.ALTERED, rec.seq, stored.record_id)
        if rec.prev_hash != prev:
            return ChainReport(checked, Problem.BROKEN_LINK, rec.seq, stored.record_id)
        checked += 1
        expected_seq, prev = rec.seq + 1, stored.hash
    if head is not None:
        head_seq, head_hash = head
        if head_seq >= expected_seq:
            return ChainReport(checked, Problem.TRUNCATED, expected_seq)
        if head_seq == expected_seq - 1 and head_seq > base_seq and head_hash != prev:
            return ChainReport(checked, Problem.ALTERED, head_seq)
    return ChainReport(checked)


def export_line(stored: StoredRecord) -> str:
    """One JSON line of an export: every hashed field plus the hash, verifiable on its own."""
    rec = stored.record
    return json.dumps({"seq": rec.seq, "at": format_time(rec.at), "actor": rec.actor, "role": rec.role,
                       "device": rec.device_id, "action": rec.action, "case_id": rec.case_id,
                       "detail": rec.detail, "prev": rec.prev_hash, "hash": stored.hash},
                      ensure_ascii=False, sort_keys=True)


def verify_export(lines: Iterable[str]) -> ChainReport:
    """Check an exported trail (JSON lines as `export_line` writes them). The first line's "prev" is
    taken as the base: an export of a pruned trail starts mid-chain."""
    parsed: list[StoredRecord] = []
    for line in lines:
        if not line.strip():
            continue
        data = json.loads(line)
        at = datetime.strptime(data["at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        parsed.append(StoredRecord(ChainRecord(
            seq=int(data["seq"]), at=at, actor=data["actor"], action=data["action"], case_id=data["case_id"],
            detail=data["detail"], prev_hash=data["prev"], role=data.get("role", ""),
            device_id=data.get("device")), hash=data["hash"]))
    if not parsed:
        return ChainReport(0)
    first = parsed[0].record
    return verify_chain(parsed, base_seq=first.seq - 1, base_hash=first.prev_hash)
