"""The status-bar sync indicator: online/offline dot, bytes left to send, last sync time, 立即同步.

It polls the core's `SyncService.status()` (a snapshot held in memory, no I/O) with a QTimer on the GUI
thread, so the worker thread never touches a widget and the GUI never waits on the network.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.sync.service import SyncService
from counter_app.sync.status import SyncStatus, format_bytes
from ui.i18n import pick

POLL_MS = 1000
_DOT = 12
COLOURS = {"online": "#2e7d32", "offline": "#9e9e9e", "problem": "#c62828", "unknown": "#bdbdbd",
           "busy": "#1565c0"}


def dot(colour: str) -> QPixmap:
    pixmap = QPixmap(QSize(_DOT, _DOT))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, _DOT - 2, _DOT - 2)
    painter.end()
    return pixmap


class SyncIndicator(QWidget):
    """Signals:
        status_changed(int): the sync status changed (carries its revision); views re-read case states.
        sync_requested(): the clerk pressed 立即同步.
    """

    status_changed = Signal(int)
    sync_requested = Signal()

    def __init__(self, sync: SyncService | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self._sync = sync
        self._revision = -1
        self.state = "unknown"  # online | offline | problem | busy | unknown: for tests and the dot
        self.dot = QLabel(self)
        self.dot.setObjectName("syncDot")
        self.text = QLabel(self)
        self.text.setObjectName("syncText")
        self.button = QPushButton(self.tr("Sync now"), self)
        self.button.setObjectName("syncNowButton")
        self.button.setToolTip(self.tr("Send waiting cases and fetch the district's decisions now"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.sync_now)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        if sync is None:
            self.button.setEnabled(False)
        else:
            self._timer.start()
        self.refresh()

    def sync_now(self) -> None:
        if self._sync is not None:
            self._sync.sync_now()  # only sets an event: the worker thread does the work
        self.sync_requested.emit()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        if self._sync is None:
            self._show("unknown", self.tr("Sync is off"), "")
            return
        status = self._sync.status()
        self._show(*self.describe(status))
        if status.revision != self._revision:
            self._revision = status.revision
            self.status_changed.emit(status.revision)

    def describe(self, status: SyncStatus) -> tuple[str, str, str]:
        """(state, one-line text, tooltip) for a status."""
        parts: list[str] = []
        if status.problem_code and status.problem_code not in ("sync.offline", "sync.link_broken",
                                                               "sync.server_busy"):
            state, head = "problem", self.tr("Sync needs attention")
        elif status.online is False:
            state, head = "offline", self.tr("Offline")
        elif status.busy:
            state, head = "busy", self.tr("Syncing")
        elif status.online is None:
            state, head = "unknown", self.tr("Not connected yet")
        else:
            state, head = "online", self.tr("Online")
        parts.append(head)
        if status.waiting:
            parts.append(self.tr("{count} waiting, {size} to send").format(
                count=status.waiting, size=format_bytes(status.bytes_left)))
        if status.attention:
            parts.append(self.tr("{count} need attention").format(count=status.attention))
        if status.last_sync_at is not None:
            parts.append(self.tr("last sync {time}").format(
                time=status.last_sync_at.astimezone().strftime("%H:%M")))
        tooltip = ""
        if status.problem_zh:
            tooltip = pick(status.problem_zh, status.problem_en or status.problem_zh)
        return state, " · ".join(parts), tooltip

    def _show(self, state: str, text: str, tooltip: str) -> None:
        if state != self.state or self.dot.pixmap().isNull():
            self.dot.setPixmap(dot(COLOURS[state]))
        self.state = state
        self.text.setText(text)
        self.setToolTip(tooltip)
        self.text.setToolTip(tooltip)
