"""Identity-document and phone fields shared by the operator, family member, liaison and agent groups."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.domain.choices import ID_DOC_TYPE_LABELS
from counter_app.domain.model import Gender, IdDocType
from ui.intake.fields import CodeCombo, line_edit


def id_type_combo(parent: QWidget | None = None) -> CodeCombo:
    combo = CodeCombo(ID_DOC_TYPE_LABELS, parent)
    # A document type is always set in the model; drop the "not chosen" entry.
    combo.removeItem(0)
    combo.set_code(IdDocType.RESIDENT_ID)
    return combo


def id_number_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = line_edit(parent, max_length=30)
    # Letters and digits only (permits have letters); spaces are a typing slip, not part of the number.
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9A-Za-z()（）]*"), edit))
    return edit


def phone_edit(parent: QWidget | None = None, placeholder: str = "") -> QLineEdit:
    return line_edit(parent, placeholder=placeholder, max_length=30)


def doc_type_of(combo: CodeCombo) -> IdDocType:
    try:
        return IdDocType(combo.code())
    except ValueError:
        return IdDocType.RESIDENT_ID


def facts_from_resident_id(number: str) -> tuple[str, Gender] | None:
    """Birth date (ISO) and gender read from an 18-character resident ID, for pre-filling empty fields.

    Only a convenience for typing: whether the number is valid is the validator's business.
    """
    number = number.strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        return None
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    gender = Gender.MALE if int(number[16]) % 2 == 1 else Gender.FEMALE
    return born.isoformat(), gender
