"""A case the district returned for correction (退回补正), at the counter: its items, which of them the clerk
has dealt with, the 补正通知 and 不予登记通知 data, and the resubmission as version n+1.

The items arrive with the change feed and stay where the feed keeps them: in the local change log,
encrypted (a reviewer's free text may quote personal data). An item counts as done when what it points at
differs from what version n sent (the field's value, the slot's pages), or when the clerk ticked it by hand
(e.g. "missing signature" fixed on paper). Hand ticks are item numbers only, not personal: kept as a sync
fact per case and version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from counter_app.domain.issues import Issue
from counter_app.domain.model import Application
from counter_app.domain.status import CaseStatus
from counter_app.printing.data import CorrectionItem
from counter_app.services.errors import CaseNotFound, ServiceError
from counter_app.services.submission import SubmissionService
from counter_app.store.audit import AuditLog
from counter_app.store.change_feed import FeedEntry
from counter_app.store.outbox import OutboxRepository
from counter_app.store.repository import CaseRecord, CaseRepository
from counter_app.sync.protocol import CaseSubmission

_MISSING = object()
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

# Field paths the reviewer points at, in words for the printed notice (the GUI uses the form's own
# labels). A path is named by its section and its last part: "operator.mobile" -> 经营者 · 移动电话.
SECTION_LABELS: dict[str, tuple[str, str]] = {
    "operator": ("经营者", "Operator"), "premises": ("经营场所", "Premises"),
    "family_members": ("家庭成员", "Family member"), "liaison": ("联络员", "Liaison"),
    "agent": ("委托代理人", "Agent"), "commitments": ("承诺事项", "Commitments"),
    "approval_documents": ("许可文件", "Approval document"),
}
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "business_name": ("名称", "Business name"), "composition": ("组成形式", "Composition"),
    "capital_wan": ("出资额", "Capital"), "scope_item_ids": ("经营范围", "Business scope"),
    "employees": ("从业人数", "Employees"), "business_phone": ("经营场所电话", "Business phone"),
    "postal_code": ("邮政编码", "Postal code"), "online_premises": ("网络经营场所", "Online premises"),
    "name": ("姓名", "Name"), "gender": ("性别", "Gender"), "birth_date": ("出生日期", "Birth date"),
    "ethnicity": ("民族", "Ethnicity"), "education": ("文化程度", "Education"),
    "political_status": ("政治面貌", "Political status"), "id_document": ("身份证件", "ID document"),
    "number": ("证件号码", "ID number"), "mobile": ("移动电话", "Mobile"), "phone": ("电话", "Phone"),
    "landline": ("固定电话", "Landline"), "residence": ("住所", "Residence"), "email": ("电子邮箱", "E-mail"),
    "relationship": ("与经营者关系", "Relationship"), "detail": ("详细地址", "Address detail"),
    "township": ("乡镇（街道）", "Township"), "village": ("村（社区）", "Village"),
}


@dataclass(frozen=True)
class CorrectionEntry:
    """One correction the reviewer asked for, and whether the clerk has dealt with it."""

    index: int
    target: str  # "field" | "document"
    path: str  # field path ("operator.mobile") or document slot key
    phrase: str
    phrase_zh: str
    phrase_en: str
    text: str
    changed: bool  # what it points at differs from the returned version
    ticked: bool  # the clerk marked it done by hand

    @property
    def done(self) -> bool:
        return self.changed or self.ticked


@dataclass(frozen=True)
class ReturnedCase:
    case_id: str
    version: int  # the version the district returned
    returned_at: datetime
    reason: str
    reviewer: str
    items: tuple[CorrectionEntry, ...]

    @property
    def open_items(self) -> list[CorrectionEntry]:
        return [item for item in self.items if not item.done]


@dataclass(frozen=True)
class Refusal:
    case_id: str
    decided_on: date
    reasons: tuple[str, ...]
    remedies_zh: str


class NotReturned(ServiceError):
    def __init__(self) -> None:
        super().__init__("该案件没有被区级退回补正", "The district has not returned this case for correction")


class CorrectionsOpen(ServiceError):
    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(f"还有{count}项补正未处理，请逐项处理或勾选“已处理”后再重新提交",
                         f"{count} correction(s) are still open; deal with or tick each before resubmitting")


class StillInvalid(ServiceError):
    def __init__(self, count: int) -> None:
        super().__init__(f"申请内容仍有{count}处错误，请先更正再重新提交",
                         f"The application still has {count} error(s); fix them before resubmitting")


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path with list indexes ("family_members[0].name"); _MISSING if absent."""
    current = data
    for name, index in _STEP.findall(path):
        if index:
            if not isinstance(current, list) or int(index) >= len(current):
                return _MISSING
            current = current[int(index)]
        elif isinstance(current, dict) and name in current:
            current = current[name]
        else:
            return _MISSING
    return current


