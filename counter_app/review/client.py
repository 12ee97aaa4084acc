"""The reviewer's HTTP client for /v1/review/… and blob downloads, on httpx.

Every failure becomes a `UserFacingError`: the server's problem documents stay `ProblemResponse` (mapped
by the sync client's `_error_for`, so both clients read problems the same way); no connection, a broken
answer or a busy server become the review errors of `counter_app.review.errors`. A 401 is handed to the
credential source, which forgets what is no longer valid and raises what the reviewer must do.
Nothing here retries and nothing here logs: answers carry personal data.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from counter_app.review.errors import ReviewLinkBroken, ReviewOffline, ReviewServiceBusy
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from counter_app.sync.client import Credentials, _error_for
from counter_app.sync.errors import LinkBroken, ProblemResponse, ServerBusy

M = TypeVar("M", bound=BaseModel)
DeadlineFilter = Literal["past", "near", "ok"]
_PHRASES = TypeAdapter(list[rp.ReturnPhrase])
_TOWNSHIPS = TypeAdapter(list[rp.TownshipName])


class CredentialSource(Protocol):
    def credentials(self) -> Credentials: ...

    def rejected(self, error: ProblemResponse) -> None:
        """Called with a 401 answer: forget what it says is invalid and raise what the person must do."""


@dataclass(frozen=True)
class QueueFilter:
    """The queue's filters; None / empty means "any". Statuses default to the open ones on the server."""

    township: str | None = None
    statuses: tuple[str, ...] = ()
    deadline: DeadlineFilter | None = None
    deferred: bool | None = None
    limit: int = 200
    offset: int = 0

    def params(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [("limit", str(self.limit)), ("offset", str(self.offset))]
        if self.township:
            out.append(("township", self.township))
        out += [("status", s) for s in self.statuses]
        if self.deadline:
            out.append(("deadline", self.deadline))
        if self.deferred is not None:
            out.append(("deferred", "true" if self.deferred else "false"))
        return out


@dataclass
class ReviewClient:
    """One reviewer's calls. Thread-safe as httpx.Client is: the UI calls it from pool workers."""

    base_url: str
    auth: CredentialSource
    verify: bool | str = True
    transport: httpx.BaseTransport | None = None
    timeout: float = 30.0
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        transport = self.transport or httpx.HTTPTransport(
            verify=self.verify, retries=0, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        self._http = httpx.Client(base_url=self.base_url, transport=transport, follow_redirects=False,
                                  timeout=httpx.Timeout(self.timeout, connect=5.0),
                                  headers={"User-Agent": "counter-app-review/1"})

    def close(self) -> None:
        self._http.close()

    # --- queue and claims ----------------------------------------------------------------------------

    def queue(self, filters: QueueFilter | None = None) -> rp.QueuePage:
        params = (filters or QueueFilter()).params()
        return self._model(rp.QueuePage, self._send("GET", rp.PATH_REVIEW_QUEUE, params=params))

    def claim(self, case_id: str) -> rp.ReviewState:
        return self._state("POST", rp.review_case_path(case_id, "claim"), {})

    def claim_next(self, township: str | None = None) -> rp.ReviewState:
        params = [("township", township)] if township else []
        return self._model(rp.ReviewState, self._send("POST", rp.PATH_REVIEW_CLAIM_NEXT, params=params))

    def release(self, case_id: str) -> rp.ReviewState:
        return self._state("POST", rp.review_case_path(case_id, "release"), {})

    # --- the case ------------------------------------------------------------------------------------

    def detail(self, case_id: str) -> rp.ReviewCaseDetail:
        """The full case incl. personal data; the server audits every call."""
        return self._model(rp.ReviewCaseDetail, self._send("GET", rp.review_case_path(case_id)))

    def state(self, case_id: str) -> rp.ReviewState:
        return self._model(rp.ReviewState, self._send("GET", rp.review_case_path(case_id, "state")))

    def phrases(self) -> list[rp.ReturnPhrase]:
        response = self._send("GET", rp.PATH_REVIEW_PHRASES)
        try:
            return _PHRASES.validate_json(response.content)
        except ValidationError as exc:
            raise ReviewLinkBroken() from exc

    def townships(self) -> dict[str, str]:
        """The district's townships, code → name (the queue and case show names)."""
        response = self._send("GET", rp.PATH_REVIEW_TOWNSHIPS)
        try:
            return {t.code: t.name for t in _TOWNSHIPS.validate_json(response.content)}
        except ValidationError as exc:
            raise ReviewLinkBroken() from exc

    # --- decisions -----------------------------------------------------------------------------------

    def approve(self, case_id: str, request: rp.ApproveRequest | None = None) -> rp.ReviewState:
        body = (request or rp.ApproveRequest()).model_dump(mode="json")
        return self._state("POST", rp.review_case_path(case_id, "approve"), body)

    def return_for_correction(self, case_id: str, request: rp.ReturnRequest) -> rp.ReviewState:
        return self._state("POST", rp.review_case_path(case_id, "return"), request.model_dump(mode="json"))

    def refuse(self, case_id: str, request: rp.RefuseRequest) -> rp.ReviewState:
        return self._state("POST", rp.review_case_path(case_id, "refuse"), request.model_dump(mode="json"))

    def extend(self, case_id: str, request: rp.ExtensionRequest) -> rp.ReviewState:
        return self._state("POST", rp.review_case_path(case_id, "extension"),
                           request.model_dump(mode="json"))

    def dispatch(self, case_id: str, request: rp.DispatchRequest) -> rp.ReviewState:
        """Record that the approved case's licence was printed and sent (mail or hand delivery)."""
        return self._state("POST", rp.review_case_path(case_id, "dispatch"),
                           request.model_dump(mode="json", exclude_none=True))

    # --- images --------------------------------------------------------------------------------------

    def blob_status(self, sha256: str) -> p.BlobStatus:
        response = self._send("HEAD", p.blob_path(sha256))
        try:
            return p.BlobStatus.from_headers(sha256, response.headers)
        except (ValueError, ValidationError) as exc:
            raise ReviewLinkBroken() from exc

    def blob(self, sha256: str) -> bytes | None:
        """The image's bytes, or None while the counter has not finished uploading it."""
        try:
            response = self._send("GET", p.blob_path(sha256))
        except ProblemResponse as exc:
            if exc.problem.code == p.ProblemCode.BLOB_NOT_FOUND:
                return None
            raise
        return response.content

    # --- plumbing ------------------------------------------------------------------------------------

    def _state(self, method: str, path: str, body: dict[str, Any]) -> rp.ReviewState:
        return self._model(rp.ReviewState, self._send(method, path, json=body))

    def _send(self, method: str, path: str, *, json: Any = None,
              params: list[tuple[str, str]] | None = None) -> httpx.Response:
        headers = self.auth.credentials().headers()
        try:
            response = self._http.request(method, path, headers=headers, json=json,
                                          params=httpx.QueryParams(tuple(params or ())))
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ReviewOffline() from exc
        except httpx.TransportError as exc:
            raise ReviewLinkBroken() from exc
        if response.status_code < 400:
            return response
        error = _error_for(response)
        if isinstance(error, ServerBusy):
            raise ReviewServiceBusy(error.status, error.retry_after) from error
        if isinstance(error, ProblemResponse):
            if error.status == 401:
                self.auth.rejected(error)
            raise error
        if isinstance(error, LinkBroken):
            raise ReviewLinkBroken() from error
        raise error

    @staticmethod
    def _model(model: type[M], response: httpx.Response) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise ReviewLinkBroken() from exc
