"""After approval, through the real widgets against the real district: the 待寄出 list (township names,
not codes), the dispatch form with its checks (mail needs carrier and tracking number), hand delivery,
the counter seeing the dispatch on its change feed; and a 容缺 item supplied while the case is open
appearing as a page with its image."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.review.connection import ReviewConnection
from counter_app.sync import protocol as p
from tests.ui.conftest import save_screenshot
from tests.ui.review.conftest import settle
from tests.ui.review.test_case import open_next
from tests.unit.review.district import Counter
from ui.review.dispatch import DispatchForm
from ui.review.image_loader import PageState
from ui.review.window import ReviewWindow


def approve(counter: Counter, connection: ReviewConnection, number: str) -> str:
    case_id = counter.submit(number=number).case_id
    connection.client.claim(case_id)
    connection.client.approve(case_id)
    return case_id


def open_row(qtbot: QtBot, window: ReviewWindow, case_id: str) -> None:
    window.queue.table.selectRow(window.queue.model.row_of(case_id))
    window.queue.focus_table()
    with qtbot.waitSignal(window.case_opened, timeout=15_000):
        qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    settle(qtbot, window)


def dispatch_form(qtbot: QtBot, window: ReviewWindow) -> DispatchForm:
    assert window.case.dispatch_button.isEnabled()
    qtbot.mouseClick(window.case.dispatch_button, Qt.MouseButton.LeftButton)
    form = window.form
    assert isinstance(form, DispatchForm)
    qtbot.waitExposed(form)
    return form


def test_to_dispatch_list_then_mail_and_hand_delivery(qtbot: QtBot, counter: Counter,
                                                      connection: ReviewConnection,
                                                      open_window: Callable[[], ReviewWindow]) -> None:
    mailed = approve(counter, connection, "RH-2026-0701")
    handed = approve(counter, connection, "RH-2026-0702")
    window = open_window()
    queue = window.queue
    assert queue.model.rowCount() == 0  # nothing waits for review
    qtbot.waitUntil(lambda: queue.township.findText("仁和镇") > 0, timeout=15_000)
    with qtbot.waitSignal(window.queue_loaded, timeout=15_000) as loaded:
        queue.show_to_dispatch()
    settle(qtbot, window)
    assert loaded.args == [2] and queue.status.currentText() == "待寄出（已核准）"
    township = queue.model.COLUMNS.index("township")
    assert queue.model.index(0, township).data() == "仁和镇"
    assert queue.model.index(0, township).data(Qt.ItemDataRole.ToolTipRole) == "510411001"
    assert queue.open_button.text() == "打开（Enter）"  # a decided case is read, not claimed
    time_left = queue.model.index(0, queue.model.COLUMNS.index("time_left"))
    assert time_left.data() == "" and time_left.data(Qt.ItemDataRole.ForegroundRole) is None
    save_screenshot(window, "review-to-dispatch.png")

    open_row(qtbot, window, mailed)
    case = window.case
    assert connection.client.state(mailed).claim is None and not window.claim_timer.isActive()
    assert "仁和镇" in case.header.text() and "已核准" in case.header.text()
    issued = connection.client.state(mailed)  # what approval issued is on the case's header
    assert issued.uscc and issued.licence_number
    assert f"统一社会信用代码 {issued.uscc}" in case.header.text()
    assert str(issued.licence_number) in case.header.text()
    assert not case.approve_button.isEnabled() and not case.return_button.isEnabled()
    save_screenshot(window, "review-case-approved.png")
    form = dispatch_form(qtbot, window)
    assert form.mail.isChecked() and form.carrier.currentText() == "EMS"
    form.carrier.setEditText("")
    form.ok_button.click()
    assert form.isVisible() and form.problem.text() == "邮寄须填写承运单位和运单号。"
    form.carrier.setEditText("顺丰速运")
    form.ok_button.click()
    assert form.isVisible() and form.problem.text() == "请填写运单号。"
    qtbot.keyClicks(form.tracking, "SF12")
    form.ok_button.click()
    assert form.isVisible() and "6" in form.problem.text()
    form.tracking.setText("SF1234567890123")
    assert form.problem.isHidden()  # an edit clears the old problem
    save_screenshot(form, "review-dispatch-form.png")
    with qtbot.waitSignal(window.decision_made, timeout=15_000) as made:
        form.ok_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is queue and not window.is_busy(), timeout=15_000)
    assert made.args == ["dispatched"]
    assert "顺丰速运" in window.notice.text() and "SF1234567890123" in window.notice.text()
    assert [queue.model.item(r).case_id for r in range(queue.model.rowCount())] == [handed]

    open_row(qtbot, window, handed)
    form = dispatch_form(qtbot, window)
    form.hand.click()
    assert not form.carrier.isEnabled() and not form.tracking.isEnabled()
    with qtbot.waitSignal(window.decision_made, timeout=15_000):
        form.ok_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is queue and not window.is_busy(), timeout=15_000)
    assert "专人送达" in window.notice.text() and queue.model.rowCount() == 0
    assert not window.banner.isVisible()

    # The counter sees both dispatches on its change feed.
    feed = p.ChangesPage.model_validate_json(counter.http.get(
        p.PATH_CHANGES, headers=counter.headers, params={"limit": 100}).content)
    sent = {c.case_id: c.data for c in feed.changes if c.kind == "dispatch"}
    assert (sent[mailed]["carrier"], sent[mailed]["tracking_number"]) == ("顺丰速运", "SF1234567890123")
    assert sent[handed]["method"] == "hand"


def test_a_deferred_item_supplied_while_open_becomes_a_page(qtbot: QtBot, counter: Counter,
                                                             open_window: Callable[[], ReviewWindow]) -> None:
    slot = "premises_landlord_title"
    sub = counter.submit(number="RH-2026-0801", deferred=(slot,))
    window = open_window()
    open_next(qtbot, window)
    case = window.case
    pages_before = case.pages.count()
    case.checklist.set_checked("portrait")

    counter.supply_deferred(sub.case_id, slot)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: case.pages.count() == pages_before + 1, timeout=15_000)
    labels = [case.pages.item(r).text() for r in range(case.pages.count())]
    supplied = next(r for r, text in enumerate(labels) if "补交" in text)
    assert "出租方" in labels[supplied]
    assert {e.slot: e.state.value for e in case.entries}[slot] == "supplied"
    assert case.checklist.checked_slots() == ["portrait"]  # the reviewer's ticks survive the refresh
    case.pages.setCurrentRow(supplied)
    key = f"{slot}#0"
    qtbot.waitUntil(lambda: (page := window.case_images.page(key)) is not None
                    and page.state is PageState.FULL, timeout=20_000)
    assert case.document_view.has_image() and case.approve_button.isEnabled()
    save_screenshot(window, "review-case-supplied.png")
