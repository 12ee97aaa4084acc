"""The printing service: builds each document of a case from the local store and records every preview,
print and save in the audit log (who, which document, which case, when) — views never write the audit
themselves (style.md habit 4).

Materials received come from a `MaterialsSource` (by default the captured pages in `case_materials`);
deferred (容缺) items and the time of acceptance may be passed in by the caller that accepted the case.
District facts (USCC, authority, approval date) arrive as a `LicenceInfo`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from counter_app.config import Settings
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.deadlines import compute_deadlines
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.printing.correction_notice import build_correction_notice
from counter_app.printing.data import (
    CorrectionItem,
    CorrectionNoticeData,
    DeferralNoticeData,
    DeferredLine,
    LicenceInfo,
    MaskedPerson,
    PickupSlipData,
    ReceiptData,
    RefusalNoticeData,
)
from counter_app.printing.deferral_notice import build_deferral_notice
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import PaperSize, layout_for
from counter_app.printing.materials import MaterialsSource, NoMaterials
from counter_app.printing.options import PrintOptions
from counter_app.printing.pickup_slip import build_pickup_slip
from counter_app.printing.receipt import build_receipt
from counter_app.printing.refusal_notice import build_refusal_notice
from counter_app.services.errors import CaseNotFound, ServiceError
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.audit import AuditLog, PersonalDataInAudit
from counter_app.store.repository import CaseRecord, CaseRepository


class DocumentKind(enum.StrEnum):
    RECEIPT = "receipt"
    DEFERRAL_NOTICE = "deferral_notice"
    CORRECTION_NOTICE = "correction_notice"
    REFUSAL_NOTICE = "refusal_notice"
    PICKUP_SLIP = "pickup_slip"


DOCUMENT_LABELS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.RECEIPT: ("受理回执", "Acknowledgement receipt"),
    DocumentKind.DEFERRAL_NOTICE: ("容缺受理通知书", "Deferred-materials notice"),
    DocumentKind.CORRECTION_NOTICE: ("补正通知书", "Correction notice"),
    DocumentKind.REFUSAL_NOTICE: ("不予登记通知书", "Refusal notice"),
    DocumentKind.PICKUP_SLIP: ("领取通知单", "Pickup slip"),
}


class OutputAction(enum.StrEnum):
    PREVIEW = "preview"
    PRINT = "print"
    SAVE_PDF = "save_pdf"


_NOT_YET_ACCEPTED = frozenset({CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, CaseStatus.WITHDRAWN})


class DocumentNotAvailable(ServiceError):
    def __init__(self, kind: DocumentKind, status: CaseStatus, reason_zh: str, reason_en: str) -> None:
        doc_zh, doc_en = DOCUMENT_LABELS[kind]
        status_zh, status_en = STATUS_LABELS[status]
        super().__init__(f"案件当前状态为“{status_zh}”，不能打印{doc_zh}：{reason_zh}",
                         f"The case is {status_en}; the {doc_en.lower()} cannot be printed: {reason_en}")


@dataclass(frozen=True)
class RenderedDocument:
    """One generated document, ready to preview, print or save."""

    kind: DocumentKind
    case_id: str
    case_number: str
    pdf: bytes
    paper: PaperSize

    @property
    def title_zh(self) -> str:
        return DOCUMENT_LABELS[self.kind][0]

    @property
    def title_en(self) -> str:
        return DOCUMENT_LABELS[self.kind][1]

    def filename(self) -> str:
        """A file name without personal data: case number and document."""
        return f"{self.case_number}-{self.title_zh}.pdf"


class PrintingService:
    def __init__(self, repository: CaseRepository, audit: AuditLog, settings: Settings, *, clerk: str,
                 calendar: WorkingCalendar | None = None, materials: MaterialsSource | None = None,
                 fonts: Callable[[], FontSet] = default_fonts,
                 acceptances: AcceptanceRepository | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._repo = repository
        self._audit = audit
        self._settings = settings
        self._clerk = clerk
        self._calendar = calendar or WorkingCalendar()
        self._materials = materials or NoMaterials()
        self._fonts = fonts
        self._acceptances = acceptances
        self._now = now

    @property
    def options(self) -> PrintOptions:
        return PrintOptions.from_settings(self._settings)

    @property
    def settings(self) -> Settings:
        return self._settings

    def set_materials_source(self, materials: MaterialsSource) -> None:
        self._materials = materials

    def has_deferrals(self, case_id: str) -> bool:
        """Whether the case was accepted with deferred (容缺) items, i.e. has a 容缺 notice to print."""
        return bool(self._materials.deferred(case_id))

    # --- documents -----------------------------------------------------------------------------------

    def receipt(self, case_id: str, *, accepted_at: datetime | None = None,
                deferred: Sequence[DeferredLine] | None = None) -> RenderedDocument:
        record = self._case(case_id)
        if record.status in _NOT_YET_ACCEPTED:
            raise DocumentNotAvailable(DocumentKind.RECEIPT, record.status, "案件尚未受理",
                                       "the case has not been accepted")
        options = self.options
        accepted = accepted_at or self._accepted_at(record)
        deadlines = compute_deadlines(accepted.astimezone().date(), self._calendar,
                                      committed_days=self._settings.committed_days)
        committed_due, notes = deadlines.committed_due, tuple(w.message_zh for w in deadlines.warnings)
        recorded = self._acceptances.get(case_id) if self._acceptances is not None else None
        if recorded is not None and accepted_at is None:  # a reprint shows what was promised then
            accepted, committed_due = recorded.accepted_at, recorded.committed_due
            notes = recorded.warnings_zh
        items = tuple(deferred if deferred is not None else self._materials.deferred(case_id))
        data = ReceiptData(
            case_number=record.case_number, accepted_at=accepted, operator=self._operator(record),
            business_name=record.application.business_name,
            materials=tuple(self._materials.received(case_id)), deferred=items,
            committed_due=committed_due, counter=options.counter_info(self._settings),
            clerk_name=self._clerk, notes=notes)
        pdf = build_receipt(data, layout_for(options.slip_paper), self._fonts())
        return RenderedDocument(DocumentKind.RECEIPT, case_id, record.case_number, pdf, options.slip_paper)

    def deferral_notice(self, case_id: str, *, accepted_at: datetime | None = None,
                        deferred: Sequence[DeferredLine] | None = None) -> RenderedDocument:
        record = self._case(case_id)
        if record.status in _NOT_YET_ACCEPTED:
            raise DocumentNotAvailable(DocumentKind.DEFERRAL_NOTICE, record.status, "案件尚未受理",
                                       "the case has not been accepted")
        items = tuple(deferred if deferred is not None else self._materials.deferred(case_id))
        if not items:
            raise DocumentNotAvailable(DocumentKind.DEFERRAL_NOTICE, record.status, "该案件没有容缺材料",
                                       "the case has no deferred materials")
        options = self.options
        data = DeferralNoticeData(
            case_number=record.case_number, accepted_at=accepted_at or self._accepted_at(record),
            operator=self._operator(record), business_name=record.application.business_name,
            items=items, counter=options.counter_info(self._settings), clerk_name=self._clerk)
        pdf = build_deferral_notice(data, layout_for(options.notice_paper), self._fonts())
        return RenderedDocument(DocumentKind.DEFERRAL_NOTICE, case_id, record.case_number, pdf,
                                options.notice_paper)

    def correction_notice(self, case_id: str, items: Sequence[CorrectionItem], *,
                          supply_by: date | None = None, how_to_supply: str = "") -> RenderedDocument:
        record = self._case(case_id)
        if not items:
            raise DocumentNotAvailable(DocumentKind.CORRECTION_NOTICE, record.status, "没有需要补正的项目",
                                       "there is nothing to correct")
        options = self.options
        data = CorrectionNoticeData(
            case_number=record.case_number, issued_on=self._now().astimezone().date(),
            operator=self._operator(record), business_name=record.application.business_name,
            items=tuple(items), counter=options.counter_info(self._settings), how_to_supply=how_to_supply,
            supply_by=supply_by)
        pdf = build_correction_notice(data, layout_for(options.notice_paper), self._fonts())
        return RenderedDocument(DocumentKind.CORRECTION_NOTICE, case_id, record.case_number, pdf,
                                options.notice_paper)

    def refusal_notice(self, case_id: str, reasons: Sequence[str], *,
                       decided_on: date | None = None) -> RenderedDocument:
        record = self._case(case_id)
        if record.status is not CaseStatus.REFUSED:
            raise DocumentNotAvailable(DocumentKind.REFUSAL_NOTICE, record.status, "区级尚未作出不予登记决定",
                                       "the district has not refused the case")
        reasons = [r.strip() for r in reasons if r.strip()]
        if not reasons:
            raise DocumentNotAvailable(DocumentKind.REFUSAL_NOTICE, record.status, "缺少不予登记的理由",
                                       "the reasons for the refusal are missing")
        options = self.options
        data = RefusalNoticeData(
            case_number=record.case_number, decided_on=decided_on or self._now().astimezone().date(),
            operator=self._operator(record), business_name=record.application.business_name,
            reasons=tuple(reasons), counter=options.counter_info(self._settings),
            review_body=options.review_body, court=options.court)
        pdf = build_refusal_notice(data, layout_for(options.notice_paper), self._fonts())
        return RenderedDocument(DocumentKind.REFUSAL_NOTICE, case_id, record.case_number, pdf,
                                options.notice_paper)

    def pickup_slip(self, record: CaseRecord, licence: LicenceInfo, *, code: str, deadline: date,
                    issued_at: datetime) -> RenderedDocument:
        """Called by the pickup service, which alone knows the code (it stores only its hash)."""
        if record.status is not CaseStatus.ARRIVED:
            raise DocumentNotAvailable(DocumentKind.PICKUP_SLIP, record.status, "执照尚未到达本窗口",
                                       "the licence has not arrived at this counter")
        options = self.options
        app = record.application
        agent = app.agent
        data = PickupSlipData(
            case_number=record.case_number, business_name=app.business_name, operator=self._operator(record),
            licence=licence, pickup_place=options.pickup_place, pickup_hours=options.hours,
            pickup_deadline=deadline, pickup_code=code, counter=options.counter_info(self._settings),
            rating_url=options.rating_link(record.case_number), issued_at=issued_at,
            agent=MaskedPerson.of(agent.name, agent.id_document.number)
            if agent and agent.powers.collect_licence and agent.name.strip() else None)
        pdf = build_pickup_slip(data, layout_for(options.slip_paper), self._fonts())
        return RenderedDocument(DocumentKind.PICKUP_SLIP, record.case_id, record.case_number, pdf,
                                options.slip_paper)

    # --- audit ---------------------------------------------------------------------------------------

    def record_output(self, document: RenderedDocument, action: OutputAction, *, target: str = "",
                      copies: int = 1, pages: int | None = None) -> None:
        """Record a preview, print or save of `document`. `target` is the printer or the file name."""
        detail: dict[str, object] = {"document": document.kind.value, "case_number": document.case_number,
                                     "paper": document.paper.value, "copies": copies}
        if pages is not None:
            detail["pages"] = pages
        if target:
            detail["target"] = target
        try:
            self._audit.record(actor=self._clerk, action=f"document.{action.value}", case_id=document.case_id,
                               detail=detail)
        except PersonalDataInAudit:  # a file name the clerk typed may hold an ID number: leave it out
            detail.pop("target", None)
            self._audit.record(actor=self._clerk, action=f"document.{action.value}", case_id=document.case_id,
                               detail=detail)

    # --- internals -----------------------------------------------------------------------------------

    def _case(self, case_id: str) -> CaseRecord:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return record

    def _accepted_at(self, record: CaseRecord) -> datetime:
        """When the case was accepted: the audit event of the acceptance if there is one, else the last
        change of the case (a reprint after acceptance)."""
        for event in self._audit.events(case_id=record.case_id):
            if event.action.startswith("case.accept"):
                return event.at
        return record.updated_at

    @staticmethod
    def _operator(record: CaseRecord) -> MaskedPerson:
        operator = record.application.operator
        return MaskedPerson.of(operator.name, operator.id_document.number)
