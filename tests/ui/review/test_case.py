"""The case view and the decision forms driven through the real widgets against the real district:
return for correction with two items, approval (USCC shown), the next case opening, 容缺 blocking
approval, personal data masked until revealed, images arriving thumbnails first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.demo import load_sample_application
from counter_app.review.connection import ReviewConnection
from counter_app.review.errors import ReviewSignInRequired
from counter_app.sync import review_protocol as rp
from counter_app.sync.protocol import MaterialRef
from tests.ui.conftest import save_screenshot
from tests.ui.review.conftest import settle
from tests.unit.review.district import Counter
from ui.review.forms import ApproveForm, RefuseForm, ReturnForm
from ui.review.image_loader import PageState
from ui.review.window import ReviewWindow


def open_next(qtbot: QtBot, window: ReviewWindow) -> str:
    with qtbot.waitSignal(window.case_opened, timeout=15_000) as opened:
        window.queue.claim_next_button.click()
    settle(qtbot, window)
    return str(opened.args[0])


def drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    """A left-button drag as real mouse events (QTest's mouseMove carries no buttons in Qt 6)."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind, point, buttons in ((QEvent.Type.MouseButtonPress, start, left),
                                 (QEvent.Type.MouseMove, (start + end) / 2, left),
                                 (QEvent.Type.MouseMove, end, left),
                                 (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)):
        local = QPointF(point)
        QApplication.sendEvent(widget, QMouseEvent(kind, local, QPointF(widget.mapToGlobal(point)), left,
                                                   buttons, none))


def images_loaded(qtbot: QtBot, window: ReviewWindow, state: PageState = PageState.FULL) -> None:
    qtbot.waitUntil(lambda: bool(window.case_images.pages) and all(
        p.state is state for p in window.case_images.pages.values()), timeout=20_000)


def test_return_with_two_items_then_approval_and_the_next_case_opens(
        qtbot: QtBot, counter: Counter, connection: ReviewConnection,
        open_window: Callable[[], ReviewWindow]) -> None:
    first = counter.submit(number="RH-2026-0101")
    second = counter.submit(number="RH-2026-0102")
    window = open_window()
    assert window.queue.model.rowCount() == 2
    case_id = open_next(qtbot, window)
    case = window.case
    assert case.detail is not None and case.detail.view.case_number in ("RH-2026-0101", "RH-2026-0102")
    images_loaded(qtbot, window)
    assert case.portrait_view.has_image() and case.id_view.has_image() and case.document_view.has_image()
    assert "第 1 版" in case.header.text() and "审核中" in case.header.text()
    states = {e.slot: e.state.value for e in case.entries}
    assert states["portrait"] == "present" and states["operator_id_front"] == "present"
    assert states["family_relationship_proof"] == "missing"  # the sample is a family business
    case.checklist.set_checked("portrait")
    assert case.checklist.checked_slots() == ["portrait"]

    # Personal data is masked until revealed; revealing re-reads the case (the server audits it).
    assert case.application.value_of("operator.name") == "张*"
    assert case.application.value_of("operator.id_document.number") == "510411********1232"
    case.application.reveal_button.click()
    settle(qtbot, window)
    assert case.application.value_of("operator.name") == "张三"
    case.application.reveal_button.click()
    assert case.application.value_of("operator.name") == "张*"
    save_screenshot(window, "review-case.png")

    # 退回补正 with two items: a field and a document slot, standard phrases plus free text.
    case.return_button.click()
    qtbot.waitUntil(lambda: isinstance(window.form, ReturnForm), timeout=10_000)
    form = window.form
    assert isinstance(form, ReturnForm)
    form.rows[0].choose("field", "operator.mobile", "incomplete", "请核对手机号")
    form.add_button.click()
    assert len(form.rows) == 2
    form.rows[1].choose("document", "operator_id_front", "illegible")
    save_screenshot(form, "review-return-form.png")
    with qtbot.waitSignal(window.case_opened, timeout=15_000) as next_opened:
        form.ok_button.click()
    settle(qtbot, window)
    returned = connection.client.state(case_id)
    assert returned.status == "returned"
    items = returned.decisions[-1].data["items"]
    assert [(i["target"], i["path"], i["phrase"], i["text"]) for i in items] == [
        ("field", "operator.mobile", "incomplete", "请核对手机号"),
        ("document", "operator_id_front", "illegible", "")]
    assert "已退回" in window.notice.text()
    other = {first.case_id, second.case_id} - {case_id}
    assert next_opened.args == [other.pop()]  # the next case opened by itself

    # 批准 through its form; the issued code and licence number are shown.
    assert case.approve_button.isEnabled()
    case.approve_button.click()
    form = window.form
    assert isinstance(form, ApproveForm)
    assert "4 项材料尚未勾选核对" in form.problem.text()  # a reminder: four pages, none ticked
    form.reason.setText("材料齐全")
    form.ok_button.click()
    qtbot.waitUntil(lambda: "统一社会信用代码" in window.notice.text(), timeout=15_000)
    settle(qtbot, window)
    approved = connection.client.state(next_opened.args[0])
    assert approved.status == "approved" and approved.uscc
    assert approved.uscc in window.notice.text() and str(approved.licence_number) in window.notice.text()
    # Nothing left to claim: back in the queue, saying so.
    assert window.stack.currentWidget() is window.queue
    assert "没有可领取" in window.notice.text()
    assert not window.banner.isVisible()


