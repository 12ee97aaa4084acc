"""The pickup desk (domain.md §1 step 7, §8): licence arrival, the pickup slip and its one-time code,
notifying the applicant, the verified handover, overdue licences and the satisfaction rating.

Rules at handover, checked in this order so a wrong code is always counted: the case awaits pickup; it is
not locked; the code matches (wrong codes are counted, and `max_failures` in a row lock the case for
`lock_minutes`); the presented ID number is the operator's, or the agent's when the agent holds power 4
(collect the licence) and the clerk has seen the authorisation; the clerk confirmed the holder matches the
ID by eye; a signature was taken. Then the code is invalidated in the same transaction as the handover.
Every step and every refusal is in the audit log, without the code or the ID number.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from counter_app.capture.errors import CaptureError
from counter_app.capture.images import decode_image, load_image, to_gray
from counter_app.config import Settings
from counter_app.domain.identity import normalize_id_number
from counter_app.domain.masking import mask_name
from counter_app.domain.model import IdDocType
from counter_app.domain.status import CaseStatus, IllegalTransition
from counter_app.printing import pickup_code
from counter_app.printing.data import LicenceInfo
from counter_app.printing.qr_scan import case_number_from_text, decode_qr
from counter_app.services.errors import CaseNotFound
from counter_app.services.pickup_errors import (
    AgentWithoutPower,
    AuthorisationNotSeen,
    CaseNumberNotFound,
    CodeFormat,
    HolderNotConfirmed,
    IdMismatch,
    InvalidRating,
    LicenceInfoMissing,
    NotAwaitingPickup,
    PickupLocked,
    PickupRefused,
    SignatureImageUnusable,
    SignatureMissing,
    WrongCode,
)
from counter_app.services.printing import PrintingService, RenderedDocument
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.pickup import Handover, PickupRecord, PickupRepository
from counter_app.store.repository import CaseRecord, CaseRepository, CaseSummary

SETTINGS_KEY = "pickup"
# A slip scanned at 600 dpi is ~35 MP and a phone photo of it at most 50 MP; a signature (pad PNG or
# a photo of the signed slip) no bigger. Both stay below the capture limit's 60 MP.
SLIP_IMAGE_MAX_PIXELS = 60_000_000
SIGNATURE_MAX_PIXELS = 60_000_000
RATING_LABELS = {1: "非常不满意", 2: "不满意", 3: "基本满意", 4: "满意", 5: "非常满意"}
NOTIFY_CHANNELS = ("phone", "sms", "in_person", "letter")
NOTIFY_CONTACTS = ("operator", "agent", "liaison")
NOTIFY_OUTCOMES = ("reached", "no_answer", "message_left")


class Collector(enum.StrEnum):
    OPERATOR = "operator"
    AGENT = "agent"


@dataclass(frozen=True)
class PickupOptions:
    pickup_days: int = 60  # calendar days from arrival before an uncollected licence is overdue (local)
    max_failures: int = 5  # wrong codes in a row before the case is locked
    lock_minutes: int = 15

    @classmethod
    def from_settings(cls, settings: Settings) -> PickupOptions:
        raw = settings.extra.get(SETTINGS_KEY) or {}

        def positive(key: str, default: int) -> int:
            value = raw.get(key, default)
            return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default

        return cls(positive("pickup_days", cls.pickup_days), positive("max_failures", cls.max_failures),
                   positive("lock_minutes", cls.lock_minutes))


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArrivalResult:
    record: CaseRecord
    code: str  # shown on the slip only; not stored
    pickup_due: date
    slip: RenderedDocument


@dataclass(frozen=True)
class PickupRequest:
    case_id: str
    code: str
    id_number: str
    id_type: IdDocType
    holder_confirmed: bool  # the clerk compared the person with the ID photo
    signature: bytes  # PNG from the signature pad, or a photo of the signed slip (JPEG/PNG)
    authorisation_checked: bool = False  # an agent's signed authorisation was seen
    rating: int | None = None


@dataclass(frozen=True)
class HandoverResult:
    record: CaseRecord
    collector: Collector
    collected_at: datetime


@dataclass(frozen=True)
class AwaitingPickup:
    """One licence at the counter, for the pickup list (name masked: it is a list, not the case)."""

    case_id: str
    case_number: str
    operator_masked: str
    business_name: str
    arrived_at: datetime | None
    pickup_due: date | None
    overdue: bool


class PickupService:
    def __init__(self, repository: CaseRepository, pickups: PickupRepository, audit: AuditLog,
                 blobs: EncryptedBlobStore, printing: PrintingService, settings: Settings, *, clerk: str,
                 licence_lookup: Callable[[str], LicenceInfo | None] | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._repo = repository
        self._pickups = pickups
        self._audit = audit
        self._blobs = blobs
        self._printing = printing
        self._settings = settings
        self._clerk = clerk
        self._licence_lookup = licence_lookup
        self._now = now

    @property
    def options(self) -> PickupOptions:
        return PickupOptions.from_settings(self._settings)

    def set_licence_lookup(self, lookup: Callable[[str], LicenceInfo | None]) -> None:
        """Where licence facts come from when none is stored (the sync layer's change feed)."""
        self._licence_lookup = lookup

    # --- lists and lookup ----------------------------------------------------------------------------

    def dispatched(self) -> list[CaseSummary]:
        """Cases whose licence the district has sent: the arrival list."""
        return self._repo.list_summaries(status=CaseStatus.LICENCE_DISPATCHED)

    def is_overdue(self, pickup_due: date) -> bool:
        return self._now().astimezone().date() > pickup_due

    def awaiting(self, *, overdue_only: bool = False) -> list[AwaitingPickup]:
        summaries = {s.case_id: s for s in self._repo.list_summaries(status=CaseStatus.ARRIVED)}
        out = []
        for row in self._pickups.awaiting():
            summary = summaries.get(row.case_id)
            overdue = row.pickup_due is not None and self.is_overdue(row.pickup_due)
            if summary is None or (overdue_only and not overdue):
                continue
            out.append(AwaitingPickup(row.case_id, row.case_number, mask_name(summary.operator_name),
                                      summary.business_name, row.arrived_at, row.pickup_due, overdue))
        return out

    def find_case(self, text: str) -> CaseRecord:
        """The case named by a scanned QR payload or a typed case number. Audited: it shows the case."""
        number = case_number_from_text(text)
        record = self._repo.get_by_number(number) if number else None
        if record is None:
            raise CaseNumberNotFound(text)
        self._audit.record(actor=self._clerk, action="pickup.lookup", case_id=record.case_id)
        return record

    def find_case_in_frame(self, frame: np.ndarray) -> CaseRecord | None:
        """The case whose slip QR code is in a camera frame (BGR array), or None if no code is readable."""
        payload = decode_qr(frame)
        return self.find_case(payload) if payload else None

    def find_case_in_image_file(self, path: Path | str) -> CaseRecord | None:
        """The case whose slip QR code is in an image file (a scan or a photo of the slip). The file goes
        through the image guard first: a decompression bomb, a cut-off or a non-image file raises a
        CaptureError with a Chinese message instead of reaching the decoder."""
        return self.find_case_in_frame(load_image(path, max_pixels=SLIP_IMAGE_MAX_PIXELS))

    def pickup(self, case_id: str) -> PickupRecord | None:
        return self._pickups.get(case_id)

    # --- arrival -------------------------------------------------------------------------------------

    def record_licence(self, case_id: str, licence: LicenceInfo) -> None:
        self._pickups.save_licence(case_id, licence.to_dict())
        self._audit.record(actor=self._clerk, action="pickup.licence_recorded", case_id=case_id,
                           detail={"uscc": licence.uscc, "carrier": licence.carrier})

    def record_arrival(self, case_id: str, licence: LicenceInfo | None = None) -> ArrivalResult:
        """The licence is here: licence_dispatched -> arrived, a new pickup code, the slip to print."""
        record = self._case(case_id)
        if record.status is not CaseStatus.LICENCE_DISPATCHED:
            raise NotAwaitingPickup(record.status, "登记执照到达", "record the licence's arrival")
        licence = licence or self._licence(case_id)
        now = self._now()
        due = now.astimezone().date() + timedelta(days=self.options.pickup_days)
        code = pickup_code.new_code()
        # The slip is made first: a name no font can print stops the arrival before anything is stored,
        # so a case is never "arrived" with a code nobody could be given.
        slip = self._printing.pickup_slip(replace(record, status=CaseStatus.ARRIVED), licence, code=code,
                                          deadline=due, issued_at=now)
        try:
            self._pickups.mark_arrived(case_id, licence=licence.to_dict(), arrived_at=now,
                                       arrived_by=self._clerk, pickup_due=due,
                                       code_hash=pickup_code.hash_code(case_id, code))
        except IllegalTransition as exc:  # moved on since we looked (another counter PC)
            raise NotAwaitingPickup(exc.current, "登记执照到达", "record the licence's arrival") from exc
        self._audit.record(actor=self._clerk, action="pickup.arrived", case_id=case_id,
                           detail={"case_number": record.case_number, "pickup_due": due.isoformat()})
        return ArrivalResult(self._case(case_id), code, due, slip)

    def reissue_code(self, case_id: str) -> ArrivalResult:
        """A new code and slip (the slip was lost or misprinted); the old code stops working."""
        record = self._awaiting(case_id, "补打领取通知单", "reprint the pickup slip")
        pickup = self._pickups.get(case_id)
        assert pickup is not None and pickup.pickup_due is not None  # arrival wrote both
        code = pickup_code.new_code()
        now = self._now()
        self._pickups.replace_code(case_id, pickup_code.hash_code(case_id, code), now)
        self._audit.record(actor=self._clerk, action="pickup.code_reissued", case_id=case_id)
        licence = LicenceInfo.from_dict(pickup.licence)
        slip = self._printing.pickup_slip(record, licence, code=code, deadline=pickup.pickup_due,
                                          issued_at=now)
        return ArrivalResult(record, code, pickup.pickup_due, slip)

    def record_notification(self, case_id: str, *, channel: str, contact: str = "operator",
                            outcome: str = "reached") -> None:
        """That the applicant was told (by phone, SMS sent by hand, in person, letter); no message is sent."""
        if channel not in NOTIFY_CHANNELS or contact not in NOTIFY_CONTACTS or outcome not in NOTIFY_OUTCOMES:
            raise ValueError("unknown notification channel, contact or outcome")
        self._awaiting(case_id, "记录通知", "record a notification")
        self._pickups.add_notification(case_id, at=self._now(), recorded_by=self._clerk, channel=channel,
                                       contact=contact, outcome=outcome)
        self._audit.record(actor=self._clerk, action="pickup.notified", case_id=case_id,
                           detail={"channel": channel, "contact": contact, "outcome": outcome})

    # --- handover ------------------------------------------------------------------------------------

    def verify_code(self, case_id: str, code: str) -> None:
        """Check the code alone (the desk's first step). Wrong codes count towards the lock."""
        self._awaiting(case_id, "领取执照", "hand over the licence")
        self._check_code(case_id, code)

    def hand_over(self, request: PickupRequest) -> HandoverResult:
        record = self._awaiting(request.case_id, "领取执照", "hand over the licence")
        try:
            self._check_code(request.case_id, request.code)
            collector = self._check_identity(record, request)
            if not request.holder_confirmed:
                raise HolderNotConfirmed()
            _check_signature(request.signature)
        except PickupRefused as exc:
            self._audit.record(actor=self._clerk, action="pickup.refused", case_id=request.case_id,
                               detail={"reason": exc.reason})
            raise
        sha = self._blobs.put(request.signature)
        now = self._now()
        self._pickups.complete(request.case_id, Handover(
            collected_at=now, collected_by=self._clerk, collector_role=collector.value,
            collector_id_type=request.id_type.value, holder_confirmed=True,
            authorisation_checked=request.authorisation_checked, signature_sha256=sha,
            signature_size=len(request.signature)))
        self._audit.record(actor=self._clerk, action="pickup.collected", case_id=request.case_id,
                           detail={"collector": collector.value, "id_type": request.id_type.value})
        if request.rating is not None:
            self.record_rating(request.case_id, request.rating)
        return HandoverResult(self._case(request.case_id), collector, now)

    def record_rating(self, case_id: str, level: int) -> None:
        """The applicant's 好差评 rating, once per case (at or after pickup)."""
        if not isinstance(level, int) or level not in RATING_LABELS:
            raise InvalidRating()
        record = self._case(case_id)
        if record.status not in (CaseStatus.ARRIVED, CaseStatus.COLLECTED):
            raise NotAwaitingPickup(record.status, "评价", "rate it")
        self._pickups.add_rating(case_id, level=level, at=self._now(), recorded_by=self._clerk,
                                 channel="counter")
        self._audit.record(actor=self._clerk, action="pickup.rated", case_id=case_id, detail={"level": level})

    def rating(self, case_id: str) -> int | None:
        return self._pickups.rating(case_id)

    # --- internals -----------------------------------------------------------------------------------

    def _check_code(self, case_id: str, code: str) -> None:
        pickup = self._pickups.get(case_id)
        now = self._now()
        if pickup is not None and pickup.locked_until is not None and pickup.locked_until > now:
            raise PickupLocked(pickup.locked_until)
        code = pickup_code.normalize_code(code)
        if not pickup_code.is_well_formed(code):
            raise CodeFormat()
        valid = pickup is not None and pickup.code_hash is not None
        if valid and pickup and pickup.code_hash and pickup_code.verify_code(case_id, code, pickup.code_hash):
            if pickup.failed_attempts:
                self._pickups.clear_failures(case_id)
            return
        options = self.options
        attempts, locked_until = self._pickups.register_failure(
            case_id, now=now, max_failures=options.max_failures,
            lock_for=timedelta(minutes=options.lock_minutes))
        locked = locked_until is not None and locked_until > now
        self._audit.record(actor=self._clerk, action="pickup.code_failed", case_id=case_id,
                           detail={"attempt": attempts, "locked": locked})
        if locked and locked_until is not None:
            raise PickupLocked(locked_until)
        raise WrongCode(options.max_failures - attempts)

    @staticmethod
    def _check_identity(record: CaseRecord, request: PickupRequest) -> Collector:
        presented = normalize_id_number(request.id_number)
        app = record.application
        if presented and presented == normalize_id_number(app.operator.id_document.number):
            return Collector.OPERATOR
        agent = app.agent
        if agent is None or not presented or presented != normalize_id_number(agent.id_document.number):
            raise IdMismatch()
        if not agent.powers.collect_licence:
            raise AgentWithoutPower()
        if not request.authorisation_checked:
            raise AuthorisationNotSeen()
        return Collector.AGENT

    def licence_for(self, case_id: str) -> LicenceInfo | None:
        """The licence facts known for the case (recorded at arrival, or from the district's feed)."""
        try:
            return self._licence(case_id)
        except LicenceInfoMissing:
            return None

    def _licence(self, case_id: str) -> LicenceInfo:
        stored = self._pickups.get(case_id)
        if stored is not None and stored.licence:
            return LicenceInfo.from_dict(stored.licence)
        found = self._licence_lookup(case_id) if self._licence_lookup else None
        if found is None:
            raise LicenceInfoMissing()
        return found

    def _awaiting(self, case_id: str, action_zh: str, action_en: str) -> CaseRecord:
        record = self._case(case_id)
        if record.status is not CaseStatus.ARRIVED:
            raise NotAwaitingPickup(record.status, action_zh, action_en)
        return record

    def _case(self, case_id: str) -> CaseRecord:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return record


def _check_signature(data: bytes) -> None:
    """A signature image with some ink on it: decodable, not blank, not solid."""
    if not data:
        raise SignatureMissing()
    # The pad's PNG or a photo of the signed slip chosen from any folder: through the image guard, so a
    # decompression bomb or a damaged file is refused by name instead of reaching the decoder.
    try:
        image = to_gray(decode_image(data, max_pixels=SIGNATURE_MAX_PIXELS))
    except CaptureError as exc:
        raise SignatureImageUnusable(exc.message_zh, exc.message_en) from None
    if image.size == 0:
        raise SignatureMissing()
    dark = int(np.count_nonzero(image < 128))
    if dark < 30 or dark > image.size * 0.9:
        raise SignatureMissing()


def licence_from_feed(entries: Sequence[object]) -> LicenceInfo | None:
    """Licence facts from a case's change-feed entries (objects with `kind` and `data`, e.g.
    counter_app.store.outbox.FeedEntry): decision and dispatch data merged, later entries winning."""
    merged: dict[str, object] = {}
    for entry in entries:
        if getattr(entry, "kind", None) in ("decision", "dispatch"):
            data = getattr(entry, "data", None)
            if isinstance(data, dict):
                merged.update(data)
    if "uscc" not in merged:
        return None
    return LicenceInfo.from_dict(merged)
