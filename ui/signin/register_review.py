"""Asked once on a district review PC outside the demo: the administrator's registration code for a
district device. The sign-in screen opens it when a reviewer signed in but this PC has no review device
yet; registering runs on the task runner and the dialog stays open (with the server's words) until it
works or the reviewer cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import error_text
from ui.signin.widgets import error_label
from ui.tasks import Runner

Register = Callable[[str], str]  # code -> device id (blocking; counter_app.security.login_online)


class RegisterReviewDialog(QDialog):
    """accepted: this PC is registered as a district device; rejected: the reviewer cancelled."""

    def __init__(self, register: Register, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerReviewDialog")
        self._register = register
        self._runner = runner
        self.busy = False
        self.setWindowTitle(self.tr("Register this computer for review"))
        self.setMinimumWidth(560)
        explain = QLabel(self.tr(
            "This computer is not registered yet as a district review computer. Ask the district "
            "administrator for a registration code for a district device; the administrator makes it on the "
            "district server with the command below. The code can be used once and is valid for 7 days "
            "unless the administrator chose otherwise."),
            self)
        explain.setWordWrap(True)
        command = QLabel("counter-app district add-device-code --district", self)
        command.setStyleSheet("font-family: monospace; padding: 4px 0;")
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy into a mail
        caption = QLabel(self.tr("&Registration code:"), self)
        self.code = QLineEdit(self)
        self.code.setObjectName("reviewRegistrationCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.code.setMaxLength(64)
        caption.setBuddy(self.code)
        self.error = error_label(self, "registerReviewError")
        buttons = QDialogButtonBox(self)
        self.register_button = QPushButton(self.tr("Register and continue"), self)
        self.register_button.setDefault(True)
        buttons.addButton(self.register_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        for widget in (explain, command, caption, self.code, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # Not buttons.accepted: the dialog may only close once the district said yes.
        self.register_button.clicked.connect(lambda _checked=False: self.submit())
        self.cancel_button.clicked.connect(self.reject)

    def submit(self) -> None:
        code = self.code.text().strip()
        if self.busy:
            return
        if not code:
            self.error.setText(self.tr("Enter the registration code from the district administrator."))
            return
        self._set_busy(True)
        self.error.clear()
        register = self._register
        self._runner.run(lambda: register(code), self._registered, self._failed)

    def _registered(self, _device_id: str) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(error_text(exc))
        self.code.selectAll()
        self.code.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.code, self.register_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.register_button.setText(self.tr("Registering…") if busy else self.tr("Register and continue"))

    def reject(self) -> None:
        if not self.busy:  # a registration in flight finishes first (its answer must not be lost)
            super().reject()
