"""What changed between a case's version n-1 and version n (a resubmission after a return).

The reviewer of a corrected case checks the corrections, not the whole case again, so the detail answer
carries the changed application fields (dotted paths as the return items use them, e.g.
"operator.mobile", "family_members[0].name") and the document slots whose pages differ. Personal values
(names, ID numbers, phones, addresses, e-mail, birth dates) are masked unless the caller reads the full
personal data anyway (the audited review detail does).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy.orm import Session

from counter_app.district.cases import body_aad
from counter_app.district.tables import CaseVersionRow
from counter_app.domain.masking import STAR, mask_address, mask_id_number, mask_name, mask_phone
from counter_app.security.crypto import FieldCipher
from counter_app.sync.protocol import CaseSubmission, MaterialRef
from counter_app.sync.review_protocol import DocumentChange, FieldChange


def _mask_text(value: str) -> str:
    return STAR * min(len(value), 8)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else _mask_text(value)


# The last component of a path decides how a personal value is masked ("number" only under id_document).
_MASKS: dict[str, Callable[[str], str]] = {
    "name": mask_name, "mobile": mask_phone, "landline": mask_phone, "business_phone": mask_phone,
    "residence": mask_address, "detail": mask_address, "email": _mask_email, "birth_date": _mask_text,
}


def _masker(path: str) -> Callable[[str], str] | None:
    parts = path.split(".")
    last = parts[-1]
    if last == "number" and len(parts) >= 2 and parts[-2].startswith("id_document"):
        return mask_id_number
    return _MASKS.get(last)


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Leaves of an Application.to_dict() tree. A list of objects is indexed (family_members[1].name);
    a list of plain values (scope item ids) is one value."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
        for i, inner in enumerate(value):
            yield from _flatten(inner, f"{prefix}[{i}]")
    else:
        yield prefix, value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any], *, mask: bool) -> list[FieldChange]:
    """Changed leaves between two applications, in the order of the new one (removed leaves last)."""
    before, after = dict(_flatten(old)), dict(_flatten(new))
    paths = [*after, *(p for p in before if p not in after)]
    changes = []
    for path in paths:
        if path in before and path in after and before[path] == after[path]:
            continue
        old_text, new_text = _text(before.get(path)), _text(after.get(path))
        if old_text == new_text:  # e.g. absent vs None
            continue
        masker = _masker(path)
        masked = mask and masker is not None
        if masked and masker is not None:
            old_text = None if old_text is None else masker(old_text)
            new_text = None if new_text is None else masker(new_text)
        changes.append(FieldChange(path=path, old=old_text, new=new_text, personal=masker is not None,
                                   masked=masked))
    return changes


def _pages(materials: Sequence[MaterialRef]) -> dict[str, list[str]]:
    slots: dict[str, list[tuple[int, str]]] = {}
    for ref in materials:
        slots.setdefault(ref.slot, []).append((ref.page, ref.sha256))
    return {slot: [sha for _page, sha in sorted(pages)] for slot, pages in slots.items()}


def document_changes(old: Sequence[MaterialRef], new: Sequence[MaterialRef]) -> list[DocumentChange]:
    """Slots added, removed or with different pages (any page retaken, added or dropped), by slot."""
    before, after = _pages(old), _pages(new)
    changes = []
    for slot in sorted(before.keys() | after.keys()):
        was, now = before.get(slot, []), after.get(slot, [])
        if was == now:
            continue
        kind: Literal["replaced", "added", "removed"] = (
            "added" if not was else "removed" if not now else "replaced")
        changes.append(DocumentChange(slot=slot, change=kind, old_sha256=was, new_sha256=now))
    return changes


def previous_submission(session: Session, cipher: FieldCipher, case_id: str,
                        version: int) -> CaseSubmission | None:
    """Version `version - 1` of a case as the counter sent it (None for version 1)."""
    if version <= 1:
        return None
    row = session.get(CaseVersionRow, (case_id, version - 1))
    if row is None:
        return None
    body = cipher.decrypt_json(row.body_enc, aad=body_aad(case_id, version - 1))
    return CaseSubmission.model_validate(body)


def diff_from_previous(session: Session, cipher: FieldCipher, current: CaseSubmission, *,
                       mask: bool) -> tuple[int | None, list[FieldChange], list[DocumentChange]]:
    """(previous version, field changes, document changes) of `current` against its previous version."""
    previous = previous_submission(session, cipher, current.case_id, current.version)
    if previous is None:
        return None, [], []
    return (previous.version, field_changes(previous.application, current.application, mask=mask),
            document_changes(previous.materials, current.materials))