def test_approve_is_disabled_while_a_deferred_item_is_outstanding(
        qtbot: QtBot, counter: Counter, open_window: Callable[[], ReviewWindow]) -> None:
    sub = counter.submit(number="RH-2026-0201", deferred=("premises_landlord_title",))
    window = open_window()
    open_next(qtbot, window)
    case = window.case
    assert not case.approve_button.isEnabled()
    assert "容缺" in case.blocked.text() and "出租方" in case.blocked.text()  # the slot's label, not its key
    assert case.approve_button.toolTip() == case.blocked.text()
    assert case.return_button.isEnabled() and case.refuse_button.isEnabled()
    assert {e.slot: e.state.value for e in case.entries}["premises_landlord_title"] == "deferred"
    case.tabs.setCurrentWidget(case.checklist)
    save_screenshot(window, "review-case-deferred.png")

    counter.supply_deferred(sub.case_id, "premises_landlord_title")
    qtbot.keyClick(window, Qt.Key.Key_F5)  # refresh the case's review state
    settle(qtbot, window)
    assert case.approve_button.isEnabled() and case.blocked.text() == ""


def test_refusal_needs_reasons_and_shows_the_remedies_then_release_and_extension(
        qtbot: QtBot, counter: Counter, connection: ReviewConnection,
        open_window: Callable[[], ReviewWindow]) -> None:
    kept = counter.submit(number="RH-2026-0301")
    window = open_window()
    open_next(qtbot, window)
    case = window.case
    before = connection.client.state(kept.case_id).claim
    assert before is not None and window.claim_timer.isActive()
    window.renew_claim()  # what the timer does every 10 minutes while the case is open
    settle(qtbot, window)
    after = connection.client.state(kept.case_id).claim
    assert after is not None and after.claim_expires_at > before.claim_expires_at
    case.extension_button.click()
    extension = window.form
    assert extension is not None and not extension.ok_button.isEnabled()  # type: ignore[attr-defined]
    extension.reason.setText("需现场核查经营场所")  # type: ignore[attr-defined]
    extension.ok_button.click()  # type: ignore[attr-defined]
    settle(qtbot, window)
    assert connection.client.state(kept.case_id).extended, window.banner.text()
    assert not case.extension_button.isEnabled() and "已延期" in case.header.text()

    case.release_button.click()
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.queue
    assert connection.client.state(kept.case_id).status == "submitted"

    open_next(qtbot, window)
    case.refuse_button.click()
    form = window.form
    assert isinstance(form, RefuseForm)
    assert not form.ok_button.isEnabled()
    assert "六十日" in form.remedies.text()
    form.reasons.setPlainText("经营场所位于禁止经营区域\n\n")
    assert form.request().reasons == ["经营场所位于禁止经营区域"]
    form.ok_button.click()
    qtbot.waitUntil(lambda: "不予登记" in window.notice.text(), timeout=15_000)
    settle(qtbot, window)
    assert connection.client.state(kept.case_id).status == "refused"
    assert "六个月" in window.notice.text()


