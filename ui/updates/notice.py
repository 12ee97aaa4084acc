"""An info bar under the menu: a newer program version exists (blue, can be hidden), or this one is below
the minimum the district accepts (red, and a warning the clerk must acknowledge: cases are not sent until
the program is updated).

The check runs on the task runner shortly after start-up and then every few hours, against a real
district service only: the embedded demo district is part of this same program, so it is never newer.
A check that cannot run (offline, not signed in) is simply tried again at the next interval.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from counter_app.config import Mode, Settings
from counter_app.sync.service import SyncService
from counter_app.updates import CHECK_INTERVAL_SECONDS, UpdateCheck, UpdateState, check_for_update
from ui.i18n import pick
from ui.tasks import Runner

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 15_000
_STYLES = {
    UpdateState.AVAILABLE: "QFrame#updateNotice { background: #e3f2fd; border: 1px solid #90caf9; } "
                           "QLabel { color: #0d47a1; }",
    UpdateState.REQUIRED: "QFrame#updateNotice { background: #fde0dc; border: 1px solid #e57373; } "
                          "QLabel { color: #b71c1c; font-weight: bold; }",
}
Warn = Callable[[QWidget, str, str], object]


def warn_with_dialog(parent: QWidget, title: str, text: str) -> object:
    return QMessageBox.warning(parent, title, text)


class UpdateNotice(QFrame):
    """Signals:
        checked(object): a check answered; carries the UpdateCheck.
    """

    checked = Signal(object)

    def __init__(self, sync: SyncService | None, settings: Settings, runner: Runner,
                 parent: QWidget | None = None, *, warn: Warn = warn_with_dialog,
                 automatic: bool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self._sync = sync
        self._runner = runner
        self._warn = warn
        self._warned_for: str | None = None
        self._busy = False
        self.last: UpdateCheck | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)
        self.hide_button = QToolButton(self)
        self.hide_button.setText("×")
        self.hide_button.setToolTip(self.tr("Hide until the next start"))
        self.hide_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hide_button)
        self.hide()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_now)
        if automatic is None:
            automatic = sync is not None and settings.mode is Mode.PRODUCTION
        if automatic:
            self._timer.setSingleShot(True)
            self._timer.start(FIRST_CHECK_MS)

    def check_now(self) -> None:
        sync = self._sync
        if sync is None or self._busy:
            return
        self._busy = True
        if not self._timer.isActive() or self._timer.isSingleShot():
            self._timer.setSingleShot(False)
            self._timer.start(CHECK_INTERVAL_SECONDS * 1000)
        self._runner.run(lambda: check_for_update(sync.client, sync.sessions.credentials()), self.show_check,
                         self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.info("update check not possible now: %s", type(exc).__name__)

    def show_check(self, check: UpdateCheck) -> None:
        self._busy = False
        self.last = check
        self.checked.emit(check)
        if check.state not in _STYLES:
            self.hide()
            return
        text = html.escape(pick(check.message_zh, check.message_en))  # the notes are the admin's free text
        if check.download_url:
            url = html.escape(check.download_url)
            text = text.replace(url, f'<a href="{url}">{url}</a>')
        self.text.setText(text)
        self.setStyleSheet(_STYLES[check.state])
        required = check.state is UpdateState.REQUIRED
        self.hide_button.setVisible(not required)  # a refused program stays visible until updated
        self.show()
        if required and self._warned_for != check.minimum:
            self._warned_for = check.minimum
            self._warn(self, self.tr("Update required"), pick(check.message_zh, check.message_en))
