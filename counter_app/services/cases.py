"""The case service: what the counter UI calls to create, edit, check and list cases.

Views never touch the store: this service validates, stores, records the audit event and (in a later
issue) queues the sync. Every method is synchronous and fast enough for the UI's background task runner.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from counter_app.config import Settings
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.issues import Issue, has_errors
from counter_app.domain.materials import ChecklistStatus
from counter_app.domain.model import Application
from counter_app.domain.status import (
    EDITABLE_STATUSES,
    STATUS_LABELS,
    CaseStatus,
    Role,
    check_transition,
)
from counter_app.domain.validation import ValidationConfig, validate_application
from counter_app.services.errors import CaseNotEditable, CaseNotFound, ConcurrentEdit
from counter_app.store.repository import AuditLog, CaseRecord, CaseRepository, CaseSummary, StaleWrite


@dataclass(frozen=True)
class PreReviewResult:
    """The one list of everything to fix (domain.md §1 step 2), and whether the case passed.

    `issues` are the findings about the application, which decide the pre-review; `materials` are the
    checklist's findings (missing required slots are errors, missing 容缺 slots warnings). They are
    reported here so the applicant hears of them at once, but they gate acceptance, not the pre-review:
    documents are often photographed after the data is checked, and 受理 checks them again anyway."""

    record: CaseRecord
    issues: list[Issue]
    materials: list[Issue] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not has_errors(self.issues)

    @property
    def all_issues(self) -> list[Issue]:
        """Everything to tell the applicant: the application's findings, then the materials'."""
        return [*self.issues, *self.materials]

    @property
    def missing_materials(self) -> list[Issue]:
        """Required materials not captured yet (acceptance refuses until they are)."""
        return [i for i in self.materials if i.is_error]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


class CaseService:
    def __init__(
        self,
        repository: CaseRepository,
        audit: AuditLog,
        settings: Settings,
        *,
        clerk: str,
        catalogue: ScopeCatalogue | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._repo = repository
        self._audit = audit
        self._settings = settings
        self._clerk = clerk
        self._catalogue = catalogue or ScopeCatalogue.load_default()
        self._today = today
        self._validation_config = ValidationConfig(allow_local_name_suffix=settings.allow_name_suffix)
        self._materials_status: Callable[[str], ChecklistStatus] | None = None

    def set_materials_status(self, materials_status: Callable[[str], ChecklistStatus]) -> None:
        """Where pre-review reads the case's checklist (the materials service, built after this one)."""
        self._materials_status = materials_status

    @property
    def clerk(self) -> str:
        return self._clerk

    @property
    def catalogue(self) -> ScopeCatalogue:
        return self._catalogue

    # --- queries ---------------------------------------------------------------------------------

    def list_cases(self, query: str = "", status: CaseStatus | None = None) -> list[CaseSummary]:
        query = query.strip()
        if query:
            return self._repo.search(query, status=status)
        return self._repo.list_summaries(status=status)

    def open_case(self, case_id: str) -> CaseRecord:
        """Load a case for the clerk to work on. Opening shows personal data, so it is audited."""
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        self._audit.record(actor=self._clerk, action="case.view", case_id=case_id)
        return record

    def validate(self, application: Application) -> list[Issue]:
        return validate_application(application, today=self._today(), catalogue=self._catalogue,
                                    config=self._validation_config)

    # --- commands --------------------------------------------------------------------------------

    def new_case(self, application: Application | None = None) -> CaseRecord:
        now = datetime.now(UTC)
        app = application or self.blank_application()
        record = CaseRecord(
            case_id=str(uuid.uuid4()),
            case_number=self._repo.next_case_number(
                f"{self._settings.township_code}-{self._settings.counter_code}", now.astimezone().date()),
            township_code=self._settings.township_code,
            status=CaseStatus.DRAFT,
            version=1,
            application=app,
            created_at=now,
            updated_at=now,
            created_by=self._clerk,
        )
        created = self._repo.create(record)
        self._audit.record(actor=self._clerk, action="case.create", case_id=created.case_id,
                           detail={"case_number": created.case_number})
        return created

    def blank_application(self) -> Application:
        """A new application with the counter's own province/city/county filled in."""
        app = Application()
        app.premises.province = self._settings.default_province
        app.premises.city = self._settings.default_city
        app.premises.county = self._settings.default_county
        app.premises.township = self._settings.township_name
        return app

    def save_draft(self, case_id: str, application: Application,
                   *, expected_row_version: int | None = None) -> CaseRecord:
        """Store the application as the clerk has it now (auto-save). Editing a pre-reviewed case sends it
        back to draft: the pre-review no longer describes what is on file."""
        record = self._require(case_id)
        if record.status not in EDITABLE_STATUSES:
            zh, en = STATUS_LABELS[record.status]
            raise CaseNotEditable(zh, en)
        try:
            saved = self._repo.save_application(case_id, application,
                                                expected_row_version=expected_row_version)
            if saved.status is CaseStatus.PRE_REVIEWED and application != record.application:
                check_transition(saved.status, CaseStatus.DRAFT, Role.CLERK)
                saved = self._repo.set_status(case_id, CaseStatus.DRAFT,
                                              expected_row_version=saved.row_version)
        except StaleWrite as exc:
            raise ConcurrentEdit() from exc
        self._audit.record(actor=self._clerk, action="case.edit", case_id=case_id)
        return saved

    def pre_review(self, case_id: str) -> PreReviewResult:
        """初审: run every check; if nothing blocks, a draft becomes pre-reviewed. A returned case is only
        checked: it stays "returned" and goes back as its next version through the corrections service."""
        record = self._require(case_id)
        issues = self.validate(record.application)
        passed = not has_errors(issues)
        if passed and record.status not in (CaseStatus.PRE_REVIEWED, CaseStatus.RETURNED):
            check_transition(record.status, CaseStatus.PRE_REVIEWED, Role.CLERK)
            record = self._repo.set_status(case_id, CaseStatus.PRE_REVIEWED,
                                           expected_row_version=record.row_version)
        materials = self._materials_status(case_id).issues() if self._materials_status is not None else []
        self._audit.record(actor=self._clerk, action="case.pre_review", case_id=case_id,
                           detail={"passed": passed, "errors": sum(i.is_error for i in issues),
                                   "warnings": sum(not i.is_error for i in issues),
                                   "materials_missing": sum(i.is_error for i in materials),
                                   "codes": sorted({i.code for i in [*issues, *materials]})})
        return PreReviewResult(record=record, issues=issues, materials=materials)

    def _require(self, case_id: str) -> CaseRecord:
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return record
