"""A label that says how a check went: green for success, red for a problem, grey while it runs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_COLOURS = {"ok": "#1b5e20", "error": "#b71c1c", "busy": "#555555", "": "#000000"}


class StatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.state = ""

    def show_state(self, text: str, state: str) -> None:
        """state: "ok", "error", "busy" or "" (plain)."""
        self.state = state
        self.setText(text)
        weight = "bold" if state in ("ok", "error") else "normal"
        self.setStyleSheet(f"color: {_COLOURS.get(state, '#000000')}; font-weight: {weight};")

    def clear_state(self) -> None:
        self.show_state("", "")
