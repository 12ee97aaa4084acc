"""The printing service on a real store: documents built from the stored case, refused in the wrong
status, materials from the captured pages, committed date from the working calendar, and every output
recorded in the audit log."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from counter_app.printing.data import CorrectionItem, DeferredLine
from counter_app.printing.layout import PaperSize
from counter_app.printing.materials import AcceptedMaterials, StoredMaterials
from counter_app.printing.options import PrintOptions
from counter_app.services.printing import DocumentKind, DocumentNotAvailable, OutputAction
from counter_app.store.tables import CaseMaterialRow
from tests.support.applications import OPERATOR_ID, OPERATOR_NAME
from tests.unit.printing.helpers import Desk, page_sizes_mm, pdf_text, visible_id_characters

ACCEPTED = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # a Wednesday


def add_material(desk: Desk, case_id: str, slot: str, page: int) -> None:
    with desk.db.write() as session:
        session.add(CaseMaterialRow(
            material_id=str(uuid.uuid4()), case_id=case_id, slot=slot, page=page, kind="document",
            sha256="a" * 64, thumb_sha256="b" * 64, mime="image/jpeg", width=10, height=10, size=100,
            doc_type="a4", quality_json="{}", captured_at=datetime.now(UTC), captured_by="clerk-a"))


def test_receipt_from_the_store(desk: Desk) -> None:
    record = desk.case(CaseStatus.ACCEPTED_WITH_DEFERRALS)
    add_material(desk, record.case_id, "operator_id_front", 0)
    add_material(desk, record.case_id, "lease", 0)
    add_material(desk, record.case_id, "lease", 1)
    desk.printing.set_materials_source(StoredMaterials(desk.db))
    deferred = [DeferredLine("房屋产权证明", DeliveryMethod.POST, date(2027, 1, 5))]
    doc = desk.printing.receipt(record.case_id, accepted_at=ACCEPTED, deferred=deferred)
    assert doc.kind is DocumentKind.RECEIPT and doc.paper is PaperSize.A5
    assert page_sizes_mm(doc.pdf) == [(148, 210)]
    text = pdf_text(doc.pdf)
    assert record.case_number in text and OPERATOR_NAME in text
    assert OPERATOR_ID not in text and max(visible_id_characters(text)) <= 10
    assert "经营者身份证件（人像面）" in text and "房屋租赁合同" in text and "房屋产权证明" in text
    # 3 working days after Wednesday 2026-11-25: Thursday, Friday, then Monday.
    assert "2026年11月30日前作出决定" in text
    assert doc.filename() == f"{record.case_number}-受理回执.pdf"


def test_a_year_without_a_holiday_calendar_is_printed_as_a_warning(desk: Desk) -> None:
    record = desk.case(CaseStatus.ACCEPTED)
    doc = desk.printing.receipt(record.case_id, accepted_at=datetime(2027, 3, 1, 2, tzinfo=UTC))
    text = pdf_text(doc.pdf)
    assert "2027年3月4日前作出决定" in text  # Monday to Friday
    assert "2027年节假日安排尚未导入" in text


def test_receipt_is_refused_before_acceptance(desk: Desk) -> None:
    record = desk.case(CaseStatus.PRE_REVIEWED)
    with pytest.raises(DocumentNotAvailable) as caught:
        desk.printing.receipt(record.case_id)
    assert "尚未受理" in caught.value.message_zh and "受理回执" in caught.value.message_zh


def test_deferral_notice_needs_deferred_items(desk: Desk) -> None:
    record = desk.case(CaseStatus.ACCEPTED_WITH_DEFERRALS)
    with pytest.raises(DocumentNotAvailable):
        desk.printing.deferral_notice(record.case_id)
    doc = desk.printing.deferral_notice(record.case_id, deferred=[
        DeferredLine("结婚证", DeliveryMethod.COUNTER, date(2026, 12, 3))])
    assert doc.paper is PaperSize.A4 and len(page_sizes_mm(doc.pdf)) == 2


def test_refusal_only_for_a_refused_case(desk: Desk) -> None:
    in_review = desk.case(CaseStatus.IN_REVIEW)
    with pytest.raises(DocumentNotAvailable):
        desk.printing.refusal_notice(in_review.case_id, ["理由"])
    refused = desk.case(CaseStatus.REFUSED)
    with pytest.raises(DocumentNotAvailable):
        desk.printing.refusal_notice(refused.case_id, ["  "])
    text = pdf_text(desk.printing.refusal_notice(refused.case_id, ["经营场所位于禁止经营区域"]).pdf)
    assert "经营场所位于禁止经营区域" in text and "攀枝花市仁和区人民政府" in text


def test_correction_notice(desk: Desk) -> None:
    record = desk.case(CaseStatus.RETURNED)
    item = CorrectionItem("经营场所", "门牌号有误", "按合同填写")
    doc = desk.printing.correction_notice(record.case_id, [item])
    assert "门牌号有误" in pdf_text(doc.pdf)


def test_paper_sizes_come_from_the_settings(desk: Desk) -> None:
    options = PrintOptions.from_settings(desk.settings).with_papers(PaperSize.A6, PaperSize.A5)
    options.store_in(desk.settings)
    record = desk.case(CaseStatus.ACCEPTED)
    assert page_sizes_mm(desk.printing.receipt(record.case_id).pdf) == [(105, 148)]
    refused = desk.case(CaseStatus.REFUSED)
    assert page_sizes_mm(desk.printing.refusal_notice(refused.case_id, ["x"]).pdf) == [(148, 210)]


def test_every_output_is_audited_without_personal_data(desk: Desk) -> None:
    record = desk.case(CaseStatus.ACCEPTED)
    doc = desk.printing.receipt(record.case_id)
    desk.printing.record_output(doc, OutputAction.PREVIEW, pages=1)
    desk.printing.record_output(doc, OutputAction.PRINT, target="HP LaserJet 1号窗口", copies=2, pages=1)
    desk.printing.record_output(doc, OutputAction.SAVE_PDF, target=f"{OPERATOR_ID}.pdf")
    events = [e for e in desk.audit.events(case_id=record.case_id) if e.action.startswith("document.")]
    assert [e.action for e in events] == ["document.preview", "document.print", "document.save_pdf"]
    assert all(e.actor == "clerk-a" and e.detail["document"] == "receipt" for e in events)
    assert events[1].detail["target"] == "HP LaserJet 1号窗口" and events[1].detail["copies"] == 2
    assert "target" not in events[2].detail  # a file name holding an ID number is left out
    assert all(OPERATOR_ID not in str(e.detail) for e in events)


def test_receipt_and_notice_from_the_acceptance_record(desk: Desk) -> None:
    """Wired as in the app: slot names from the case's checklist, deferred items and the time from the
    acceptance (counter_app.store.acceptance)."""
    from counter_app.domain.calendar import WorkingCalendar
    from counter_app.domain.deadlines import compute_deadlines
    from counter_app.domain.deferral import DeferredMaterial
    from counter_app.domain.materials import checklist_for
    from counter_app.store.acceptance import AcceptanceRepository

    record = desk.case(CaseStatus.PRE_REVIEWED)
    first_slot = checklist_for(record.application)[0]
    add_material(desk, record.case_id, first_slot.key, 0)
    deadlines = compute_deadlines(date(2026, 11, 25), WorkingCalendar(), committed_days=3)
    deferred = DeferredMaterial("title_certificate", "房屋产权证明", "Title certificate", DeliveryMethod.POST,
                                date(2026, 11, 30))
    AcceptanceRepository(desk.db).accept(
        record.case_id, expected_row_version=record.row_version, accepted_by="clerk-a", deadlines=deadlines,
        deferred=[deferred], commitment_signed=True)
    desk.audit.record(actor="clerk-a", action="case.accept_with_deferrals", case_id=record.case_id)
    desk.printing.set_materials_source(AcceptedMaterials(desk.db, desk.repo))
    text = pdf_text(desk.printing.receipt(record.case_id).pdf)
    assert first_slot.label_zh in text
    assert "房屋产权证明" in text and "邮寄" in text and "2026年11月30日" in text
    notice = pdf_text(desk.printing.deferral_notice(record.case_id).pdf)
    assert "房屋产权证明" in notice and "请于2026年11月30日前" in notice
