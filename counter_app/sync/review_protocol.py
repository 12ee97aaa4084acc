"""Wire models of the review workspace (issue 5): queue, claims, decisions, dispatch, statistics.

The district service answers with them and a reviewer client sends them; like `protocol`, no FastAPI here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from counter_app.sync.protocol import API_PREFIX, CaseView, Sha256Hex, UtcDateTime, _Answer, _Model

PATH_REVIEW_QUEUE = f"{API_PREFIX}/review/queue"
PATH_REVIEW_CLAIM_NEXT = f"{API_PREFIX}/review/claim-next"
PATH_REVIEW_PHRASES = f"{API_PREFIX}/review/phrases"
PATH_REVIEW_STATS = f"{API_PREFIX}/review/stats"
PATH_REVIEW_TOWNSHIPS = f"{API_PREFIX}/review/townships"


def review_case_path(case_id: str, action: str = "") -> str:
    """/v1/review/cases/{id}[/claim|/release|/reassign|/approve|/return|/refuse|/extension|/dispatch]."""
    return f"{API_PREFIX}/review/cases/{case_id}" + (f"/{action}" if action else "")


def deferred_supply_path(case_id: str, slot: str) -> str:
    return f"{API_PREFIX}/cases/{case_id}/deferred/{slot}"


class ReviewProblemCode:
    """Problem codes of the review workspace (in addition to ProblemCode)."""

    CLAIMED_BY_OTHER = "review.claimed_by_other"  # 409 another reviewer holds the claim (+ claimed_by)
    CLAIM_REQUIRED = "review.claim_required"  # 409 decide only while holding an unexpired claim
    NOTHING_TO_CLAIM = "review.nothing_to_claim"  # 404 the queue has no claimable case
    DEFERRED_OUTSTANDING = "review.deferred_outstanding"  # 409 approve blocked by 容缺 items (+ slots)
    UNKNOWN_PHRASE = "review.unknown_phrase"  # 422 a return item's phrase is not in the list
    UNKNOWN_SLOT = "review.unknown_slot"  # 422 slot not in the case's materials / deferred items
    ALREADY_EXTENDED = "review.already_extended"  # 409 the +3 working day extension was used
    USER_NOT_REVIEWER = "review.user_not_reviewer"  # 422 reassign target is not an active reviewer
    BLOB_INCOMPLETE = "review.blob_incomplete"  # 409 the supplied material's blob is not uploaded yet


DeadlineFlag = Literal["ok", "near", "past"]


class ClaimInfo(_Answer):
    case_id: str
    claimed_by: str  # username
    claimed_by_name: str
    claim_expires_at: UtcDateTime


class QueueItem(_Answer):
    """One row of the review queue: codes, dates and flags only (no personal data)."""

    case_id: str
    case_number: str
    township_code: str
    version: int
    status: str
    received_at: UtcDateTime
    accepted_on: date
    committed_due: date
    legal_due: date
    extended: bool
    working_days_left: int  # to the committed limit; negative = past it
    deadline_flag: DeadlineFlag
    deferred_outstanding: list[str] = Field(default_factory=list)  # slots
    claimed_by: str | None = None
    claim_expires_at: UtcDateTime | None = None


class QueuePage(_Answer):
    items: list[QueueItem]
    total: int
    counts: dict[str, int] = Field(default_factory=dict)  # by status, over the filtered set


class ReassignRequest(_Model):
    username: Annotated[str, Field(min_length=1, max_length=64)]


class ApproveRequest(_Model):
    reason: Annotated[str, Field(max_length=2000)] = ""
    original_copies: Annotated[int, Field(ge=1, le=10)] = 1
    duplicate_copies: Annotated[int, Field(ge=0, le=10)] = 1


class ReturnItem(_Model):
    """One correction: a field path (e.g. "operator.phone") or a document slot, a standard phrase code and
    free text."""

    target: Literal["field", "document"]
    path: Annotated[str, Field(min_length=1, max_length=200)]
    phrase: Annotated[str, Field(min_length=1, max_length=64)]
    text: Annotated[str, Field(max_length=2000)] = ""


class ReturnRequest(_Model):
    items: Annotated[list[ReturnItem], Field(min_length=1, max_length=200)]
    reason: Annotated[str, Field(max_length=2000)] = ""


class RefuseRequest(_Model):
    reasons: Annotated[list[Annotated[str, Field(min_length=1, max_length=2000)]],
                       Field(min_length=1, max_length=50)]


class ExtensionRequest(_Model):
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class DispatchRequest(_Model):
    method: Literal["mail", "hand"]
    carrier: Annotated[str, Field(max_length=64)] = ""  # mail: required (e.g. "EMS")
    tracking_number: Annotated[str, Field(max_length=64)] = ""  # mail: required
    printed_at: UtcDateTime | None = None  # default: now


class DeferredSupply(_Model):
    """POST /v1/cases/{id}/deferred/{slot} (clerk): the 容缺 material has been uploaded as this blob."""

    sha256: Sha256Hex
    mime: Annotated[str, Field(min_length=1, max_length=64)] = "image/jpeg"


class ReturnPhrase(_Answer):
    code: str
    text_zh: str
    text_en: str


class DecisionRecord(_Answer):
    outcome: str  # approved | returned | refused | extended | dispatched
    version: int
    reviewer: str
    at: UtcDateTime
    data: dict[str, Any] = Field(default_factory=dict)


class SuppliedDeferred(_Answer):
    """A 容缺 item the counter supplied later: the blob (full image) the reviewer looks at."""

    slot: str
    sha256: Sha256Hex
    supplied_at: UtcDateTime | None = None


class ReviewState(_Answer):
    """The review side of a case (answer of claim/decision endpoints; part of the case detail)."""

    case_id: str
    status: str
    version: int
    accepted_on: date
    committed_due: date
    legal_due: date
    extended: bool
    extension_reason: str = ""
    deferred_outstanding: list[str] = Field(default_factory=list)
    deferred_supplied: list[SuppliedDeferred] = Field(default_factory=list)
    claim: ClaimInfo | None = None
    uscc: str | None = None
    licence_number: str | None = None
    approval_date: date | None = None
    decisions: list[DecisionRecord] = Field(default_factory=list)


class FieldChange(_Answer):
    """One application field that differs between version n-1 and n (counter_app.district.version_diff).

    `path` is the dotted field path the return items use ("operator.phone", "family_members.0.name"); `old`
    and `new` are display text (None = absent). Personal values are masked unless the whole detail (with
    personal data, audited) is being read anyway; `masked` says which."""

    path: str
    old: str | None = None
    new: str | None = None
    personal: bool = False
    masked: bool = False


class DocumentChange(_Answer):
    """A document slot whose pages differ between version n-1 and n."""

    slot: str
    change: Literal["replaced", "added", "removed"]
    old_sha256: list[str] = Field(default_factory=list)  # full images, page order
    new_sha256: list[str] = Field(default_factory=list)


class ReviewCaseDetail(_Answer):
    """GET /v1/review/cases/{id} (reviewers): the full submission incl. personal data (audited).

    A resubmitted case (version > 1) carries what changed against the previous version, so the reviewer
    checks the corrections rather than the whole case again; both lists are empty for version 1."""

    view: CaseView
    review: ReviewState
    application: dict[str, Any]
    previous_version: int | None = None
    changes_from_previous: list[FieldChange] = Field(default_factory=list)
    replaced_documents: list[DocumentChange] = Field(default_factory=list)


class TownshipName(_Answer):
    """GET /v1/review/townships: the district's townships, so the workspace shows names, not codes."""

    code: str
    name: str


class TownshipStatusCount(_Answer):
    township_code: str
    status: str
    count: int


class ReviewStats(_Answer):
    cases: list[TownshipStatusCount]
    decided: int
    median_hours_to_decision: float | None
    share_within_committed: float | None  # 0..1 over decided cases
    returns_by_reason: dict[str, int]
