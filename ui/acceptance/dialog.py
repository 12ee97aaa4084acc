"""受理 / 容缺受理: what the clerk sees and decides before the case is accepted (domain.md §1 step 3, §6).

The dialog shows the committed decision date (with any calendar warning), what is missing, and for each
missing deferrable item the applicant's choice: defer or not, how it will be supplied, by when. Pressing
受理 hands those choices to AcceptanceService on the background runner; the service is the only judge.
When it refuses, every problem it names is listed here and every choice stays as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.issues import Issue
from counter_app.services.acceptance import AcceptancePlan, AcceptanceService, NotAcceptable
from counter_app.store.acceptance import AcceptanceRecord
from ui.acceptance.dates import long_date
from ui.acceptance.deferral_table import DeferralTable
from ui.i18n import error_text, pick
from ui.tasks import Runner

COMMITMENT_PATH = "deferral.commitment"
SPARE_HEIGHT = 110  # margins, and room for a short list of problems without squeezing the choices
MATERIAL_PREFIX = "materials."

# Local to the dialog: the application style sheet belongs to the whole client.
STYLE = """
QLabel#committedDue { font-size: 11pt; font-weight: bold; color: #0d47a1; }
QLabel#calendarWarning { background: #fff3b0; color: #4a3b00; border: 1px solid #e0c000; padding: 6px; }
QGroupBox#blockingBox, QLabel#blockingList { color: #b71c1c; }
QLabel#completeLabel { color: #1b5e20; font-weight: bold; }
QLabel#problemList { color: #b71c1c; }
QGroupBox#problemBox { color: #b71c1c; }
"""


class AcceptanceDialog(QDialog):
    """Signals:
        case_accepted(object): the service accepted the case; carries the AcceptanceRecord.
    """

    case_accepted = Signal(object)

    def __init__(self, acceptance: AcceptanceService, runner: Runner, case_id: str, case_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._acceptance = acceptance
        self._runner = runner
        self.case_id = case_id
        self.plan: AcceptancePlan | None = None
        self.record: AcceptanceRecord | None = None
        self._busy = False
        self._blocked = False  # validation errors or missing required materials: 受理 is not possible
        self.setObjectName("acceptanceDialog")
        self.setWindowTitle(self.tr("Accept case {number}").format(number=case_number))
        self.setStyleSheet(STYLE)
        self.setModal(True)

        self.heading = QLabel(self.tr("Accept case {number}").format(number=case_number), self)
        self.heading.setObjectName("caseHeader")
        self.progress = QLabel(self.tr("Reading the materials and deadlines…"), self)
        self.committed_label = QLabel(self)
        self.committed_label.setObjectName("committedDue")
        self.deadline_detail = QLabel(self)
        self.deadline_detail.setObjectName("hintLabel")
        self.deadline_detail.setWordWrap(True)
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("calendarWarning")
        self.warning_label.setWordWrap(True)

        self.blocking_box = QGroupBox(self.tr("Cannot be accepted yet"), self)
        self.blocking_box.setObjectName("blockingBox")
        self.blocking_list = QLabel(self.blocking_box)
        self.blocking_list.setObjectName("blockingList")
        self.blocking_list.setWordWrap(True)
        self.blocking_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blocking_hint = QLabel(self.tr("Capture the missing materials first (or correct the "
                                            "application and pre-review it again), then accept the case."),
                                    self.blocking_box)
        self.blocking_hint.setObjectName("hintLabel")
        self.blocking_hint.setWordWrap(True)
        blocking_layout = QVBoxLayout(self.blocking_box)
        blocking_layout.addWidget(self.blocking_list)
        blocking_layout.addWidget(self.blocking_hint)

        self.complete_label = QLabel(self.tr("All materials are present: the case can be accepted as it is."),
                                     self)
        self.complete_label.setObjectName("completeLabel")
        self.complete_label.setWordWrap(True)

        self.deferral_box = QGroupBox(self.tr("Missing materials that may be supplied later (容缺受理)"),
                                      self)
        intro = QLabel(self.tr("Only if the applicant chooses it: tick each item to defer, how it will be "
                               "supplied and by when. Without 容缺 these items must be supplied before "
                               "the case can be accepted."), self.deferral_box)
        intro.setWordWrap(True)
        self.table = DeferralTable(self.deferral_box)
        self.commitment = QCheckBox(self.tr("The applicant has signed the 容缺 commitment letter "
                                            "(《容缺受理承诺书》) naming each item, how and by when"),
                                    self.deferral_box)
        self.commitment.setObjectName("commitmentCheck")
        consequence = QLabel(self.tr("If an item is not supplied by its due date, the acceptance is revoked "
                                     "with a written notice."), self.deferral_box)
        consequence.setObjectName("hintLabel")
        consequence.setWordWrap(True)
        deferral_layout = QVBoxLayout(self.deferral_box)
        deferral_layout.addWidget(intro)
        deferral_layout.addWidget(self.table)
        deferral_layout.addWidget(self.commitment)
        deferral_layout.addWidget(consequence)

        self.body = body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.progress, self.committed_label, self.deadline_detail,
                       self.warning_label, self.blocking_box, self.complete_label, self.deferral_box):
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body_scroll.setWidget(body)

        # Outside the scroll area: the reasons for a refusal are always in view, next to the button.
        self.problem_box = QGroupBox(self.tr("Not accepted. Please resolve:"), self)
        self.problem_box.setObjectName("problemBox")
        self.problems = QLabel(self.problem_box)
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.problem_lines: list[str] = []
        # Never taller than its problems: the spare room stays with the choices above.
        self.problem_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        problem_layout = QVBoxLayout(self.problem_box)
        problem_layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(self)
        self.accept_button = QPushButton(self.tr("&Accept"), self)
        self.accept_button.setObjectName("acceptButton")
        self.reload_button = QPushButton(self.tr("&Read again"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.problem_box)
        layout.addWidget(self.buttons)

        self.accept_button.clicked.connect(self.submit)
        self.reload_button.clicked.connect(self.load)
        self.cancel_button.clicked.connect(self.reject)
        self.table.choices_changed.connect(self._choices_changed)
        self.commitment.toggled.connect(lambda _on: self._clear_problems())
        self.resize(780, 600)
        self.setMinimumSize(620, 300)
        self._show_plan(None)
        self.load()

    # --- the plan ------------------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)read deadlines and materials on the runner; choices already made are kept if still valid."""
        if self._busy:
            return
        self._set_busy(True, self.tr("Reading the materials and deadlines…"))
        self.reload_button.hide()
        case_id = self.case_id
        self._runner.run(lambda: self._acceptance.plan(case_id), self._loaded, self._load_failed)

    def _loaded(self, plan: AcceptancePlan) -> None:
        self._set_busy(False)
        self._show_plan(plan)

    def _load_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.setText(self.tr("The case could not be read."))
        self._show_problems([error_text(exc)])
        self.reload_button.show()
        self.accept_button.setEnabled(False)

    def _show_plan(self, plan: AcceptancePlan | None) -> None:
        self.plan = plan
        loaded = plan is not None
        self.progress.setVisible(not loaded)
        for widget in (self.committed_label, self.deadline_detail, self.warning_label, self.blocking_box,
                       self.complete_label, self.deferral_box, self.problem_box):
            widget.hide()
        self.accept_button.setEnabled(False)
        if plan is None:
            return
        deadlines = plan.deadlines
        self.committed_label.setText(self.tr("Committed decision date: {date} ({days} working days)").format(
            date=long_date(deadlines.committed_due), days=deadlines.committed_days))
        self.deadline_detail.setText(self.tr(
            "Legal time limit: {legal}; for a complex case, with written notice: {extended}").format(
            legal=long_date(deadlines.legal_due), extended=long_date(deadlines.extended_legal_due)))
        self.committed_label.show()
        self.deadline_detail.show()
        if deadlines.warnings:
            warnings = [pick(w.message_zh, w.message_en) for w in deadlines.warnings]
            self.warning_label.setText("\n".join(warnings))
            self.warning_label.show()
        blocking = [pick(i.message_zh, i.message_en) for i in plan.validation_errors]
        blocking += [self.tr("Missing (cannot be deferred): {material}").format(
            material=pick(m.label_zh, m.label_en)) for m in plan.materials.missing_required]
        if blocking:
            self.blocking_list.setText("\n".join(f"• {line}" for line in blocking))
            self.blocking_box.show()
        missing = plan.materials.missing_deferrable
        self.table.set_items(missing, today=deadlines.accepted_on, committed_due=deadlines.committed_due)
        self.deferral_box.setVisible(bool(missing))
        self.deferral_box.setEnabled(not blocking)  # nothing to choose while something else blocks
        self.complete_label.setVisible(not blocking and not missing)
        self._choices_changed()
        self._blocked = bool(blocking)
        self.accept_button.setEnabled(not blocking)
        first = self.table.rows[0].defer if self.table.rows and not blocking else self.accept_button
        first.setFocus()
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the content (room for a refusal included), within the screen: a complete case gets
        a small dialog, a long list of missing items scrolls."""
        self.body.adjustSize()
        wanted = self.body.sizeHint().height() + self.buttons.sizeHint().height() + SPARE_HEIGHT
        screen = self.screen().availableGeometry().height() if self.screen() is not None else 768
        self.resize(self.width(), max(self.minimumHeight(), min(wanted, int(screen * 0.9))))

    def _choices_changed(self) -> None:
        deferred = self.table.any_deferred()
        self.commitment.setEnabled(deferred)
        if not deferred:
            self.commitment.setChecked(False)
        self._clear_problems()

    def _clear_problems(self) -> None:
        """A choice changed: the last refusal no longer describes what is on screen; 受理 checks again."""
        self.table.mark({})
        self._set_mark(self.commitment, False)
        self.problem_box.hide()

    # --- accepting -----------------------------------------------------------------------------------

    def submit(self) -> None:
        """受理: hand the choices to the service on the runner."""
        if self._busy or self.plan is None:
            return
        case_id = self.case_id
        deferrals = self.table.requests()
        signed = self.commitment.isChecked()
        acceptance = self._acceptance
        self._set_busy(True, self.tr("Accepting…"))
        self._runner.run(lambda: acceptance.accept(case_id, deferrals=deferrals, commitment_signed=signed),
                         self._accepted, self._refused)

    def _accepted(self, record: AcceptanceRecord) -> None:
        self._set_busy(False)
        self.record = record
        self.case_accepted.emit(record)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, NotAcceptable):
            self._show_issues(exc.issues)
        else:
            self._show_problems([error_text(exc)])

    def _show_issues(self, issues: list[Issue]) -> None:
        self._show_problems([pick(i.message_zh, i.message_en) for i in issues])
        rows: dict[str, str] = {}
        for issue in issues:
            if issue.path.startswith(MATERIAL_PREFIX):
                key = issue.path.removeprefix(MATERIAL_PREFIX)
                rows.setdefault(key, pick(issue.message_zh, issue.message_en))
        self.table.mark(rows)
        unsigned = any(i.path == COMMITMENT_PATH for i in issues)
        self._set_mark(self.commitment, unsigned)
        first = next((r.defer for r in self.table.rows if r.item.key in rows), None)
        (first or (self.commitment if unsigned else self.problems)).setFocus()

    def _show_problems(self, lines: list[str]) -> None:
        self.problem_lines = list(lines)
        self.problems.setText("\n".join(f"• {line}" for line in lines))
        self.problem_box.setVisible(bool(lines))

    def _set_mark(self, widget: QWidget, on: bool) -> None:
        widget.setProperty("severity", "error" if on else "")
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- busy state: the dialog stays until the runner has answered -----------------------------------

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.accept_button.setEnabled(not busy and self.plan is not None and not self._blocked)
        self.cancel_button.setEnabled(not busy)
        self.reload_button.setEnabled(not busy)
        if busy:
            self.progress.setText(text)
            self.progress.show()
        else:
            self.progress.setVisible(self.plan is None)

    def is_busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy:  # a callback is on its way; closing now would drop its answer
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a date or method field must not accept the case by surprise: 受理 is a legal act, so
        # only a focused button (or Alt+A) acts on Enter.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)
