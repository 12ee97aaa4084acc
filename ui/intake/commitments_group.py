"""Group 8: 承诺 — the four commitments and the operator's signature."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from counter_app.domain.model import Application
from ui.intake.group import IntakeGroup


class CommitmentsGroup(IntakeGroup):
    prefixes = ("commitments",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("8 Commitments"), parent)
        self.boxes = {
            "truthful": QCheckBox(self.tr("The materials submitted are true and valid"), self),
            "name_compliant": QCheckBox(self.tr("The business name complies with the rules"), self),
            "premises_right": QCheckBox(self.tr("The operator has the right to use the premises"), self),
            "no_licensed_activity_before_approval": QCheckBox(
                self.tr("No licensed activity before the approval is granted"), self),
            "signed": QCheckBox(self.tr("Signed by the operator"), self),
        }
        heading = self.tr("The operator commits")
        for index, (key, box) in enumerate(self.boxes.items()):
            path = f"commitments.{key}"
            self.add_field(path, heading if index == 0 else "", box)
            self._bindings[path].label = box.text()  # the summary names the commitment, not the heading

    def load(self, app: Application) -> None:
        for key, box in self.boxes.items():
            box.setChecked(bool(getattr(app.commitments, key)))

    def apply(self, app: Application) -> None:
        for key, box in self.boxes.items():
            setattr(app.commitments, key, box.isChecked())
