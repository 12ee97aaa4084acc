"""Paper sizes for printed documents: the slip printer's paper (receipts, pickup slips) and the paper
for notices. Stored in settings.json (extra.printing)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from counter_app.config import Settings
from counter_app.printing.layout import PaperSize
from counter_app.printing.options import PrintOptions

PAPER_CHOICES = (PaperSize.A4, PaperSize.A5, PaperSize.A6)


class PrintSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print settings"))
        self._settings = settings
        options = PrintOptions.from_settings(settings)
        self.slip_paper = self._combo(options.slip_paper)
        self.notice_paper = self._combo(options.notice_paper)
        form = QFormLayout(self)
        form.addRow(self.tr("Receipts and pickup slips"), self.slip_paper)
        form.addRow(self.tr("Notices (deferral, correction, refusal)"), self.notice_paper)
        hint = QLabel(self.tr("A5 or A6 suit a slip printer; notices are normally printed on A4."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _combo(self, current: PaperSize) -> QComboBox:
        combo = QComboBox(self)
        for paper in PAPER_CHOICES:
            combo.addItem(paper.value, paper.value)
        combo.setCurrentIndex(PAPER_CHOICES.index(current))
        return combo

    def chosen(self) -> tuple[PaperSize, PaperSize]:
        return (PaperSize(self.slip_paper.currentData()), PaperSize(self.notice_paper.currentData()))

    def apply(self) -> None:
        """Write the choice into the settings object (the caller saves the file)."""
        slip, notice = self.chosen()
        PrintOptions.from_settings(self._settings).with_papers(slip, notice).store_in(self._settings)
