"""Sync protocol v1 between a counter and the district service (architecture.md, "Sync protocol").

These pydantic models are the wire contract: the district service (`counter_app.district`) validates
requests and builds answers with them, the counter's outbox (`counter_app.sync`) builds requests and reads
answers with them. No FastAPI here — the client imports this module.

Normalisation happens on parse, so two bodies that mean the same thing hash the same
(`canonical_hash`): SHA-256 hex digests are lower-cased, case ids become canonical UUID text, times
become aware UTC (a naive time is taken as UTC, the contract says every time is UTC).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"

# Headers
HEADER_DEVICE_TOKEN = "X-Device-Token"
HEADER_AUTHORIZATION = "Authorization"  # "Bearer <session_token>"
HEADER_UPLOAD_OFFSET = "Upload-Offset"
HEADER_UPLOAD_COMPLETE = "Upload-Complete"  # "?1" stored and verified, "?0" not (yet)
HEADER_CONTENT_RANGE = "Content-Range"  # "bytes <start>-<end>/<total>", end inclusive
HEADER_RETRY_AFTER = "Retry-After"
HEADER_PROTOCOL_VERSION = "X-Protocol-Version"  # sent by the server on every answer
UPLOAD_COMPLETE_YES = "?1"
UPLOAD_COMPLETE_NO = "?0"
PROBLEM_CONTENT_TYPE = "application/problem+json"
BLOB_CONTENT_TYPE = "application/octet-stream"

# Paths (relative to the base URL)
PATH_DEVICES = f"{API_PREFIX}/devices"
PATH_SESSIONS = f"{API_PREFIX}/sessions"
PATH_CHANGES = f"{API_PREFIX}/changes"


def blob_path(sha256: str) -> str:
    return f"{API_PREFIX}/blobs/{sha256}"


def case_path(case_id: str) -> str:
    return f"{API_PREFIX}/cases/{case_id}"


def case_version_path(case_id: str, version: int) -> str:
    return f"{API_PREFIX}/cases/{case_id}/versions/{version}"


def case_transitions_path(case_id: str) -> str:
    return f"{API_PREFIX}/cases/{case_id}/transitions"


def content_range(start: int, end_inclusive: int, total: int) -> str:
    return f"bytes {start}-{end_inclusive}/{total}"


MAX_CHANGES_LIMIT = 500
DEFAULT_CHANGES_LIMIT = 100


class ProblemCode:
    """Stable problem codes (`Problem.code`). Clients branch on these, never on messages."""

    AUTH_MISSING_CREDENTIALS = "auth.missing_credentials"  # 401 no/ill-formed token header
    AUTH_INVALID_CREDENTIALS = "auth.invalid_credentials"  # 401 wrong user name or password
    AUTH_SESSION_INVALID = "auth.session_invalid"  # 401 unknown or revoked session token
    AUTH_SESSION_EXPIRED = "auth.session_expired"  # 401 sign in again
    AUTH_DEVICE_INVALID = "auth.device_invalid"  # 401 unknown device token
    AUTH_DEVICE_REVOKED = "auth.device_revoked"  # 401 the device was revoked: register again
    AUTH_USER_DISABLED = "auth.user_disabled"  # 401/403 account disabled
    AUTH_REGISTRATION_CODE_INVALID = "auth.registration_code_invalid"  # 403 unknown/used code
    AUTH_FORBIDDEN_TOWNSHIP = "auth.forbidden_township"  # 403 another township's data or device
    AUTH_FORBIDDEN_ROLE = "auth.forbidden_role"  # 403 the role may not do this
    ADMIN_OWN_ACCOUNT = "admin.own_account"  # 409 an administrator may not disable their own account
    BLOB_INVALID_HASH = "blob.invalid_hash"  # 400 path is not a SHA-256 hex digest
    BLOB_BAD_RANGE = "blob.bad_range"  # 400 missing / malformed Content-Range, body length differs
    BLOB_OFFSET_MISMATCH = "blob.offset_mismatch"  # 409 + upload_offset
    BLOB_HASH_MISMATCH = "blob.hash_mismatch"  # 422 partial data discarded, start again at 0
    BLOB_TOO_LARGE = "blob.too_large"  # 413 + limit
    BLOB_NOT_FOUND = "blob.not_found"  # 404
    CASE_INVALID = "case.invalid"  # 422 + errors
    CASE_VERSION_CONFLICT = "case.version_conflict"  # 409 different body under the same id+version
    CASE_VERSION_NOT_ALLOWED = "case.version_not_allowed"  # 409 version n+1 before n was returned
    CASE_MISMATCH = "case.mismatch"  # 422 body case_id/version differ from the path
    CASE_NOT_FOUND = "case.not_found"  # 404
    CASE_TRANSITION_NOT_ALLOWED = "case.transition_not_allowed"  # 409 status machine refuses
    REQUEST_INVALID = "request.invalid"  # 422 body/query failed the schema + errors
    REQUEST_TOO_LARGE = "request.too_large"  # 413 JSON body over the limit
    NOT_FOUND = "http.not_found"  # 404 unknown route
    METHOD_NOT_ALLOWED = "http.method_not_allowed"  # 405
    HTTP_ERROR = "http.error"  # any other HTTP status raised by the framework
    RATE_LIMITED = "rate_limited"  # 429 + Retry-After
    UNAVAILABLE = "service.unavailable"  # 503 + Retry-After (e.g. database busy)
    INTERNAL = "server.internal_error"  # 500


# --- field types ---------------------------------------------------------------------------------


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _canonical_uuid(value: str) -> str:
    return str(uuid.UUID(value))


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Sha256Hex = Annotated[str, BeforeValidator(_lower), Field(pattern=r"^[0-9a-f]{64}$")]
CaseId = Annotated[str, BeforeValidator(_lower), AfterValidator(_canonical_uuid)]
UtcDateTime = Annotated[datetime, AfterValidator(_utc)]
TownshipCode = Annotated[str, Field(pattern=r"^[0-9]{9}$")]  # 乡镇 statistical code, e.g. 510411001
Version = Annotated[int, Field(ge=1, le=1_000_000)]
RoleName = Literal["clerk", "reviewer", "admin"]
ChangeKind = Literal["status", "decision", "dispatch"]
SubmissionStatus = Literal["accepted", "accepted_with_deferrals"]


class _Model(BaseModel):
    # Unknown fields are refused in requests so a typo is an error, not silently lost data.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Answer(BaseModel):
    # Answers ignore unknown fields so an older client keeps working against a newer server.
    model_config = ConfigDict(extra="ignore")


# --- auth ----------------------------------------------------------------------------------------


class DeviceRegistration(_Model):
    """POST /v1/devices. township_code null = a district device (reviewers, administrators)."""

    registration_code: Annotated[str, Field(min_length=1, max_length=64)]
    township_code: TownshipCode | None = None
    counter_name: Annotated[str, Field(min_length=1, max_length=64)]


class DeviceToken(_Answer):
    """201 answer to a device registration. Keep device_token in the OS keyring."""

    device_id: str
    device_token: str
    township_code: str | None = None


class SessionRequest(_Model):
    """POST /v1/sessions with header X-Device-Token."""

    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class UserInfo(_Answer):
    username: str
    display_name: str
    role: RoleName
    township_code: str | None = None


class SessionInfo(_Answer):
    session_token: str
    expires_at: UtcDateTime
    user: UserInfo


# --- blobs ---------------------------------------------------------------------------------------


class BlobStatus(_Answer):
    """What HEAD /v1/blobs/{sha256} says, as headers Upload-Offset and Upload-Complete."""

    sha256: Sha256Hex
    offset: int = 0
    complete: bool = False

    def to_headers(self) -> dict[str, str]:
        return {HEADER_UPLOAD_OFFSET: str(self.offset),
                HEADER_UPLOAD_COMPLETE: UPLOAD_COMPLETE_YES if self.complete else UPLOAD_COMPLETE_NO}

    @classmethod
    def from_headers(cls, sha256: str, headers: Mapping[str, str]) -> BlobStatus:
        """Read a HEAD answer. `headers` must be case-insensitive (httpx.Headers is)."""
        offset = int(headers.get(HEADER_UPLOAD_OFFSET, "0"))
        complete = headers.get(HEADER_UPLOAD_COMPLETE, UPLOAD_COMPLETE_NO).strip() == UPLOAD_COMPLETE_YES
        return cls(sha256=sha256, offset=offset, complete=complete)


class BlobPutResult(_Answer):
    """200 answer to a chunk PUT. Complete: size set and offset == size. Partial: offset = bytes held."""

    sha256: Sha256Hex
    complete: bool
    offset: int
    size: int | None = None


# --- cases ---------------------------------------------------------------------------------------


class MaterialRef(_Model):
    """One captured page of a checklist slot, referring to its blobs by hash."""

    slot: Annotated[str, Field(min_length=1, max_length=64)]
    page: Annotated[int, Field(ge=0, le=999)]
    kind: Annotated[str, Field(min_length=1, max_length=16)]  # "portrait" | "document"
    doc_type: Annotated[str, Field(max_length=32)] = ""
    sha256: Sha256Hex  # the full image
    thumb_sha256: Sha256Hex | None = None  # the small preview sent first
    size: Annotated[int, Field(ge=0)]  # bytes of the full image
    mime: Annotated[str, Field(min_length=1, max_length=64)]


class DeferredItem(_Model):
    """A 容缺 item to be supplied later."""

    slot: Annotated[str, Field(min_length=1, max_length=64)]
    delivery: Literal["counter", "post", "online"]
    due_date: date


class CaseSubmission(_Model):
    """PUT /v1/cases/{case_id}/versions/{version}. `application` is Application.to_dict()."""

    case_id: CaseId
    version: Version
    case_number: Annotated[str, Field(min_length=1, max_length=64)]
    township_code: TownshipCode
    submitted_at: UtcDateTime
    status: SubmissionStatus
    application: dict[str, Any]
    materials: list[MaterialRef] = Field(default_factory=list, max_length=500)
    deferred: list[DeferredItem] = Field(default_factory=list, max_length=100)


class SubmissionReceipt(_Answer):
    """201 (first time) / 200 (replay, identical) answer to a case submission."""

    case_id: str
    version: int
    status: str  # the server's status of the case, e.g. "submitted"
    received_at: UtcDateTime
    missing_blobs: list[str] = Field(default_factory=list)


class CaseView(_Answer):
    """GET /v1/cases/{case_id}: the server's view of a case (latest version)."""

    case_id: str
    version: int
    case_number: str
    township_code: str
    status: str
    submission_status: str  # "accepted" | "accepted_with_deferrals" as the counter sent it
    received_at: UtcDateTime
    updated_at: UtcDateTime
    missing_blobs: list[str] = Field(default_factory=list)
    materials: list[MaterialRef] = Field(default_factory=list)
    deferred: list[DeferredItem] = Field(default_factory=list)


