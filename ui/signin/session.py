"""Who works at the counter now: the sign-in screen first, then the signed-in clerk's main window (or the
reviewer's workspace), the lock screen after an idle time or Ctrl+L, and a switch of user that stores the
first clerk's open case before anyone else signs in.

The windows are shown before others are hidden or closed, so Qt never sees "the last window closed" in
between; only the person closing the work window or the sign-in screen ends the program.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from argon2 import PasswordHasher
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from counter_app.context import AppContext
from counter_app.review.connection import ReviewConnection
from counter_app.security.login import CounterUser
from counter_app.security.login_online import SyncOnline, counter_sign_in
from ui.main_window import MainWindow
from ui.signin.idle import IdleWatcher
from ui.signin.lock import LockScreen
from ui.signin.screen import REVIEWER, SignInOutcome, SignInScreen
from ui.tasks import Runner, TaskRunner

log = logging.getLogger(__name__)

SIGNED_OUT, ACTIVE, LOCKED = "signed_out", "active", "locked"
LOCK_SHORTCUT = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L)


class CounterSession(QObject):
    """Signals:
        window_opened(object): the signed-in user's work window is shown (MainWindow or the reviewer's).
        state_changed(str): signed_out | active | locked.
    """

    window_opened = Signal(object)
    state_changed = Signal(str)

    def __init__(self, context: AppContext, *, runner: Runner | None = None, idle_ms: int | None = None,
                 window_runner: Callable[[], Runner] | None = None, hasher: PasswordHasher | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gate = counter_sign_in(context, hasher=hasher)
        self.runner: Runner = runner if runner is not None else TaskRunner(self)
        self._new_runner = window_runner or TaskRunner
        self.screen = SignInScreen(context, self.gate, self.runner)
        self.lock_screen = LockScreen(self.gate, self.runner)
        minutes = self.gate.policy.idle_lock_minutes
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else int(minutes * 60_000), self)
        self.state = SIGNED_OUT
        self.user: CounterUser | None = None
        self.window: QMainWindow | None = None
        self._window_runner: Runner | None = None
        self._review: ReviewConnection | None = None
        self._handing_over_from: str | None = None  # the user who chose 切换用户, until the next sign-in
        self._hidden: list[QWidget] = []  # other windows hidden by the lock, shown again on unlock
        self.screen.signed_in.connect(self._signed_in)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switch_requested.connect(self.switch_user)
        self.idle.idle.connect(lambda: self.lock("idle"))

    # --- life ------------------------------------------------------------------------------------------

    def start(self) -> None:
        self.screen.reset()
        self.screen.showMaximized()
        self._set_state(SIGNED_OUT)

    def close(self) -> None:
        """At the end of the program: stop watching, close what is open (saving), free everything."""
        self.idle.stop()
        self._close_window()
        for widget in (self.screen, self.lock_screen):
            widget.hide()
        self.runner.shutdown()
        self.screen.deleteLater()
        self.lock_screen.deleteLater()

    # --- signing in ------------------------------------------------------------------------------------

    def _signed_in(self, outcome: SignInOutcome) -> None:
        user = outcome.user
        if user.is_clerk:
            window: QMainWindow | None = self._open_clerk_window(user)
        elif user.role == REVIEWER and outcome.review is not None:
            window = self._open_review_window(outcome.review)
        else:
            window = None
            self.screen.error.setText(self.tr(
                "This account ({role}) has no workspace in the counter client. Use the district service's "
                "administration tools.").format(role=user.role))
        if window is None:
            if outcome.review is not None:
                outcome.review.close()
            return
        if not user.online:
            self._keep_only_session_of(user.username)
        if self._handing_over_from and self._handing_over_from != user.username:
            self.gate.record_switch(self._handing_over_from, user.username)
        self._handing_over_from = None
        self.user = user
        self.window = window
        self._add_account_menu(window, user)
        window.showMaximized()
        self.screen.hide()
        self._set_state(ACTIVE)
        self.idle.start()
        self.window_opened.emit(window)

    def _open_clerk_window(self, user: CounterUser) -> QMainWindow:
        runner = self._new_runner()
        self._window_runner = runner
        return MainWindow(self.context.for_clerk(user.username), runner)

    def _open_review_window(self, connection: ReviewConnection) -> QMainWindow | None:
        try:  # the reviewer's workspace (ui/review): the counter client still runs without it
            from ui.review.launch import open_review_window
        except ImportError:
            log.warning("the reviewer workspace is not part of this build")
            self.screen.error.setText(self.tr(
                "The reviewer workspace is not available in this version of the counter client yet."))
            return None
        runner = self._new_runner()
        self._window_runner = runner
        self._review = connection
        window = open_review_window(connection, runner, parent=None)
        window.sign_out_requested.connect(self.sign_out)
        return window

    # --- locking ---------------------------------------------------------------------------------------

    def lock(self, reason: str = "shortcut") -> None:
        """Hide the work window behind the lock screen; the open case is stored first."""
        if self.state != ACTIVE or self.window is None or self.user is None:
            return
        self.idle.stop()
        if isinstance(self.window, MainWindow):
            self.window.editor.flush()  # a failure stays pending and is retried on unlock / switch
        self.gate.record_lock(self.user.username, reason=reason)
        self.lock_screen.lock_for(self.user)
        self.lock_screen.showMaximized()
        self.lock_screen.password.setFocus()
        # Every other window goes too (a preview, the audit trail). A modal dialog in progress stays,
        # covered by the lock screen: hiding it would end it and lose what was entered there.
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w not in (self.lock_screen, self.screen, self.window)
                        and w.windowModality() == Qt.WindowModality.NonModal]
        self.window.hide()
        for widget in self._hidden:
            widget.hide()
        self._set_state(LOCKED)

    def _unlocked(self, _user: CounterUser) -> None:
        if self.window is None:
            return
        self.window.show()  # as it was before the lock (maximised or not)
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden = []
        self.lock_screen.hide()
        self._set_state(ACTIVE)
        self.idle.start()

    # --- handing over ----------------------------------------------------------------------------------

    def switch_user(self) -> None:
        """Another clerk takes the counter: the current clerk's open case is stored, then the sign-in
        screen asks for the next user."""
        self._leave(switching=True)

    def sign_out(self) -> None:
        self._leave(switching=False)

    def _leave(self, *, switching: bool) -> None:
        if self.user is None or self.window is None:
            return
        if isinstance(self.window, MainWindow) and not self.window.editor.flush():
            text = self.tr("The open case could not be saved, so the user cannot change yet. Try again.")
            if self.state == LOCKED:
                self.lock_screen.show_error(text)
            else:
                self.window.show_status(text, True)
            return
        user = self.user
        self.idle.stop()
        if self._review is not None and not switching:
            self._review.sign_out()  # the reviewer's district session ends with 退出登录
        self.screen.reset(switching_from=(user.display_name or user.username) if switching else None)
        self.screen.showMaximized()
        self.lock_screen.hide()
        self._close_window()
        for widget in self._hidden:  # e.g. a preview left open by the clerk who leaves
            if shiboken6.isValid(widget):
                widget.close()
        self._hidden = []
        self.user = None
        if switching:
            self._handing_over_from = user.username
        else:
            self.gate.record_sign_out(user.username)
            if user.is_clerk:
                self._forget_district_session()
        self._set_state(SIGNED_OUT)

    def _close_window(self) -> None:
        window, self.window = self.window, None
        if window is not None and shiboken6.isValid(window):
            window.close()  # MainWindow stores the open case in closeEvent
            window.deleteLater()
        if self._window_runner is not None:
            self._window_runner.shutdown()
            if isinstance(self._window_runner, QObject):
                self._window_runner.deleteLater()
            self._window_runner = None
        self._close_review()

    def _close_review(self) -> None:
        if self._review is not None:
            self._review.close()
            self._review = None

    def _forget_district_session(self) -> None:
        if self.context.sync is not None:
            online = SyncOnline(self.context.sync)
            self.runner.run(online.sign_out, lambda _none: None, _not_forgotten)

    def _keep_only_session_of(self, username: str) -> None:
        if self.context.sync is not None:
            online = SyncOnline(self.context.sync)
            self.runner.run(lambda: online.keep_only(username), lambda _none: None, _not_forgotten)

    # --- the account menu ------------------------------------------------------------------------------

    def _add_account_menu(self, window: QMainWindow, user: CounterUser) -> None:
        menu = window.menuBar().addMenu(self.tr("Acc&ount"))
        lock = QAction(self.tr("Lock screen"), window)
        lock.setObjectName("lockScreenAction")
        lock.setShortcut(LOCK_SHORTCUT)
        lock.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        lock.triggered.connect(lambda _checked=False: self.lock("shortcut"))
        menu.addAction(lock)
        if isinstance(window, MainWindow):
            switch = QAction(self.tr("Switch user"), window)
            switch.setObjectName("switchUserAction")
            switch.triggered.connect(lambda _checked=False: self.switch_user())
            menu.addAction(switch)
            sign_out = QAction(self.tr("Sign out"), window)
            sign_out.setObjectName("signOutAction")
            sign_out.triggered.connect(lambda _checked=False: self.sign_out())
            menu.addAction(sign_out)
        label = QLabel(window)
        label.setObjectName("signedInUser")
        text = self.tr("Signed in: {name} ({user})").format(name=user.display_name or user.username,
                                                              user=user.username)
        if not user.online:
            text += self.tr(" · offline sign-in")
        label.setText(text)
        window.statusBar().addWidget(label)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)


def _not_forgotten(exc: BaseException) -> None:
    log.info("district session not forgotten: %s", type(exc).__name__)


def account_actions(window: QWidget) -> dict[str, QAction]:
    """The account menu's actions of a work window, by object name (tests, the keyboard map)."""
    return {a.objectName(): a for a in window.findChildren(QAction) if a.objectName()}