def test_thumbnails_first_while_full_images_still_upload_then_refresh(
        qtbot: QtBot, counter: Counter, open_window: Callable[[], ReviewWindow]) -> None:
    never_uploaded = MaterialRef(slot="other", page=0, kind="document", doc_type="other", sha256="ab" * 32,
                                 thumb_sha256=None, size=1000, mime="image/jpeg")
    counter.submit(number="RH-2026-0401", full_images=False, extra=(never_uploaded,))
    window = open_window()
    open_next(qtbot, window)
    pages = window.case_images.pages
    qtbot.waitUntil(lambda: len(pages) == 5 and all(p.full_missing for p in pages.values()), timeout=20_000)
    assert {k: p.state for k, p in pages.items()} == {
        "portrait#0": PageState.THUMBNAIL, "operator_id_front#0": PageState.THUMBNAIL,
        "operator_id_back#0": PageState.THUMBNAIL, "application_form#0": PageState.THUMBNAIL,
        "other#0": PageState.UPLOADING}
    case = window.case
    assert all(p.full_missing for p in window.case_images.pages.values())
    assert case.document_view.has_image() and case.document_view.image_size()[0] <= 160
    assert "原图仍在上传" in case.page_caption.text()
    assert window.case_images.retry_timer.isActive()

    # Zoom and pan on the thumbnail: the wheel zooms, "fit" fits again.
    view = case.document_view
    fitted = view.scale_factor()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() > fitted * 1.2
    view.zoom_by(4.0)
    scroll = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    drag(view.viewport(), QPoint(200, 200), QPoint(120, 130))
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) != scroll
    case.findChild(type(case.back_button), "fitButton").click()  # type: ignore[union-attr]
    assert abs(view.scale_factor() - fitted) < 1e-6

    case.show_slot("other")
    assert not case.document_view.has_image() and "图像仍在上传" in case.document_view.placeholder()
    assert case.page_caption.text() == "图像仍在上传"
    case.show_slot("portrait")
    save_screenshot(window, "review-case-thumbnails.png")

    counter.upload_full_images()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # asks for the missing full images again (the timer would too)
    qtbot.waitUntil(lambda: sum(p.state is PageState.FULL for p in pages.values()) == 4, timeout=20_000)
    settle(qtbot, window)
    assert case.document_view.image_size()[0] > 160 and case.page_caption.text() == ""
    assert case.portrait_view.image_size()[0] > 160
    assert pages["other#0"].state is PageState.UPLOADING
    assert window.case_images.retry_timer.isActive()  # still waiting for the page nobody sent yet


def test_signed_out_session_shows_a_chinese_message(
        qtbot: QtBot, counter: Counter, connection: ReviewConnection,
        open_window: Callable[[], ReviewWindow]) -> None:
    counter.submit(number="RH-2026-0501")
    window = open_window()
    connection.sign_out()
    window.queue.claim_next_button.click()
    settle(qtbot, window)
    assert window.banner.isVisible() and window.banner.text() == ReviewSignInRequired().message_zh
    assert window.stack.currentWidget() is window.queue


def test_a_resubmission_shows_what_changed_masked_until_revealed(
        qtbot: QtBot, counter: Counter, connection: ReviewConnection,
        open_window: Callable[[], ReviewWindow]) -> None:
    sub = counter.submit(number="RH-2026-0601")
    connection.client.claim(sub.case_id)
    connection.client.return_for_correction(sub.case_id, rp.ReturnRequest(items=[
        rp.ReturnItem(target="field", path="operator.mobile", phrase="incomplete")]))
    corrected = load_sample_application().to_dict()
    corrected["operator"]["mobile"] = "13900139000"
    added = MaterialRef(slot="other", page=0, kind="document", doc_type="other", sha256="cd" * 32,
                        size=1000, mime="image/jpeg")
    counter.submit(number="RH-2026-0601", case_id=sub.case_id, version=2, application=corrected,
                   extra=(added,))
    window = open_window()
    open_next(qtbot, window)
    case = window.case
    assert case.tabs.tabText(3) == "本次变更（2）"
    rows = {case.changes.topLevelItem(i).text(0): (case.changes.topLevelItem(i).text(1),  # type: ignore
                                                   case.changes.topLevelItem(i).text(2))  # type: ignore
            for i in range(case.changes.topLevelItemCount())}
    assert "13800138000" not in str(rows) and "13900139000" not in str(rows)
    assert "经营者 · 移动电话" in rows and "其他材料" in rows and "新增" in rows["其他材料"][1]
    history = [case.history.item(i).text() for i in range(case.history.count())]
    assert any("第 1 版：退回补正" in line for line in history)
    case.application.reveal_button.click()
    settle(qtbot, window)
    assert case.changes.topLevelItem(0).text(1) == "13800138000"  # type: ignore[union-attr]
    assert case.changes.topLevelItem(0).text(2) == "13900139000"  # type: ignore[union-attr]
