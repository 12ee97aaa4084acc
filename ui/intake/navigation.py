"""Enter moves on to the next field, as clerks used to paper-form software expect.

Multi-line editors keep Enter for new lines and are never watched. The next field is taken from the
form's own focus chain (the order a clerk fills the form in), skipping what is hidden or disabled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
KEEP_ENTER_PROPERTY = "enterKeepsFocus"


def can_take_focus(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


class EnterMovesFocus(QObject):
    """Event filter: Enter in a watched field focuses the next field of the chain."""

    def __init__(self, chain: Callable[[], Sequence[QWidget]], focus: Callable[[QWidget], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chain = chain
        self._focus = focus
        self._watched: set[int] = set()

    def watch(self, widgets: Sequence[QWidget]) -> None:
        for widget in widgets:
            if not self.wants_enter(widget) or id(widget) in self._watched:
                continue
            widget.installEventFilter(self)
            key = id(widget)
            self._watched.add(key)
            widget.destroyed.connect(lambda *_, key=key: self._watched.discard(key))

    @staticmethod
    def wants_enter(widget: QWidget) -> bool:
        """Single-line fields, combo boxes, check boxes and spin boxes; not buttons (Enter presses them),
        lists, multi-line text, or fields that use Enter themselves (property ``enterKeepsFocus``)."""
        if widget.property(KEEP_ENTER_PROPERTY) or isinstance(widget, QPlainTextEdit | QTextEdit):
            return False
        if isinstance(widget, QAbstractButton):
            return isinstance(widget, QCheckBox | QRadioButton)
        return isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in ENTER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and isinstance(watched, QWidget)
                and not (isinstance(watched, QComboBox) and watched.view().isVisible())):
            target = self.next_after(watched)
            if target is not None:
                self._focus(target)
                return True
        return super().eventFilter(watched, event)

    def next_after(self, widget: QWidget) -> QWidget | None:
        chain = list(self._chain())
        if widget not in chain:
            return None
        start = chain.index(widget)
        for candidate in chain[start + 1:]:
            if can_take_focus(candidate):
                return candidate
        return None
