"""One line of the materials checklist: the slot's label and requirement, whether it is captured or
missing, the captured pages as thumbnails, and its buttons (拍摄 / 添加页, 重拍, 删除页)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.materials import MaterialKind, MaterialSlot, Requirement
from counter_app.store.materials import MaterialRecord
from ui.i18n import pick

THUMB_HEIGHT = 52
THUMB_AREA_WIDTH = 250

# slot state -> (background, border, badge text) colours of the row; badge text dark enough to read
_STYLES = {
    "captured": ("#f1f8e9", "#7cb342", "#2e7d32"),
    "missing": ("#fdecea", "#e53935", "#c62828"),
    "one_of": ("#fdecea", "#e53935", "#c62828"),
    "deferrable": ("#fff4e5", "#fb8c00", "#a35200"),
    "optional": ("#fafafa", "#bdbdbd", "#616161"),
}


class SlotRow(QFrame):
    """Signals:
        capture_requested(object, object): (slot, page) — page None adds a page, n retakes page n.
        delete_requested(object, int): (slot, page).
    """

    capture_requested = Signal(object, object)
    delete_requested = Signal(object, int)
    supply_requested = Signal(object)  # slot: send this 容缺 item to the district

    def __init__(self, slot: MaterialSlot, pages: Sequence[MaterialRecord], state: str,
                 thumbnails: dict[str, QPixmap], *, can_add: bool, can_change: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot = slot
        self.pages = list(pages)
        self.state = state
        self.setObjectName("slotRow")
        background, border, ink = _STYLES[state]
        self.setStyleSheet(f"QFrame#slotRow {{ background: {background}; border-left: 5px solid {border};"
                           " border-radius: 3px; }")
        self.badge = QLabel(self._badge_text(), self)
        self.badge.setStyleSheet(f"color: {ink}; font-weight: bold;")
        self.badge.setFixedWidth(84)
        title = QLabel(pick(slot.label_zh, slot.label_en), self)
        title.setStyleSheet("font-weight: bold;")
        title.setWordWrap(True)
        details = QLabel(self._details(), self)
        details.setObjectName("hintLabel")
        # The district's correction for this slot (退回补正), if any: shown until the page is replaced.
        self.correction_label = QLabel(self)
        self.correction_label.setObjectName("correctionLabel")
        self.correction_label.setWordWrap(True)
        self.correction_label.hide()
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(title)
        text.addWidget(details)
        text.addWidget(self.correction_label)

        self.page_buttons: list[QToolButton] = []
        self.page_group = QButtonGroup(self)  # the page 重拍 and 删除页 act on
        self.page_group.setExclusive(True)
        thumbs = QHBoxLayout()
        thumbs.setSpacing(4)
        for record in self.pages:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setStyleSheet("QToolButton { border: 2px solid transparent; border-radius: 3px; }"
                                 "QToolButton:checked { border-color: #1e88e5; background: #e3f2fd; }"
                                 "QToolButton:focus { border-style: dotted; border-color: #1e88e5; }")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setText(self.tr("Page {number}").format(number=record.page + 1))
            pixmap = thumbnails.get(record.material_id)
            if pixmap is not None and not pixmap.isNull():
                button.setIcon(QIcon(pixmap))
                scaled = pixmap.size().scaled(QSize(THUMB_HEIGHT * 2, THUMB_HEIGHT),
                                              Qt.AspectRatioMode.KeepAspectRatio)
                button.setIconSize(scaled)
            if record.override_reason:
                button.setToolTip(self.tr("Kept despite failed checks: {reason}").format(
                    reason=record.override_reason))
            self.page_group.addButton(button, record.page)
            self.page_buttons.append(button)
            thumbs.addWidget(button)
        if self.page_buttons:
            self.page_buttons[-1].setChecked(True)

        portrait = slot.kind is MaterialKind.PORTRAIT
        has_pages = bool(self.pages)
        self.capture_button = QPushButton(self._capture_text(portrait, has_pages), self)
        self.capture_button.setVisible(not has_pages or slot.multi_page)
        self.capture_button.setEnabled(can_add)
        self.capture_button.clicked.connect(lambda: self.capture_requested.emit(self.slot, None))
        self.retake_button = QPushButton(self.tr("Retake"), self)
        self.retake_button.setVisible(has_pages)
        self.retake_button.setEnabled(can_change)
        self.retake_button.clicked.connect(self._retake)
        self.delete_button = QPushButton(self.tr("Delete page"), self)
        self.delete_button.setVisible(has_pages)
        self.delete_button.setEnabled(can_change)
        self.delete_button.clicked.connect(self._delete)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.capture_button)
        actions.addWidget(self.retake_button)
        actions.addWidget(self.delete_button)
        self.supply_button = QPushButton(self.tr("Send to district"), self)
        self.supply_button.hide()
        self.supply_button.clicked.connect(lambda: self.supply_requested.emit(self.slot))
        actions.addWidget(self.supply_button)
        actions.addStretch(1)
        text.addLayout(actions)
        text.addStretch(1)
        thumbs_widget = QWidget(self)
        thumbs_widget.setLayout(thumbs)
        thumbs.setContentsMargins(0, 0, 0, 0)
        # Many pages scroll sideways instead of widening the row beyond the panel.
        self.thumbs_area = QScrollArea(self)
        self.thumbs_area.setWidget(thumbs_widget)
        self.thumbs_area.setFrameShape(QFrame.Shape.NoFrame)
        self.thumbs_area.setStyleSheet("background: transparent;")
        self.thumbs_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumbs_area.setFixedHeight(THUMB_HEIGHT + 36)
        self.thumbs_area.setMaximumWidth(THUMB_AREA_WIDTH)
        self.thumbs_area.setMinimumWidth(min(THUMB_AREA_WIDTH, thumbs_widget.sizeHint().width() + 4))
        self.thumbs_area.setVisible(bool(self.pages))

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        row.addWidget(self.thumbs_area)

    def set_supply(self, state: str | None) -> None:
        """A 容缺 item captured after submission: "ready" to send, "waiting" in the outbox, "delivered",
        or "attention" (the district refused; it may be sent again). None: not a late item."""
        if state is None:
            self.supply_button.hide()
            return
        texts = {"ready": self.tr("Send to district"), "waiting": self.tr("Sending to district…"),
                 "delivered": self.tr("✓ Supplied to district"), "attention": self.tr("Send again")}
        self.supply_button.setText(texts.get(state, texts["ready"]))
        self.supply_button.setEnabled(state in ("ready", "attention"))
        self.supply_button.show()

    def set_correction(self, text: str | None, done: bool = False) -> None:
        """Show the reviewer's item for this slot; `done` (page replaced or ticked) shows it as dealt with."""
        if not text:
            self.correction_label.hide()
            return
        if done:
            self.correction_label.setText(self.tr("✓ Correction dealt with: {text}").format(text=text))
            self.correction_label.setStyleSheet("color: #2e7d32;")
        else:
            self.correction_label.setText(self.tr("⚠ To correct: {text}").format(text=text))
            self.correction_label.setStyleSheet("color: #b45f06; font-weight: bold;")
        self.correction_label.show()

    def _badge_text(self) -> str:
        return {"captured": self.tr("✓ Captured"), "missing": self.tr("✗ Missing"),
                "one_of": self.tr("✗ One of"),
                "deferrable": self.tr("Deferrable"), "optional": self.tr("Optional")}[self.state]

    def _details(self) -> str:
        parts = [{Requirement.REQUIRED: self.tr("required"),
                  Requirement.DEFERRABLE: self.tr("deferrable: may be supplied later"),
                  Requirement.OPTIONAL: self.tr("optional")}[self.slot.requirement]]
        if self.slot.multi_page:
            parts.append(self.tr("several pages possible"))
        if self.pages:
            parts.append(self.tr("{count} page(s) captured").format(count=len(self.pages)))
        return " · ".join(parts)

    def _capture_text(self, portrait: bool, has_pages: bool) -> str:
        if portrait:
            return self.tr("Take portrait")
        return self.tr("Add page") if has_pages else self.tr("Capture")

    def selected_page(self) -> int:
        checked = self.page_group.checkedId()
        return checked if checked >= 0 else (self.pages[0].page if self.pages else 0)

    def _retake(self) -> None:
        self.capture_requested.emit(self.slot, self.selected_page())

    def _delete(self) -> None:
        self.delete_requested.emit(self.slot, self.selected_page())
