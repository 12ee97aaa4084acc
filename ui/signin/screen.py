"""The sign-in screen the app opens on: user name, password, 登录, whether the district answers, and the
demo accounts in the embedded demo. The sign-in itself (network, argon2) runs on the task runner; the
password field is cleared after every attempt and the password is kept nowhere."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget

from counter_app.config import Mode
from counter_app.context import AppContext
from counter_app.review.connection import ReviewConnection
from counter_app.review.errors import ReviewDeviceNotRegistered
from counter_app.security.login import CounterSignIn, CounterUser
from counter_app.security.login_errors import OfflineExpired, OfflineNotAllowed
from counter_app.security.login_online import (
    district_reachable,
    open_review_connection,
    register_review_device,
)
from ui.i18n import error_text
from ui.signin.register_review import RegisterReviewDialog
from ui.signin.widgets import OnlineDot, centred_card, error_label, title_label
from ui.tasks import Runner

log = logging.getLogger(__name__)

REVIEWER = "reviewer"
PROBE_INTERVAL_MS = 15_000


@dataclass(frozen=True)
class SignInOutcome:
    user: CounterUser
    review: ReviewConnection | None = None  # a reviewer's signed-in connection to the district
    # A reviewer on a PC not yet registered as a district device (outside the demo): opens the review
    # connection once the registration dialog has registered it. It holds the password in its closure
    # (memory only) until the dialog is done, so the reviewer does not type it twice.
    connect_after_registering: Callable[[], ReviewConnection] | None = dataclasses.field(
        default=None, compare=False, repr=False)


class SignInScreen(QWidget):
    """Signals:
        signed_in(object): a SignInOutcome; the screen has cleared its fields.
    """

    signed_in = Signal(object)

    def __init__(self, context: AppContext, gate: CounterSignIn, runner: Runner,
                 parent: QWidget | None = None, *, probe_interval_ms: int = PROBE_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self.context = context
        self.gate = gate
        self.runner = runner
        self.busy = False
        self._probing = False
        self.register_dialog: RegisterReviewDialog | None = None  # open while a review PC registers
        settings = context.settings
        self.setWindowTitle(self.tr("Sole proprietor registration — sign in"))
        card, layout = centred_card(self, "signInCard")
        self.title = title_label(self.tr("Sole proprietor registration · Counter sign-in"), card)
        place = f"{settings.district_name}{settings.township_name} · {settings.counter_name}"
        self.place = QLabel(place, card)
        self.place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.switch_note = QLabel(card)
        self.switch_note.setWordWrap(True)
        self.switch_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.switch_note.setVisible(False)
        self.username = QLineEdit(card)
        self.username.setObjectName("signInUser")
        self.username.setPlaceholderText(self.tr("User name"))
        self.username.setMaxLength(64)
        self.password = QLineEdit(card)
        self.password.setObjectName("signInPassword")
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.button = QPushButton(self.tr("Sign in"), card)
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.error = error_label(card, "signInError")
        self.network = OnlineDot(card)
        self.network.show_state("unknown", self.tr("Checking the connection to the district service…"))
        self.demo_hint = QLabel(card)
        self.demo_hint.setObjectName("signInDemoHint")
        self.demo_hint.setWordWrap(True)
        # Demo mode registers with the demo seed's codes, so its accounts exist wherever it points.
        self.demo_hint.setVisible(settings.mode is Mode.DEMO)
        self.demo_hint.setText(self.tr("Demo accounts (demo mode only): counter clerk demo-clerk / "
                                       "demo1234, district reviewer demo-reviewer / demo1234"))
        for widget in (self.title, self.place, self.switch_note):
            layout.addWidget(widget)
        layout.addSpacing(8)
        for label, field in ((self.tr("User name"), self.username), (self.tr("Password"), self.password)):
            caption = QLabel(label, card)
            caption.setBuddy(field)
            layout.addWidget(caption)
            layout.addWidget(field)
        layout.addWidget(self.button)
        layout.addWidget(self.error)
        layout.addWidget(self.network)
        layout.addWidget(self.demo_hint)

        self.button.clicked.connect(lambda _checked=False: self.attempt())
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self.check_network)

    # --- commands --------------------------------------------------------------------------------------

    def reset(self, *, switching_from: str | None = None) -> None:
        """Empty fields, no error; when another clerk takes over, say whose work was saved."""
        self.username.clear()
        self.password.clear()
        self.error.clear()
        if switching_from:
            self.switch_note.setText(self.tr("{user}'s work is saved. Sign in as the next user.").format(
                user=switching_from))
        self.switch_note.setVisible(bool(switching_from))
        self.username.setFocus()

    def attempt(self) -> None:
        if self.busy:
            return
        name, password = self.username.text().strip(), self.password.text()
        self.password.clear()  # the password is in this closure only until the task is done
        self._set_busy(True)
        self.error.clear()
        gate, context = self.gate, self.context

        def work() -> SignInOutcome:
            user = gate.sign_in(name, password)
            sync = context.sync
            if user.role != REVIEWER or not user.online or sync is None:
                return SignInOutcome(user)

            def connect() -> ReviewConnection:
                return open_review_connection(sync, context.data_dir, context.settings, user.username,
                                              password)

            try:
                return SignInOutcome(user, connect())
            except ReviewDeviceNotRegistered:
                if context.settings.mode is Mode.DEMO:
                    raise  # the demo registers itself; this is a real failure there
                return SignInOutcome(user, connect_after_registering=connect)

        self.runner.run(work, self._succeeded, self._failed)

    def check_network(self) -> None:
        if self._probing:
            return
        self._probing = True
        sync, settings = self.context.sync, self.context.settings
        self.runner.run(lambda: district_reachable(sync, settings), self._probed, self._probe_failed)

    # --- results ---------------------------------------------------------------------------------------

    def _succeeded(self, outcome: SignInOutcome) -> None:
        if outcome.connect_after_registering is not None:
            self._ask_for_registration(outcome.user, outcome.connect_after_registering)
            return  # still busy: the sign-in goes on once this PC is registered
        self._set_busy(False)
        self._show_network(outcome.user.online)
        self.username.clear()
        self.switch_note.setVisible(False)
        log.info("signed in (%s, %s)", outcome.user.role, "online" if outcome.user.online else "offline")
        self.signed_in.emit(outcome)

    def _ask_for_registration(self, user: CounterUser, connect: Callable[[], ReviewConnection]) -> None:
        context = self.context
        sync = context.sync
        assert sync is not None  # only a reviewer signed in online gets here

        dialog = RegisterReviewDialog(
            lambda code: register_review_device(sync, context.data_dir, context.settings, code),
            self.runner, self)
        self.register_dialog = dialog

        def finished(result: int) -> None:
            self.register_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.runner.run(lambda: SignInOutcome(user, connect()), self._succeeded, self._failed)
                return
            self._set_busy(False)
            self.error.setText(self.tr(
                "Sign-in stopped: this computer is not registered for review yet. Sign in again when you "
                "have the registration code from the district administrator."))
            self.password.setFocus()

        dialog.finished.connect(finished)
        dialog.open()
        dialog.code.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(error_text(exc))
        if isinstance(exc, OfflineNotAllowed | OfflineExpired):
            self._show_network(False)
        self.password.setFocus()

    def _probed(self, reachable: bool) -> None:
        self._probing = False
        self._show_network(reachable)

    def _probe_failed(self, exc: BaseException) -> None:
        self._probing = False
        log.info("network check failed: %s", type(exc).__name__)
        self._show_network(False)

    def _show_network(self, online: bool) -> None:
        if online:
            self.network.show_state("online", self.tr("Online: the district service answers"))
        else:
            self.network.show_state("offline", self.tr(
                "Offline: the district service cannot be reached. Only clerks who signed in online on this "
                "computer recently can sign in."))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.button):
            widget.setEnabled(not busy)
        self.button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    # --- Qt --------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.check_network()
        self._probe_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._probe_timer.stop()
        super().hideEvent(event)