def field_label(path: str) -> tuple[str, str]:
    """(Chinese, English) words for a field path, for the printed notice."""
    parts = [name for name, _index in _STEP.findall(path) if name]
    if not parts:
        return path, path
    section = SECTION_LABELS.get(parts[0])
    leaf = FIELD_LABELS.get(parts[-1]) or (FIELD_LABELS.get(parts[-2]) if len(parts) > 1 else None)
    if section and leaf and len(parts) > 1:
        return f"{section[0]} · {leaf[0]}", f"{section[1]} · {leaf[1]}"
    found = section or leaf
    return found if found else (path, path)


def latest_return(changes: Sequence[FeedEntry], version: int) -> FeedEntry | None:
    """The district's return of `version`, the last one if it was ever returned twice."""
    returns = [c for c in changes if c.status == CaseStatus.RETURNED.value and c.version == version]
    return returns[-1] if returns else None


class CorrectionService:
    def __init__(self, repository: CaseRepository, outbox: OutboxRepository, submissions: SubmissionService,
                 audit: AuditLog, *, clerk: str, validate: Callable[[Application], list[Issue]],
                 slot_labels: Callable[[str], dict[str, tuple[str, str]]] | None = None) -> None:
        self._repo = repository
        self._validate = validate
        self._outbox = outbox
        self._submissions = submissions
        self._audit = audit
        self._clerk = clerk
        self._slot_labels = slot_labels or (lambda _case_id: {})

    # --- reading -------------------------------------------------------------------------------------

    def returned(self, case_id: str) -> ReturnedCase | None:
        """The open return of the case, or None when the case is not (or no longer) returned."""
        record = self._record(case_id)
        if record.status is not CaseStatus.RETURNED:
            return None
        entry = latest_return(self._outbox.changes_for(case_id), record.version)
        if entry is None:
            return None
        sent = self._sent(case_id, record.version)
        now_app, now_pages = record.application.to_dict(), self._pages(case_id)
        then_app = sent.application if sent is not None else None
        then_pages = _pages_of(sent) if sent is not None else None
        ticked = self._ticked(case_id, record.version)
        items = []
        for i, raw in enumerate(entry.data.get("items", [])):
            target, path = str(raw.get("target", "")), str(raw.get("path", ""))
            changed = False
            if target == "field" and then_app is not None:
                before, after = value_at(then_app, path), value_at(now_app, path)
                changed = not (before is _MISSING and after is _MISSING) and before != after
            elif target == "document" and then_pages is not None:
                changed = then_pages.get(path, []) != now_pages.get(path, [])
            items.append(CorrectionEntry(
                index=i, target=target, path=path, phrase=str(raw.get("phrase", "")),
                phrase_zh=str(raw.get("phrase_zh", "")), phrase_en=str(raw.get("phrase_en", "")),
                text=str(raw.get("text", "")), changed=changed, ticked=i in ticked))
        return ReturnedCase(case_id=case_id, version=record.version, returned_at=entry.at,
                            reason=str(entry.data.get("reason", "")), reviewer=str(entry.data.get("by", "")),
                            items=tuple(items))

    def refusal(self, case_id: str) -> Refusal | None:
        record = self._record(case_id)
        if record.status is not CaseStatus.REFUSED:
            return None
        refusals = [c for c in self._outbox.changes_for(case_id) if c.status == CaseStatus.REFUSED.value]
        if not refusals:
            return None
        entry = refusals[-1]
        reasons = tuple(str(r) for r in entry.data.get("reasons", []) if str(r).strip())
        return Refusal(case_id=case_id, decided_on=entry.at.astimezone().date(), reasons=reasons,
                       remedies_zh=str(entry.data.get("remedies_zh", "")))

    def notice_items(self, case_id: str, label: Callable[[str], str] | None = None) -> list[CorrectionItem]:
        """Every correction of the return, for the 补正通知 (field labels from `label` when the form
        gives them, else from the built-in table; slot labels from the case's checklist)."""
        returned = self.returned(case_id)
        if returned is None:
            raise NotReturned()
        slots = self._slot_labels(case_id)
        result = []
        for item in returned.items:
            if item.target == "document":
                where = slots.get(item.path, (item.path, item.path))[0]
            else:
                where = label(item.path) if label is not None else field_label(item.path)[0]
            problem = item.phrase_zh or item.phrase
            result.append(CorrectionItem(target=where, problem=problem, remedy=item.text))
        return result

    def slot_labels(self, case_id: str) -> dict[str, tuple[str, str]]:
        """slot key -> (Chinese, English) label from the case's checklist."""
        return self._slot_labels(case_id)

    def status_of(self, case_id: str) -> tuple[CaseStatus, int]:
        """The case's status and version only (no personal data, so not an audited read): for noticing
        that the change feed moved the open case."""
        record = self._record(case_id)
        return record.status, record.version

    # --- acting --------------------------------------------------------------------------------------

    def tick(self, case_id: str, index: int, done: bool = True) -> ReturnedCase:
        """The clerk marks item `index` as dealt with (or not) by hand."""
        returned = self.returned(case_id)
        if returned is None:
            raise NotReturned()
        ticked = self._ticked(case_id, returned.version)
        ticked = ticked | {index} if done else ticked - {index}
        self._outbox.set_meta(_tick_key(case_id, returned.version), json.dumps(sorted(ticked)))
        self._audit.record(actor=self._clerk, action="case.correction_ticked", case_id=case_id,
                           detail={"version": returned.version, "item": index, "done": done})
        result = self.returned(case_id)
        assert result is not None
        return result

    def resubmit(self, case_id: str, *, allow_open: bool = False) -> CaseRecord:
        """Send the corrected case as version n+1 (status change and outbox entry in one transaction).
        Refused while the application has errors, and while items are open unless `allow_open`."""
        record = self._record(case_id)
        returned = self.returned(case_id)
        if returned is None:
            raise NotReturned()
        errors = [i for i in self._validate(record.application) if i.is_error]
        if errors:
            raise StillInvalid(len(errors))
        still_open = returned.open_items
        if still_open and not allow_open:
            raise CorrectionsOpen(len(still_open))
        stored = self._submissions.submit(case_id)
        self._audit.record(actor=self._clerk, action="case.corrected", case_id=case_id,
                           detail={"returned_version": returned.version, "version": stored.version,
                                   "items": len(returned.items), "open": len(still_open)})
        return stored

    # --- internals -----------------------------------------------------------------------------------

    def _record(self, case_id: str) -> CaseRecord:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return record

    def _sent(self, case_id: str, version: int) -> CaseSubmission | None:
        payload = self._outbox.submitted_payload(case_id, version)
        return None if payload is None else CaseSubmission.model_validate_json(payload)

    def _pages(self, case_id: str) -> dict[str, list[str]]:
        pages: dict[str, list[str]] = {}
        for m in self._outbox.materials(case_id):  # ordered by slot and page
            pages.setdefault(m.slot, []).append(m.sha256)
        return pages

    def _ticked(self, case_id: str, version: int) -> set[int]:
        raw = self._outbox.meta(_tick_key(case_id, version))
        return {int(i) for i in json.loads(raw)} if raw else set()


def _pages_of(submission: CaseSubmission) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    for ref in sorted(submission.materials, key=lambda m: (m.slot, m.page)):
        pages.setdefault(ref.slot, []).append(ref.sha256)
    return pages


def _tick_key(case_id: str, version: int) -> str:
    return f"corrections:{case_id}:v{version}"
