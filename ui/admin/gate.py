"""Only an administrator opens the audit trail. The counter window belongs to a clerk, so opening it asks
for an administrator's account, checked online by the district (administrators never sign in offline:
counter_app.security.login), and refuses any other role. Every attempt is audited by the sign-in itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from counter_app.context import AppContext
from counter_app.domain.status import Role
from counter_app.security.login import CounterUser
from ui.admin.audit_view import AuditViewDialog
from ui.i18n import error_text
from ui.tasks import Runner

log = logging.getLogger(__name__)

Authorise = Callable[[str, str], CounterUser]


class AdminSignInDialog(QDialog):
    """Asks for an administrator's user name and password; accepted only for the admin role.
    `admin` holds the user name once accepted."""

    def __init__(self, authorise: Authorise, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Administrator sign-in"))
        self._authorise = authorise
        self._runner = runner
        self.admin: str | None = None
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        hint = QLabel(self.tr("The audit trail is for administrators. Sign in with an administrator account "
                              "of the district service (online)."), self)
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        self.password.clear()
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self._runner.run(lambda: self._authorise(name, password), self._checked, self._failed)

    def _checked(self, user: CounterUser) -> None:
        self.buttons.setEnabled(True)
        if user.role != Role.ADMIN.value:
            log.info("audit trail refused to a non-administrator (%s)", user.role)
            self.error.setText(self.tr("This account is not an administrator."))
            return
        self.admin = user.username
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(exc))


def default_authorise(context: AppContext) -> Authorise:
    from counter_app.security.login_online import counter_sign_in

    gate = counter_sign_in(context)
    return gate.sign_in


def open_audit_trail(context: AppContext, runner: Runner, parent: QWidget | None = None, *,
                     authorise: Authorise | None = None) -> None:
    """Ask for an administrator, then show the audit trail (both modal)."""
    sign_in = AdminSignInDialog(authorise or default_authorise(context), runner, parent)
    if sign_in.exec() != QDialog.DialogCode.Accepted or sign_in.admin is None:
        return
    AuditViewDialog(context.audit, runner, admin=sign_in.admin, parent=parent).exec()