class TransitionRequest(_Model):
    """POST /v1/cases/{case_id}/transitions (district staff): move a case along the status machine.
    A minimal review/dispatch hook until the review issue; kind says how the change feed labels it."""

    target: Annotated[str, Field(min_length=1, max_length=32)]
    reason: Annotated[str, Field(max_length=2000)] = ""
    data: dict[str, Any] = Field(default_factory=dict)


# --- change feed ---------------------------------------------------------------------------------


class Change(_Answer):
    cursor: str  # opaque to the client; pass the last one back as ?after=
    case_id: str
    case_number: str
    version: int
    kind: ChangeKind
    status: str
    at: UtcDateTime
    data: dict[str, Any] = Field(default_factory=dict)


class ChangesPage(_Answer):
    changes: list[Change]
    next_cursor: str  # the cursor to ask with next time (unchanged when there was nothing new)
    more: bool


# --- errors --------------------------------------------------------------------------------------


class ValidationIssue(_Answer):
    path: str
    code: str
    severity: str  # "error" | "warning"
    message_zh: str
    message_en: str


class Problem(BaseModel):
    """An RFC 9457 problem document (application/problem+json). Extra fields ride along: `errors`
    (case.invalid, request.invalid), `upload_offset` (blob.offset_mismatch), `limit` (blob.too_large),
    `retry_after` (429/503)."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    code: str
    detail: str = ""
    message_zh: str
    message_en: str
    errors: list[ValidationIssue] | None = None
    upload_offset: int | None = None
    limit: int | None = None
    retry_after: int | None = None


def problem_type(code: str) -> str:
    return f"urn:counter-app:problem:{code}"


# --- idempotency ---------------------------------------------------------------------------------


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same data always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def canonical_hash(submission: CaseSubmission | Mapping[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of a submission after parsing (so "+00:00" and "Z", upper- and
    lower-case hashes compare equal). Replay detection compares this on the server."""
    return hashlib.sha256(canonical_body(submission)).hexdigest()


def canonical_body(submission: CaseSubmission | Mapping[str, Any]) -> bytes:
    """The canonical JSON that canonical_hash hashes (the district stores these very bytes, encrypted)."""
    model = (submission if isinstance(submission, CaseSubmission)
             else CaseSubmission.model_validate(dict(submission)))
    return canonical_json(model.model_dump(mode="json"))
