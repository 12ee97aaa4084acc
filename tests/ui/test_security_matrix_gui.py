"""The security matrix's GUI half: every action of the desktop client × every role, allowed or refused as
architecture.md's Roles table says, through the real sign-in screen against a real district service.

- 窗口受理员 (clerk): MainWindow: create/edit own township's cases, capture, pre-review, accept, submit,
  print, record arrivals, hand over; never a review decision. A case of another township never shows.
  The audit trail needs an administrator's account on top of the clerk's session.
- 审核员 (reviewer): ReviewWindow: claim, approve, return, refuse, extend, dispatch; no editable case field,
  no new case, capture, submit, print or handover.
- 管理员 (administrator): no workspace in the counter client at all.
- Locked or signed out: no work window reachable, no case opened or created.

The actions are read from the windows themselves (every QAction and every push/tool button with a text or
object name): one without an entry in MATRIX fails, so nobody adds a button without deciding who gets it.
The interface runs in English so the keys are the source texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_B
from counter_app.sync import protocol as p
from tests.district.helpers import submission
from tests.integration.sync.helpers import start_district, write_settings
from tests.ui.conftest import flush_deletions
from tests.ui.signin.conftest import Counter
from tests.unit.review.district import ReviewDistrict
from ui.admin.audit_view import AuditViewDialog
from ui.admin.gate import AdminSignInDialog
from ui.i18n import ENGLISH, install_translators, remove_translators
from ui.main_window import MainWindow
from ui.review.case_view import CaseView
from ui.review.window import ReviewWindow
from ui.signin.session import ACTIVE, LOCKED, SIGNED_OUT


@pytest.fixture
def language(qapp: QApplication) -> Iterator[str]:
    """English for the whole module: the matrix's keys are the interface's source texts."""
    translators = install_translators(qapp, ENGLISH)
    yield ENGLISH
    remove_translators(qapp, translators)


CLERK, REVIEWER, ADMIN = "clerk", "reviewer", "admin"
BOTH = frozenset({CLERK, REVIEWER})
C, R = frozenset({CLERK}), frozenset({REVIEWER})

# key (object name, else the English text without "&") -> the roles whose window may offer it.
MATRIX: dict[str, frozenset[str]] = {
    # cases: create, find, edit/save, pre-review, accept, submit (clerk only)
    "New case": C, "newCaseButton": C, "Find case": C, "Save now": C, "Pre-review": C,
    "preReviewButton": C, "acceptCaseButton": C, "submitCaseButton": C, "Add family member": C,
    "Add selected item": C, "Same as operator": C, "Reload": C, "Quit": C,
    # capture and printing of the counter's documents
    "Receipt": C, "Deferral notice": C, "List of corrections": C, "Refusal notice": C,
    "Print settings…": C, "Camera…": C,
    # licence arrival and handover
    "Licence pickup desk": C, "Find": C, "Scan image…": C, "Record arrival and print the slip": C,
    "Record notification": C, "Reprint slip (new code)": C, "Refresh": BOTH, "Clear signature": C,
    "Photo of signed slip…": C, "handOverButton": C,
    # sync of the counter's outbox, backup, language, update notice
    "Sync now": C, "syncNowButton": C, "Send the open case again": C, "Back up now…": C,
    "Restore on a new computer…": C, "English": C, "中文": C, "×": C,
    # administration: shown to the clerk, but it asks for an administrator's account (test below)
    "Audit trail…": C,
    # the account menu the sign-in session adds
    "lockScreenAction": BOTH, "switchUserAction": C, "signOutAction": C,
    # the reviewer's workspace: queue, claim, images, decisions
    "Claim next case": R, "claimNextButton": R, "openButton": R, "refreshButton": R, "Sign out": R,
    "zoomInButton": R, "zoomOutButton": R, "fitButton": R, "actualSizeButton": R, "revealButton": R,
    "backButton": R, "releaseButton": R,
    "approveButton": R, "returnButton": R, "refuseButton": R, "extensionButton": R, "dispatchButton": R,
}
REVIEW_DECISIONS = {"approveButton", "returnButton", "refuseButton", "extensionButton", "dispatchButton",
                    "releaseButton", "claimNextButton", "Claim next case", "openButton", "revealButton"}
CASE_EDITING = {"New case", "newCaseButton", "Save now", "Pre-review", "preReviewButton", "acceptCaseButton",
                "submitCaseButton", "Receipt", "handOverButton", "Record arrival and print the slip",
                "Camera…", "Add family member", "Send the open case again"}
# What each role's window must offer (the rest of MATRIX depends on the window's state).
REQUIRED = {
    CLERK: {"New case", "newCaseButton", "Pre-review", "acceptCaseButton", "submitCaseButton", "Receipt",
            "handOverButton", "Licence pickup desk", "Audit trail…", "lockScreenAction", "signOutAction"},
    REVIEWER: {"approveButton", "returnButton", "refuseButton", "extensionButton", "dispatchButton",
               "claimNextButton", "lockScreenAction"},
}


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


@pytest.fixture
def counter(qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict, language: str) -> Iterator[Counter]:
    """The counter client on a fresh data folder, signing in through the real sign-in screen."""
    write_settings(data_dir, district.base_url)
    made = Counter(qtbot, data_dir)
    yield made
    made.stop()


# Qt's own buttons (tab-bar scrolling, the menu bar's overflow), not actions of this program.
QT_INTERNAL = frozenset({"ScrollLeftButton", "ScrollRightButton", "qt_menubar_ext_button"})


def _key(obj: QAction | QAbstractButton) -> str:
    return obj.objectName() or obj.text().replace("&", "")


def actions_of(window: QWidget) -> set[str]:
    """Every action a person can reach in `window`: its QActions (menus themselves and Qt's own
    line-edit actions aside) and its push/tool buttons."""
    keys: set[str] = set()
    for action in window.findChildren(QAction):
        if action.isSeparator() or action.menu() is not None or action.objectName().startswith("_q_"):
            continue
        if _key(action):
            keys.add(_key(action))
    for button in window.findChildren(QAbstractButton):
        if isinstance(button, (QPushButton, QToolButton)) and _key(button) not in {"", *QT_INTERNAL}:
            keys.add(_key(button))
    return keys


def check_matrix(window: QWidget, role: str) -> set[str]:
    found = actions_of(window)
    unlisted = sorted(found - set(MATRIX))
    assert not unlisted, f"actions without an entry in MATRIX (decide which roles get them): {unlisted}"
    wrong = sorted(key for key in found if role not in MATRIX[key])
    assert not wrong, f"the {role}'s window offers what its role may not do: {wrong}"
    missing = sorted(REQUIRED[role] - found)
    assert not missing, f"the {role}'s window lacks: {missing}"
    return found


def editable_inputs(window: QWidget) -> list[str]:
    """Input widgets in `window` that accept typing or editing (visible or not)."""
    found: list[QWidget] = [w for w in window.findChildren(QLineEdit) if not w.isReadOnly()]
    found += [w for w in window.findChildren(QTextEdit) if not w.isReadOnly()]
    found += [w for w in window.findChildren(QPlainTextEdit) if not w.isReadOnly()]
    found += [w for w in window.findChildren(QAbstractSpinBox) if not w.isReadOnly()]
    names = [f"{type(w).__name__}:{w.objectName()}" for w in found]
    for view in window.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView):
            continue  # shares its table's model; headers are not edited through item flags
        model = view.model()
        if model is None or view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
            continue
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list widget's model keeps columnCount private: one column
            columns = 1
        cells = (model.index(row, column, root) for row in range(model.rowCount(root))
                 for column in range(columns))
        if any(model.flags(cell) & Qt.ItemFlag.ItemIsEditable for cell in cells):
            names.append(f"{type(view).__name__}:{view.objectName()} (editable cells)")
    return names


def test_the_matrix_itself_is_consistent() -> None:
    assert {k for k, roles in MATRIX.items() if roles == R} >= REVIEW_DECISIONS
    assert {k for k, roles in MATRIX.items() if roles == C} >= CASE_EDITING
    assert not any(ADMIN in roles for roles in MATRIX.values())  # no workspace for administrators


def test_a_clerk_gets_the_counter_window_without_review_decisions(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    window = session.window
    assert isinstance(window, MainWindow)
    window.new_case()  # the editor's buttons exist once a case is open
    found = check_matrix(window, CLERK)
    assert not found & REVIEW_DECISIONS
    assert not window.findChildren(CaseView) and not window.findChildren(ReviewWindow)
    assert editable_inputs(window.editor)  # the clerk edits case data
    # The enumeration notices what nobody decided on: a new menu entry or button fails the matrix.
    extra = QAction("Approve case", window)
    window.addAction(extra)  # e.g. a new shortcut or menu entry
    with pytest.raises(AssertionError, match=r"without an entry in MATRIX.*Approve case"):
        check_matrix(window, CLERK)
    extra.setParent(None)
    stray = QPushButton("Refuse…", window.editor)
    stray.setObjectName("refuseButton")
    with pytest.raises(AssertionError, match=r"may not do.*refuseButton"):
        check_matrix(window, CLERK)


def test_the_audit_trail_needs_an_administrator_account(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    window = session.window
    assert isinstance(window, MainWindow)
    seen: dict[str, Any] = {}

    def fill(dialog: AdminSignInDialog, username: str) -> None:
        dialog.username.setText(username)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.submit()

    # The dialogs are modal (exec): a timer drives them from inside their own event loops.
    def tick() -> None:
        modal = QApplication.activeModalWidget()
        step = seen.setdefault("step", 0)
        if isinstance(modal, AdminSignInDialog):
            if step == 0:
                seen["step"] = 1
                fill(modal, "demo-clerk")  # the clerk's own account is not enough
            elif step == 1 and "not an administrator" in modal.error.text():
                seen.update(step=2, refused=modal.error.text(), audit_shown_to_clerk=False)
                fill(modal, "demo-reviewer")
            elif step == 2 and "not an administrator" in modal.error.text() and modal.buttons.isEnabled():
                seen.update(step=3, refused_reviewer=True)
                fill(modal, "demo-admin")
        elif isinstance(modal, AuditViewDialog):
            seen.update(step=4, admin=modal._admin)
            modal.reject()
            timer.stop()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(tick)
    timer.start()
    QTimer.singleShot(90_000, _close_modal)  # a stuck step fails the asserts below instead of hanging
    window.audit_action.trigger()
    timer.stop()
    assert seen.get("refused") == "This account is not an administrator.", seen
    assert seen.get("refused_reviewer") and seen.get("admin") == "demo-admin", seen


def _close_modal() -> None:
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog):
        modal.reject()


def test_a_reviewer_cannot_edit_case_data(counter: Counter, district: EmbeddedDistrict, qtbot: QtBot) -> None:
    # A real submitted case of township A, to have the case view filled.
    review_district = ReviewDistrict(district)
    try:
        sub = review_district.counter().submit(number="510411001-01-20261127-0901")
    finally:
        for client in review_district.opened:
            client.close()
    session = counter.start()
    counter.sign_in("demo-reviewer")
    window = session.window
    assert isinstance(window, ReviewWindow)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=30_000)
    window.open_case(sub.case_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.case and not window.is_busy(),
                    timeout=30_000)
    found = check_matrix(window, REVIEWER)
    assert not found & CASE_EDITING
    window.reveal()  # even with the personal data shown
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=30_000)
    assert editable_inputs(window.case) == []
    assert not window.findChildren(MainWindow)


def test_an_administrator_gets_no_workspace(counter: Counter) -> None:
    session = counter.start()
    error = counter.sign_in("demo-admin", expect_ok=False)
    assert "no workspace" in error and session.state == SIGNED_OUT and session.window is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (MainWindow, ReviewWindow))
                and shiboken6.isValid(w) and w.isVisible()]


def _submit_for_township_b(base_url: str) -> str:
    """Clerk B (平地镇) submits a case through the district API; returns its case number."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        device = http.post(p.PATH_DEVICES, json={"registration_code": DEMO_DEVICE_CODES[DEMO_TOWNSHIP_B],
                                                 "township_code": DEMO_TOWNSHIP_B,
                                                 "counter_name": "平地1号窗口"}).json()
        signed = http.post(p.PATH_SESSIONS, json={"username": "demo-clerk-2", "password": DEMO_PASSWORD},
                           headers={p.HEADER_DEVICE_TOKEN: device["device_token"]}).json()
        sub = submission(township=DEMO_TOWNSHIP_B)
        response = http.put(p.case_version_path(sub.case_id, sub.version), content=sub.model_dump_json(),
                            headers={p.HEADER_DEVICE_TOKEN: device["device_token"],
                                     p.HEADER_AUTHORIZATION: f"Bearer {signed['session_token']}",
                                     "Content-Type": "application/json"})
        assert response.status_code == 201, response.text
        return sub.case_number


