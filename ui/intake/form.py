"""The whole intake form: the eight groups in a scroll area, issues routed to the fields they concern.

Messages about what a field *contains* (a bad check digit) appear as soon as there is content; messages
about what is *missing* wait until the clerk has been in that field or has asked for 初审, so a fresh form
is not a wall of red. The summary panel always lists everything.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QScrollArea, QVBoxLayout, QWidget

from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.issues import Issue
from counter_app.domain.model import Application
from ui.intake.business_group import BusinessGroup
from ui.intake.commitments_group import CommitmentsGroup
from ui.intake.family_group import CompositionGroup
from ui.intake.fields import Binding, IssueLabel
from ui.intake.group import IntakeGroup, has_content
from ui.intake.navigation import EnterMovesFocus
from ui.intake.operator_group import OperatorGroup
from ui.intake.people_groups import AgentGroup, LiaisonGroup
from ui.intake.premises_group import PremisesGroup
from ui.intake.scope_group import ScopeGroup

_PATH_STEP = re.compile(r"(\[\d+\]|\.[^.\[]+)$")


def parent_paths(path: str) -> list[str]:
    """``a.b[2].c`` -> [``a.b[2].c``, ``a.b[2]``, ``a.b``, ``a``]."""
    result = [path]
    while True:
        shorter = _PATH_STEP.sub("", path)
        if shorter == path or not shorter:
            return result
        result.append(shorter)
        path = shorter


class IntakeForm(QScrollArea):
    """Signals:
        edited(str): the clerk changed the field with this Issue path.
    """

    edited = Signal(str)

    def __init__(self, catalogue: ScopeCatalogue, townships: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.setWidgetResizable(True)
        container = QWidget(self)
        layout = QVBoxLayout(container)
        layout.setSpacing(8)
        self.general_issue_label = IssueLabel(container)
        layout.addWidget(self.general_issue_label)
        self.operator = OperatorGroup(container)
        self.composition = CompositionGroup(container)
        self.premises = PremisesGroup(townships, container)
        self.business = BusinessGroup(container)
        self.scope = ScopeGroup(catalogue, container)
        self.liaison = LiaisonGroup(self.operator, container)
        self.agent = AgentGroup(container)
        self.commitments = CommitmentsGroup(container)
        self.groups: list[IntakeGroup] = [self.operator, self.composition, self.premises, self.business,
                                          self.scope, self.liaison, self.agent, self.commitments]
        for group in self.groups:
            layout.addWidget(group)
            group.edited.connect(self._on_group_edited)
        layout.addStretch(1)
        self.setWidget(container)
        self._align_labels()

        self._base = Application()
        self._loading = False
        self._touched: set[str] = set()
        self._reveal_all = False
        self._issues: list[Issue] = []
        self._corrections: list[Issue] = []  # the district's return items: always shown, never hidden
        self._read_only = False
        self._enter = EnterMovesFocus(self.focus_chain, self.focus_widget, self)
        self.composition.members_changed.connect(self._rewire_focus)
        self._rewire_focus()

    def _align_labels(self) -> None:
        """One label column width for all groups, so the fields line up down the whole form."""
        labels = []
        for group in self.groups:
            for row in range(group.form.rowCount()):
                item = group.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    labels.append(widget)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    # --- data in and out ---------------------------------------------------------------------------

    def load(self, app: Application, *, read_only: bool = False) -> None:
        self._loading = True
        try:
            self._base = copy.deepcopy(app)
            for group in self.groups:
                group.load(app)
        finally:
            self._loading = False
        self._touched.clear()
        self._reveal_all = False
        self.set_read_only(read_only)
        self.show_issues([])
        self._rewire_focus()
        self.verticalScrollBar().setValue(0)

    def application(self) -> Application:
        """The application as the widgets show it now; fields the form does not show are kept."""
        app = copy.deepcopy(self._base)
        for group in self.groups:
            group.apply(app)
        return app

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for group in self.groups:
            group.set_read_only(read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def _on_group_edited(self, path: str) -> None:
        if self._loading:
            return
        self._touched.add(path)
        if path.startswith(("family_members", "scope_item_ids")):
            self._rewire_focus()
        self.edited.emit(path)

    # --- issues --------------------------------------------------------------------------------------

    def reveal_all(self) -> None:
        """Show every message, also for fields not yet visited (after 初审)."""
        self._reveal_all = True
        self.show_issues(self._issues)

    def bindings(self) -> dict[str, Binding]:
        # Group-level entries first, so the summary lists a group's own findings before its fields'.
        result: dict[str, Binding] = {}
        for group in self.groups:
            for prefix in group.prefixes:
                result[prefix] = group.group_binding()
            result.update(group.bindings())
        return result

    def in_form_order(self, issues: Sequence[Issue]) -> list[Issue]:
        """Errors first, then warnings, each in the order of the fields on the form."""
        position = {path: index for index, path in enumerate(self.bindings())}

        def rank(issue: Issue) -> tuple[int, int]:
            where = next((position[p] for p in parent_paths(issue.path) if p in position), len(position))
            return (0 if issue.is_error else 1, where)

        return sorted(issues, key=rank)

    def binding_for(self, path: str, bindings: dict[str, Binding] | None = None) -> Binding | None:
        bindings = self.bindings() if bindings is None else bindings
        for candidate in parent_paths(path):
            if candidate in bindings:
                return bindings[candidate]
        return None

    def set_corrections(self, corrections: Sequence[Issue]) -> None:
        """The district's open correction items, shown under their fields above any validation message
        (an item about a field the form does not show goes to the top)."""
        self._corrections = list(corrections)
        self.show_issues(self._issues)

    def corrections(self) -> list[Issue]:
        return list(self._corrections)

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self._issues = list(issues)
        bindings = self.bindings()
        placed: dict[int, tuple[Binding, list[Issue]]] = {}
        for binding in bindings.values():
            placed.setdefault(id(binding.issue_label), (binding, []))
        general: list[Issue] = []
        corrections = {id(issue) for issue in self._corrections}
        for issue in [*self._corrections, *self._issues]:
            target = self.binding_for(issue.path, bindings)
            if target is None:
                general.append(issue)
            elif id(issue) in corrections or self._revealed(issue, target):
                placed.setdefault(id(target.issue_label), (target, []))[1].append(issue)
        for binding, found in placed.values():
            binding.show(found)
        # Issues for targets the form has no field for stay visible at the top: never hidden.
        self.general_issue_label.set_issues(general)

    def _revealed(self, issue: Issue, binding: Binding) -> bool:
        if self._reveal_all or issue.path in self._touched or binding.path in self._touched:
            return True
        if isinstance(binding.focus, IntakeGroup) or binding.severity_target is None:
            return any(t.startswith(binding.path) for t in self._touched)
        return has_content(binding.focus)

    def visible_issue_texts(self) -> list[str]:
        """The messages shown under fields right now (for tests and screenshots)."""
        labels = {id(b.issue_label): b.issue_label for b in self.bindings().values()}
        labels[id(self.general_issue_label)] = self.general_issue_label
        return [label.text() for label in labels.values() if not label.isHidden() and label.text()]

    def label_for(self, path: str) -> str:
        binding = self.binding_for(path)
        if binding is None:
            return path
        group = next((g for g in self.groups if path.split(".")[0].split("[")[0] in g.prefixes), None)
        if group is None or isinstance(binding.focus, IntakeGroup) or binding.label == group.title():
            return binding.label
        return f"{group.title()} · {binding.label}" if binding.label else group.title()

    # --- focus ---------------------------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        return [widget for group in self.groups for widget in group.focus_chain()]

    def focus_widget(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 40, 80)
        widget.setFocus()

    def focus_path(self, path: str) -> bool:
        """Scroll to and focus the field an issue is about; False if it has none on screen."""
        binding = self.binding_for(path)
        if binding is None:
            return False
        target = binding.focus
        if not target.isEnabled() or not target.isVisibleTo(self.viewport()):
            target = next((g for g in self.groups if target is g or g.isAncestorOf(target)), target)
        self.focus_widget(target)
        return True

    def _rewire_focus(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._enter.watch(chain)
