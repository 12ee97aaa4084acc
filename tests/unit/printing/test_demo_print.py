"""The demo's printing and pickup steps on a real AppContext: files written, audit recorded, case
collected."""

from __future__ import annotations

from pathlib import Path

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.printing.demo_print import demo_pickup, print_demo_documents
from counter_app.store.tables import CaseRow
from tests.unit.printing.helpers import LICENCE, pdf_text, qr_payloads, render


def set_status(context: AppContext, case_id: str, status: CaseStatus) -> None:
    """Stand-in for the steps of other issues (acceptance, district review, dispatch)."""
    with context.database.write() as session:
        row = session.get(CaseRow, case_id)
        assert row is not None
        row.status = status.value


def test_demo_documents_and_pickup(tmp_path: Path) -> None:
    context = AppContext.open(tmp_path / "data", sync=False)
    try:
        record = context.cases.new_case(load_sample_application())
        set_status(context, record.case_id, CaseStatus.ACCEPTED)
        lines = print_demo_documents(context, record.case_id, tmp_path / "out")
        receipt = tmp_path / "out" / f"{record.case_number}-受理回执.pdf"
        assert receipt.exists() and str(receipt) in lines[0]
        assert "无容缺材料" in lines[1]
        assert record.case_number in pdf_text(receipt.read_bytes())
        assert record.case_number in qr_payloads(render(receipt.read_bytes())[0])

        set_status(context, record.case_id, CaseStatus.LICENCE_DISPATCHED)
        lines = demo_pickup(context, record.case_id, LICENCE, tmp_path / "out")
        slip = tmp_path / "out" / f"{record.case_number}-领取通知单.pdf"
        assert slip.exists() and any(str(slip) in line for line in lines)
        assert LICENCE.uscc in pdf_text(slip.read_bytes())
        collected = context.cases.open_case(record.case_id)
        assert collected.status is CaseStatus.COLLECTED
        actions = [e.action for e in context.audit.events(case_id=record.case_id)]
        assert actions.count("document.save_pdf") == 2
        assert {"pickup.arrived", "pickup.notified", "pickup.collected", "pickup.rated"} <= set(actions)
    finally:
        context.close()
