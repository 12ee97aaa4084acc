"""受理: the counter accepts a pre-reviewed case, plainly or under 容缺 (domain.md §1 step 3, §6).

Acceptance re-checks everything (the application may not have changed since pre-review, but the
materials may have), computes the deadlines in working days, and records the acceptance and the status
change together. The receipt and 容缺 notice are printed from what is recorded here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from counter_app.config import Settings
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.deadlines import CaseDeadlines, compute_deadlines
from counter_app.domain.deferral import DeferralRequest, check_deferrals, deferred_materials
from counter_app.domain.issues import Issue
from counter_app.domain.materials import ChecklistStatus
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.services.cases import CaseService
from counter_app.services.errors import CaseNotFound, ConcurrentEdit, ServiceError
from counter_app.store.acceptance import AcceptanceRecord, AcceptanceRepository
from counter_app.store.audit import AuditLog
from counter_app.store.repository import CaseRepository, StaleWrite


class NotAcceptable(ServiceError):
    """Acceptance refused; `issues` is the one list of everything in the way."""

    def __init__(self, issues: list[Issue]) -> None:
        first = issues[0] if issues else None
        more_zh = f"等 {len(issues)} 项" if len(issues) > 1 else ""
        more_en = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(f"不能受理：{first.message_zh if first else ''}{more_zh}",
                         f"Cannot accept: {first.message_en if first else ''}{more_en}")
        self.issues = issues


@dataclass(frozen=True)
class AcceptancePlan:
    """What the clerk sees before pressing 受理: the deadlines and what is missing."""

    deadlines: CaseDeadlines
    materials: ChecklistStatus
    validation_errors: tuple[Issue, ...]

    @property
    def can_accept_plainly(self) -> bool:
        return not self.validation_errors and self.materials.complete

    @property
    def can_accept_with_deferrals(self) -> bool:
        return (not self.validation_errors and self.materials.acceptable_with_deferrals
                and bool(self.materials.missing_deferrable))


class AcceptanceService:
    def __init__(self, cases: CaseService, repository: CaseRepository, acceptances: AcceptanceRepository,
                 audit: AuditLog, settings: Settings, calendar: WorkingCalendar,
                 materials_status: Callable[[str], ChecklistStatus], *, clerk: str,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._cases = cases
        self._repo = repository
        self._acceptances = acceptances
        self._audit = audit
        self._settings = settings
        self._calendar = calendar
        self._materials_status = materials_status
        self._clerk = clerk
        self._today = today

    def plan(self, case_id: str) -> AcceptancePlan:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        errors = tuple(i for i in self._cases.validate(record.application) if i.is_error)
        return AcceptancePlan(self._deadlines(), self._materials_status(case_id), errors)

    def accept(self, case_id: str, *, deferrals: Sequence[DeferralRequest] = (),
               commitment_signed: bool = False) -> AcceptanceRecord:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        if record.status is not CaseStatus.PRE_REVIEWED:
            zh, en = STATUS_LABELS[record.status]
            raise ServiceError(f"只有已初审的案件可以受理，该案件当前为“{zh}”",
                               f"Only pre-reviewed cases can be accepted; this one is {en}")
        deadlines = self._deadlines()
        status = self._materials_status(case_id)
        issues = [i for i in self._cases.validate(record.application) if i.is_error]
        issues += check_deferrals(status, deferrals, today=self._today(),
                                  committed_due=deadlines.committed_due, commitment_signed=commitment_signed)
        if issues:
            raise NotAcceptable(issues)
        deferred = deferred_materials(status, deferrals)
        try:
            accepted = self._acceptances.accept(
                case_id, expected_row_version=record.row_version, accepted_by=self._clerk,
                deadlines=deadlines, deferred=deferred, commitment_signed=commitment_signed)
        except StaleWrite as exc:
            raise ConcurrentEdit() from exc
        self._audit.record(actor=self._clerk,
                           action="case.accept_with_deferrals" if deferred else "case.accept",
                           case_id=case_id,
                           detail={"committed_due": deadlines.committed_due.isoformat(),
                                   "deferred": [d.item_key for d in deferred]})
        return accepted

    def acceptance(self, case_id: str) -> AcceptanceRecord | None:
        return self._acceptances.get(case_id)

    def _deadlines(self) -> CaseDeadlines:
        return compute_deadlines(self._today(), self._calendar, committed_days=self._settings.committed_days)
