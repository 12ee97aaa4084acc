"""The decision forms: approve, return for correction (several items), refuse (reasons + remedies),
extension (reason). Each builds the wire request; the window sends it on the task runner.

The forms are opened window-modal with `open()` (not `exec()`), so nothing blocks the event loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.review.remedies import remedies
from counter_app.sync import review_protocol as rp
from ui.i18n import pick

Choice = tuple[str, str]  # (path or slot, label)


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setStyleSheet("color: #b71c1c")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button


class ApproveForm(_Form):
    def __init__(self, case_number: str, paper_copies: int, unchecked: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Approve case {number}").format(number=case_number), parent)
        self.setObjectName("approveForm")
        self.ok_button.setText(self.tr("Approve and issue the licence"))
        intro = QLabel(self.tr("Approval issues the unified social credit code and the licence number. "
                               "It cannot be undone here."), self)
        intro.setWordWrap(True)
        self.originals = QSpinBox(self)
        self.originals.setRange(1, 10)
        self.originals.setValue(1)
        self.duplicates = QSpinBox(self)
        self.duplicates.setRange(0, 10)
        self.duplicates.setValue(max(0, min(10, paper_copies)))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("approveReason")
        self.reason.setPlaceholderText(self.tr("e.g. materials complete and consistent"))
        form = QFormLayout()
        form.addRow(self.tr("Originals (正本)"), self.originals)
        form.addRow(self.tr("Duplicates (副本)"), self.duplicates)
        form.addRow(self.tr("Note"), self.reason)
        self.layout_.addWidget(intro)
        self.layout_.addLayout(form)
        self.finish_layout()
        if unchecked:
            # A reminder, not a block: the checklist ticks are the reviewer's own working notes.
            self.problem.setText(self.tr("{count} material(s) on the checklist are not yet ticked as "
                                         "checked.").format(count=unchecked))
            self.problem.setStyleSheet("color: #b26a00")
            self.problem.show()

    def request(self) -> rp.ApproveRequest:
        return rp.ApproveRequest(reason=self.reason.text().strip(), original_copies=self.originals.value(),
                                 duplicate_copies=self.duplicates.value())


class ReturnItemRow(QWidget):
    """One correction: field or document, which one, a standard phrase, free text."""

    def __init__(self, fields: list[Choice], slots: list[Choice], phrases: list[rp.ReturnPhrase],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnItemRow")
        self._choices = {"field": fields, "document": slots}
        self.target = QComboBox(self)
        self.target.setObjectName("itemTarget")
        self.target.addItem(self.tr("Field"), "field")
        if slots:
            self.target.addItem(self.tr("Document"), "document")
        self.path = QComboBox(self)
        self.path.setObjectName("itemPath")
        self.path.setMinimumContentsLength(16)
        self.phrase = QComboBox(self)
        self.phrase.setObjectName("itemPhrase")
        for phrase in phrases:
            self.phrase.addItem(pick(phrase.text_zh, phrase.text_en), phrase.code)
        self.text = QLineEdit(self)
        self.text.setObjectName("itemText")
        self.text.setPlaceholderText(self.tr("Explanation for the clerk and the applicant"))
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("itemRemove")
        self.target.currentIndexChanged.connect(self._fill_paths)
        self._fill_paths()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.target)
        layout.addWidget(self.path, 2)
        layout.addWidget(self.phrase, 2)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.remove)

    def _fill_paths(self) -> None:
        self.path.clear()
        for value, label in self._choices.get(str(self.target.currentData()), []):
            self.path.addItem(label, value)

    def choose(self, target: str, path: str, phrase: str, text: str = "") -> None:
        """Fill the row (tests and "return this field" shortcuts)."""
        self.target.setCurrentIndex(self.target.findData(target))
        self.path.setCurrentIndex(self.path.findData(path))
        self.phrase.setCurrentIndex(self.phrase.findData(phrase))
        self.text.setText(text)

    def item(self) -> rp.ReturnItem | None:
        if self.path.currentData() is None or self.phrase.currentData() is None:
            return None
        return rp.ReturnItem(target=self.target.currentData(), path=str(self.path.currentData()),
                             phrase=str(self.phrase.currentData()), text=self.text.text().strip())


class ReturnForm(_Form):
    def __init__(self, case_number: str, fields: list[Choice], slots: list[Choice],
                 phrases: list[rp.ReturnPhrase], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Return case {number} for correction").format(number=case_number), parent)
        self.setObjectName("returnForm")
        self.resize(960, 420)
        self._fields, self._slots, self._phrases = fields, slots, phrases
        self.ok_button.setText(self.tr("Return for correction"))
        intro = QLabel(self.tr("List every correction. Each item points at a field or a document and "
                               "goes back to the counter beside it."), self)
        intro.setWordWrap(True)
        self.rows: list[ReturnItemRow] = []
        self.rows_box = QWidget(self)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_box)
        self.add_button = QPushButton(self.tr("Add item"), self)
        self.add_button.setObjectName("addItemButton")
        self.add_button.clicked.connect(self.add_row)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("returnReason")
        self.reason.setPlaceholderText(self.tr("Overall note (optional)"))
        self.layout_.addWidget(intro)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.add_button)
        self.layout_.addWidget(self.reason)
        self.finish_layout()
        self.add_row()

    def add_row(self) -> ReturnItemRow:
        row = ReturnItemRow(self._fields, self._slots, self._phrases, self.rows_box)
        row.remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
        row.show()  # the layout would only show it on the next event-loop turn
        self._update()
        return row

    def _remove(self, row: ReturnItemRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.rows))

    def accept(self) -> None:
        items = [row.item() for row in self.rows]
        if not items or any(i is None for i in items):
            self._say(self.tr("Every item needs a field or document and a standard phrase."))
            return
        if any(i is not None and i.phrase == "other" and not i.text for i in items):
            self._say(self.tr("An item with the phrase \"other\" needs an explanation."))
            return
        super().accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def request(self) -> rp.ReturnRequest:
        items = [i for i in (row.item() for row in self.rows) if i is not None]
        return rp.ReturnRequest(items=items, reason=self.reason.text().strip())


class RefuseForm(_Form):
    def __init__(self, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Refuse registration of case {number}").format(number=case_number), parent)
        self.setObjectName("refuseForm")
        self.resize(640, 420)
        self.ok_button.setText(self.tr("Refuse registration"))
        self.reasons = QPlainTextEdit(self)
        self.reasons.setObjectName("refuseReasons")
        self.reasons.setPlaceholderText(self.tr("One reason per line, with the legal basis"))
        self.reasons.textChanged.connect(self._update)
        notice = QLabel(self.tr("The refusal notice tells the applicant the remedies:"), self)
        self.remedies = QLabel(pick(*remedies()), self)
        self.remedies.setObjectName("remediesText")
        self.remedies.setWordWrap(True)
        self.remedies.setStyleSheet("background: #f5f5f5; padding: 6px")
        self.layout_.addWidget(QLabel(self.tr("Reasons (required)"), self))
        self.layout_.addWidget(self.reasons, 1)
        self.layout_.addWidget(notice)
        self.layout_.addWidget(self.remedies)
        self.finish_layout()
        self._update()

    def reason_list(self) -> list[str]:
        return [line.strip() for line in self.reasons.toPlainText().splitlines() if line.strip()]

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_list()))

    def request(self) -> rp.RefuseRequest:
        return rp.RefuseRequest(reasons=self.reason_list())


class ExtensionForm(_Form):
    def __init__(self, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Extend the limit of case {number}").format(number=case_number), parent)
        self.setObjectName("extensionForm")
        self.ok_button.setText(self.tr("Extend by 3 working days"))
        intro = QLabel(self.tr("The legal limit can be extended once by 3 working days; the reason is "
                               "recorded."), self)
        intro.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("extensionReason")
        self.reason.textChanged.connect(self._update)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(self.reason)
        self.finish_layout()
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason.text().strip()))

    def request(self) -> rp.ExtensionRequest:
        return rp.ExtensionRequest(reason=self.reason.text().strip())
