"""The pickup desk in the real widgets: record an arrival from the dispatch list, read the code off the
printed slip, find the case by scanning the slip, refuse a wrong code, and hand over with a signature
drawn with the mouse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.store.repository import CaseRecord
from counter_app.store.tables import CaseRow
from tests.unit.printing.helpers import LICENCE, pdf_text, render
from ui.pickup.desk import PickupDesk
from ui.printing.preview import PrintPreviewDialog
from ui.tasks import SyncTaskRunner

SCREENS = Path("/work/notes/screens/pickup")


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def desk(qtbot: QtBot, context: AppContext) -> Iterator[PickupDesk]:
    widget = PickupDesk(context.pickup, context.printing, SyncTaskRunner())
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    if widget.preview is not None:
        widget.preview.close()
    widget.close()
    widget.deleteLater()


def dispatched_case(context: AppContext) -> CaseRecord:
    """A case the district approved and dispatched (those steps belong to other issues)."""
    record = context.cases.new_case(load_sample_application())
    with context.database.write() as session:
        row = session.get(CaseRow, record.case_id)
        assert row is not None
        row.status = CaseStatus.LICENCE_DISPATCHED.value
    context.pickup.record_licence(record.case_id, LICENCE)
    return record


def sign(qtbot: QtBot, desk: PickupDesk) -> None:
    pad = desk.form.signature
    points = [QPoint(30, 90), QPoint(80, 30), QPoint(130, 100), QPoint(190, 40), QPoint(260, 95)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(pad, point)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])
    assert not pad.is_empty()


def test_arrival_slip_scan_and_handover(qtbot: QtBot, context: AppContext, desk: PickupDesk) -> None:
    record = dispatched_case(context)
    desk.refresh()
    assert desk.lists.dispatched.count() == 1
    assert "张*" in desk.lists.dispatched.item(0).text()  # lists mask the name
    desk.lists.dispatched.setCurrentRow(0)
    desk.grab().save(str(SCREENS / "desk-dispatched.png"))
    with qtbot.waitSignal(desk.preview_opened) as opened:
        desk.lists.arrival_button.click()
    preview = opened.args[0]
    assert isinstance(preview, PrintPreviewDialog) and preview.document.kind.value == "pickup_slip"
    preview.grab().save(str(SCREENS / "slip-preview.png"))
    slip = preview.document.pdf
    match = re.search(r"领取码\s*(\d{3}) (\d{3})", pdf_text(slip))
    assert match, "the code is printed on the slip"
    code = match.group(1) + match.group(2)
    preview.close()
    assert context.cases.open_case(record.case_id).status is CaseStatus.ARRIVED
    assert desk.lists.awaiting.count() == 1

    # The applicant comes back: the clerk scans the slip.
    desk.search.clear()
    desk.scan_frame(render(slip, dpi=150)[0])
    current = desk.current_case()
    assert current is not None and current.case_id == record.case_id
    assert desk.form.isEnabled()

    operator_id = load_sample_application().operator.id_document.number
    desk.form.code.setText(f"{(int(code) + 1) % 1_000_000:06d}")
    desk.form.id_number.setText(operator_id)
    desk.form.holder_confirmed.setChecked(True)
    sign(qtbot, desk)
    desk.form.submit.click()
    assert "领取码不正确" in desk.message.text()
    assert context.cases.open_case(record.case_id).status is CaseStatus.ARRIVED

    desk.form.code.setText(code)
    desk.form.rating.setCurrentIndex(1)  # 5 · 非常满意
    desk.grab().save(str(SCREENS / "desk-handover.png"))
    desk.form.submit.click()
    assert context.cases.open_case(record.case_id).status is CaseStatus.COLLECTED
    pickup = context.pickup.pickup(record.case_id)
    assert pickup is not None and pickup.code_hash is None and pickup.signature_sha256
    assert context.blobs.get(pickup.signature_sha256).startswith(b"\x89PNG")
    assert context.pickup.rating(record.case_id) == 5
    assert desk.form.signature.is_empty() and desk.form.code.text() == ""
    assert not desk.form.isEnabled()
    desk.grab().save(str(SCREENS / "desk-collected.png"))


def test_typing_an_unknown_number_says_so(desk: PickupDesk) -> None:
    desk.search.setText("510411001-01-20990101-0009")
    desk.find_button.click()
    assert "找不到案件编号" in desk.message.text()


def test_refusals_are_shown_in_chinese(qtbot: QtBot, context: AppContext, desk: PickupDesk) -> None:
    record = dispatched_case(context)
    desk.record_arrival(record.case_id)
    assert desk.preview is not None
    desk.preview.close()
    desk.form.code.setText("000000")
    desk.form.submit.click()
    assert "领取码" in desk.message.text()
    assert desk.form.submit.isEnabled()  # the clerk can correct and try again


def test_an_agent_collects_with_a_photo_of_the_signed_slip(qtbot: QtBot, context: AppContext,
                                                          desk: PickupDesk) -> None:
    import cv2
    import numpy as np

    from counter_app.domain.model import Agent, AgentPowers, IdDocType, IdDocument

    application = load_sample_application()
    agent_id = IdDocument(IdDocType.RESIDENT_ID, "440524188001010014")
    application.agent = Agent(name="赵六", id_document=agent_id, powers=AgentPowers(collect_licence=True))
    record = context.cases.new_case(application)
    with context.database.write() as session:
        row = session.get(CaseRow, record.case_id)
        assert row is not None
        row.status = CaseStatus.LICENCE_DISPATCHED.value
    context.pickup.record_licence(record.case_id, LICENCE)
    desk.record_arrival(record.case_id)
    assert desk.preview is not None
    match = re.search(r"领取码\s*(\d{3}) (\d{3})", pdf_text(desk.preview.document.pdf))
    assert match
    code = match.group(1) + match.group(2)
    desk.preview.close()
    photo = np.full((300, 500, 3), 235, np.uint8)  # a grey-ish slip with a pen signature on it
    cv2.polylines(photo, [np.array([[40, 200], [150, 90], [260, 210], [420, 100]], np.int32)], False,
                  (30, 30, 30), 5)
    desk.form.set_signature_photo(cv2.imencode(".jpg", photo)[1].tobytes())
    desk.form.code.setText(code)
    desk.form.id_number.setText("440524188001010014")
    desk.form.holder_confirmed.setChecked(True)
    desk.form.submit.click()
    assert "授权委托书" in desk.message.text()  # the authorisation box was not ticked
    desk.form.authorisation_checked.setChecked(True)
    desk.form.submit.click()
    assert context.cases.open_case(record.case_id).status is CaseStatus.COLLECTED
    pickup = context.pickup.pickup(record.case_id)
    assert pickup is not None and pickup.collector_role == "agent"
