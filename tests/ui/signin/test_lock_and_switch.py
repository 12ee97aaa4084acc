"""The lock screen and switching user, against the real district: the idle lock (a short injected idle
time) and Ctrl+L hide the main window until the same clerk's password; 切换用户 stores the first clerk's
open draft before the next clerk signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_PASSWORD
from tests.ui.filling import OPERATOR_ID, OPERATOR_NAME, click, ime_commit, type_text
from tests.ui.signin.conftest import SECOND_CLERK, SECOND_NAME, Counter, grab
from ui.main_window import MainWindow
from ui.signin.session import ACTIVE, LOCKED, SIGNED_OUT, account_actions


def test_idle_time_locks_the_screen_and_the_password_unlocks_it(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start(idle_ms=400)
    counter.sign_in("demo-clerk")
    window = session.window
    assert isinstance(window, MainWindow)
    click(qtbot, window.case_list.new_button)
    ime_commit(window.editor.form.operator.name, OPERATOR_NAME)

    qtbot.waitUntil(lambda: session.state == LOCKED, timeout=5_000)
    lock = session.lock_screen
    assert lock.isVisible() and not window.isVisible()  # nothing of the case is on screen
    assert not window.editor.saver.is_pending()  # the draft was stored when the screen locked
    assert "演示受理员（仁和镇）（demo-clerk）已锁定屏幕" in lock.who.text()
    assert lock.unlock_button.text() == "解锁" and lock.switch_button.text() == "切换用户"
    grab(lock, "signin_04_lock_screen_zh.png")

    type_text(qtbot, lock.password, "wrong-pass")
    click(qtbot, lock.unlock_button)
    qtbot.waitUntil(lambda: lock.error.text() != "", timeout=10_000)
    assert lock.error.text() == "用户名或密码错误。再错 4 次将暂时锁定该账号"
    assert session.state == LOCKED and not window.isVisible()

    type_text(qtbot, lock.password, DEMO_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.state == ACTIVE, timeout=10_000)
    assert window.isVisible() and not lock.isVisible()
    assert window.editor.form.operator.name.text() == OPERATOR_NAME  # the clerk carries on where they were
    assert counter.context is not None
    actions = [(e.actor, e.action, e.detail) for e in counter.context.audit.events()]
    assert ("demo-clerk", "session.lock", {"reason": "idle"}) in actions
    assert ("demo-clerk", "session.unlock", {}) in actions
    qtbot.waitUntil(lambda: session.state == LOCKED, timeout=5_000)  # idle again: locked again


def test_ctrl_l_locks_at_once(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    window = session.window
    assert window is not None
    assert account_actions(window)["lockScreenAction"].shortcut().toString() == "Ctrl+L"
    side = QDialog(window)  # a window left open beside the main one (a preview, the audit trail)
    side.setWindowTitle("side")
    side.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.state == LOCKED and not window.isVisible() and not side.isVisible()
    assert counter.context is not None
    assert counter.context.audit.events()[-1].detail == {"reason": "shortcut"}
    type_text(qtbot, session.lock_screen.password, DEMO_PASSWORD)
    click(qtbot, session.lock_screen.unlock_button)
    qtbot.waitUntil(lambda: session.state == ACTIVE, timeout=10_000)
    assert window.isVisible() and side.isVisible()


def test_switching_user_keeps_the_first_clerks_draft(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    first = session.window
    assert isinstance(first, MainWindow)
    click(qtbot, first.case_list.new_button)
    case_id = first.editor.case_id()
    type_text(qtbot, first.editor.form.operator.id_number, OPERATOR_ID)
    assert first.editor.saver.is_pending()  # typed a moment ago: the auto-save has not run yet

    account_actions(first)["lockScreenAction"].trigger()
    click(qtbot, session.lock_screen.switch_button)
    assert session.state == SIGNED_OUT and session.screen.isVisible()
    assert session.screen.switch_note.text() == "演示受理员（仁和镇） 的工作已保存。请下一位用户登录。"
    grab(session.screen, "signin_05_switch_user_zh.png")

    counter.sign_in(SECOND_CLERK)
    second = session.window
    assert isinstance(second, MainWindow) and second is not first
    assert second.context.cases.clerk == SECOND_CLERK
    assert case_id is not None
    record = second.service.open_case(case_id)
    assert record.application.operator.id_document.number == OPERATOR_ID
    assert record.created_by == "demo-clerk"
    assert counter.context is not None
    events = [(e.actor, e.action, e.case_id, e.detail) for e in counter.context.audit.events()]
    assert ("demo-clerk", "case.edit", case_id, {}) in [(a, b, c, {}) for a, b, c, _ in events]
    assert (SECOND_CLERK, "session.switch_user", None, {"from": "demo-clerk"}) in events
    assert (SECOND_CLERK, "case.view", case_id) in [(a, b, c) for a, b, c, _ in events]
    label_text = second.statusBar().findChildren(type(second.save_status))
    assert any(SECOND_NAME in label.text() for label in label_text)


def test_offline_switch_forgets_the_previous_clerks_district_session(counter: Counter, qtbot: QtBot,
                                                                     district: EmbeddedDistrict) -> None:
    session = counter.start()
    counter.sign_in(SECOND_CLERK)  # leaves a verifier for the offline sign-in below
    account_actions(session.window)["signOutAction"].trigger()  # type: ignore[arg-type]
    counter.sign_in("demo-clerk")
    assert counter.context is not None and counter.context.sync is not None
    sync = counter.context.sync
    kept = sync.signed_in_user()
    assert kept is not None and kept.username == "demo-clerk"
    account_actions(session.window)["switchUserAction"].trigger()  # type: ignore[arg-type]
    district.shutdown()

    counter.sign_in(SECOND_CLERK)
    assert session.user is not None and session.user.online is False
    # Uploads must not go on under demo-clerk's session while li-clerk works.
    qtbot.waitUntil(lambda: sync.signed_in_user() is None, timeout=10_000)