def test_a_case_of_another_township_is_never_shown(counter: Counter, district: EmbeddedDistrict,
                                                   qtbot: QtBot) -> None:
    other = _submit_for_township_b(district.base_url)
    session = counter.start()
    counter.sign_in("demo-clerk")
    window = session.window
    assert isinstance(window, MainWindow) and window.context.sync is not None
    window.new_case()
    window.context.sync.sync_now()
    window.context.sync.run_until_idle(timeout=60)
    window.case_list.refresh()
    qtbot.waitUntil(lambda: len(window.context.cases.list_cases()) == 1, timeout=10_000)
    assert other not in {s.case_number for s in window.context.cases.list_cases()}
    assert window.context.cases.list_cases(other) == []
    desk = window.pickup_desk
    window.tabs.setCurrentWidget(desk)
    desk.search.setText(other)
    desk.find_typed()
    qtbot.waitUntil(lambda: bool(desk.message.text()), timeout=10_000)
    assert desk.current_case() is None and "No case with the number" in desk.message.text()


def _case_count(window: MainWindow) -> int:
    return len(window.context.cases.list_cases())


def _press_everywhere(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """The key on every visible top-level window (the lock or sign-in screen) and the focus widget."""
    targets: list[QWidget] = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    focus = QApplication.focusWidget()
    if focus is not None:
        targets.append(focus)
    for widget in targets:
        qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def test_locked_or_signed_out_no_case_can_be_opened(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    window = session.window
    assert isinstance(window, MainWindow)
    window.new_case()
    before = _case_count(window)

    session.lock("shortcut")
    assert session.state == LOCKED and not window.isVisible()
    assert session.lock_screen.isVisible() and session.lock_screen.isModal()
    visible = {type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()}
    assert "MainWindow" not in visible and "ReviewWindow" not in visible
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key in (Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_S):
        _press_everywhere(qtbot, key, ctrl)
    for key in (Qt.Key.Key_F9, Qt.Key.Key_F10, Qt.Key.Key_F11, Qt.Key.Key_F12):
        _press_everywhere(qtbot, key, Qt.KeyboardModifier.NoModifier)
    assert _case_count(window) == before and not window.isVisible()

    # 切换用户 from the lock screen: the clerk's window goes away entirely.
    session.switch_user()
    assert session.state == SIGNED_OUT and session.window is None
    flush_deletions()
    assert not shiboken6.isValid(window)
    work = [w for w in QApplication.topLevelWidgets() if isinstance(w, (MainWindow, ReviewWindow))]
    assert work == []
    for key in (Qt.Key.Key_N, Qt.Key.Key_O):
        _press_everywhere(qtbot, key, ctrl)
    assert session.state == SIGNED_OUT and session.window is None and session.screen.isVisible()

    # Signing in again shows the same clerk's cases, none added while nobody was signed in.
    counter.sign_in("demo-clerk")
    again = session.window
    assert isinstance(again, MainWindow) and session.state == ACTIVE
    assert _case_count(again) == before
