"""The review queue driven through its real widgets: listing, filters, counts, colours, keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.review.connection import ReviewConnection
from counter_app.sync.review_protocol import QueueItem
from tests.ui.conftest import save_screenshot
from tests.ui.review.conftest import settle
from tests.unit.review.district import Counter
from ui.review.queue_model import FLAG_ROLE, NEAR_COLOUR, PAST_COLOUR, QueueModel
from ui.review.window import ReviewWindow


def test_queue_lists_submitted_cases_with_filters_and_counts(
        qtbot: QtBot, counter: Counter, open_window: Callable[[], ReviewWindow]) -> None:
    counter.submit(number="RH-2026-0001")
    counter.submit(number="RH-2026-0002")
    deferred = counter.submit(number="RH-2026-0003", deferred=("premises_landlord_title",))
    window = open_window()
    queue = window.queue
    assert queue.model.rowCount() == 3
    assert {queue.model.item(r).case_number for r in range(3)} == {"RH-2026-0001", "RH-2026-0002",
                                                                   "RH-2026-0003"}
    assert "3 件" in queue.counts.text() and "已提交 3" in queue.counts.text()
    header = [queue.model.headerData(c, Qt.Orientation.Horizontal) for c in range(queue.model.columnCount())]
    assert "剩余时间" in header and "承诺期限" in header
    left = queue.model.index(0, queue.model.COLUMNS.index("time_left")).data()
    assert "工作日" in left or "今日到期" in left
    save_screenshot(window, "review-queue.png")

    queue.deferred.setCurrentIndex(queue.deferred.findData(True))
    settle(qtbot, window)
    assert [queue.model.item(r).case_id for r in range(queue.model.rowCount())] == [deferred.case_id]
    assert "1 项待补" in queue.model.index(0, queue.model.COLUMNS.index("deferred")).data()
    queue.deferred.setCurrentIndex(queue.deferred.findData(False))
    settle(qtbot, window)
    assert queue.model.rowCount() == 2
    queue.deferred.setCurrentIndex(0)
    queue.deadline.setCurrentIndex(queue.deadline.findData("past"))
    settle(qtbot, window)
    assert queue.model.rowCount() == 0 and queue.empty.isVisibleTo(window)
    queue.deadline.setCurrentIndex(0)
    queue.township.setCurrentIndex(queue.township.findData("510411001"))
    settle(qtbot, window)
    assert queue.model.rowCount() == 3


def test_keyboard_navigation_enter_claims_and_opens_and_f5_refreshes(
        qtbot: QtBot, counter: Counter, connection: ReviewConnection,
        open_window: Callable[[], ReviewWindow]) -> None:
    counter.submit(number="RH-2026-0011")
    counter.submit(number="RH-2026-0012")
    window = open_window()
    queue = window.queue
    queue.table.setFocus()
    assert queue.table.currentIndex().row() == 0
    qtbot.keyClick(queue.table, Qt.Key.Key_Down)
    assert queue.table.currentIndex().row() == 1
    chosen = queue.current_case_id()
    assert chosen is not None
    with qtbot.waitSignal(window.case_opened, timeout=15_000) as opened:
        qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert opened.args == [chosen]
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.case
    assert connection.client.state(chosen).claim is not None  # Enter claimed it on the server

    window.case.back_button.click()
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.queue
    row = queue.model.row_of(chosen)
    assert queue.model.index(row, queue.model.COLUMNS.index("claimed_by")).data() == "我"
    counter.submit(number="RH-2026-0013")
    with qtbot.waitSignal(window.queue_loaded, timeout=15_000) as loaded:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert loaded.args == [3]


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_time_left_colours(language: str) -> None:
    def item(flag: str, left: int) -> QueueItem:
        return QueueItem(case_id=flag, case_number=flag, township_code="510411001", version=1,
                         status="submitted", received_at=datetime.now(UTC), accepted_on=date(2026, 11, 20),
                         committed_due=date(2026, 11, 25), legal_due=date(2026, 11, 25), extended=False,
                         working_days_left=left, deadline_flag=flag)  # type: ignore[arg-type]

    model = QueueModel()
    model.set_items([item("past", -2), item("near", 0), item("ok", 3)])
    column = model.COLUMNS.index("time_left")
    colours = [model.index(r, column).data(Qt.ItemDataRole.ForegroundRole) for r in range(3)]
    assert colours[0].color() == PAST_COLOUR and colours[1].color() == NEAR_COLOUR and colours[2] is None
    assert [model.index(r, 0).data(FLAG_ROLE) for r in range(3)] == ["past", "near", "ok"]
    if language == "en":
        assert model.index(0, column).data() == "2 working day(s) overdue"
        assert model.index(2, column).data() == "3 working day(s) left"
    else:
        assert "超期 2" in model.index(0, column).data() and model.index(1, column).data() == "今日到期"
