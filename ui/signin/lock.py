"""The lock screen: covers everything (the main window is hidden behind it, so no personal data shows)
until the user who locked it types their password, or another clerk takes over (切换用户)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from counter_app.security.login import CounterSignIn, CounterUser
from ui.i18n import error_text
from ui.signin.widgets import centred_card, error_label, title_label
from ui.tasks import Runner


class LockScreen(QWidget):
    """Signals:
        unlocked(object): the locked user's password was right; carries the CounterUser.
        switch_requested(): another user wants to sign in (the session saves the work first).
    """

    unlocked = Signal(object)
    switch_requested = Signal()

    def __init__(self, gate: CounterSignIn, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.gate = gate
        self.runner = runner
        self.user: CounterUser | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Screen locked"))
        # Modal so that a dialog left open behind it (e.g. a capture) takes no input while locked.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        card, layout = centred_card(self, "lockCard")
        self.title = title_label(self.tr("Screen locked"), card)
        self.who = QLabel(card)
        self.who.setObjectName("lockUser")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.password = QLineEdit(card)
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setMaxLength(256)
        self.unlock_button = QPushButton(self.tr("Unlock"), card)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Switch user"), card)
        self.switch_button.setObjectName("switchUserButton")
        self.error = error_label(card, "lockError")
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        caption = QLabel(self.tr("Password"), card)
        caption.setBuddy(self.password)
        layout.addSpacing(8)
        layout.addWidget(caption)
        layout.addWidget(self.password)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.unlock_button.clicked.connect(lambda _checked=False: self.attempt())
        self.password.returnPressed.connect(self.attempt)
        self.switch_button.clicked.connect(lambda _checked=False: self.switch_requested.emit())

    def lock_for(self, user: CounterUser) -> None:
        self.user = user
        self.password.clear()
        self.error.clear()
        name = user.display_name or user.username
        self.who.setText(self.tr("Locked by {name} ({user}). Enter the password to continue.").format(
            name=name, user=user.username))

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def attempt(self) -> None:
        if self.busy or self.user is None:
            return
        locked_by, password = self.user.username, self.password.text()
        self.password.clear()
        self._set_busy(True)
        gate = self.gate
        self.runner.run(lambda: gate.unlock(locked_by, locked_by, password), self._done, self._failed)

    def _done(self, user: CounterUser) -> None:
        self._set_busy(False)
        self.error.clear()
        self.unlocked.emit(user)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(error_text(exc))
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.password, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)
