"""Pieces the sign-in and lock screens share: the centred card, the error line, the online dot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.sync.indicator import COLOURS, dot


def centred_card(owner: QWidget, object_name: str) -> tuple[QFrame, QVBoxLayout]:
    """A fixed-width card in the middle of `owner`, which fills the screen."""
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(24, 24, 24, 24)
    row = QHBoxLayout()
    card = QFrame(owner)
    card.setObjectName(object_name)
    card.setFrameShape(QFrame.Shape.StyledPanel)
    # A fixed width: word-wrapped messages then get the height they need (heightForWidth is only
    # consistent when the width does not depend on the text).
    card.setFixedWidth(540)
    card.setStyleSheet(f"QFrame#{object_name} {{ background: #ffffff; border: 1px solid #c8c8c8; "
                       "border-radius: 6px; }")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(32, 28, 32, 28)
    layout.setSpacing(10)
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return card, layout


def title_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def error_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b71c1c; font-weight: bold;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OnlineDot(QWidget):
    """A dot and a line: whether the district answers (sign-in online) or not (offline sign-in only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "unknown"  # online | offline | unknown (for tests)
        self.dot = QLabel(self)
        self.text = QLabel(self)
        self.text.setObjectName("signInNetwork")
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)

    def show_state(self, state: str, text: str) -> None:
        self.state = state
        self.dot.setPixmap(dot(COLOURS.get(state, COLOURS["unknown"])))
        self.text.setText(text)
