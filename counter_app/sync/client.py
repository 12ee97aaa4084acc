"""The counter's HTTP client for sync protocol v1, on httpx.

Every way a request can fail becomes one of the errors of `counter_app.sync.errors`: no connection at
all is `LinkDown` (offline), a connection that broke or an answer that arrived damaged is `LinkBroken`,
429/503/5xx is `ServerBusy` (with Retry-After), any other error answer is a `ProblemResponse` carrying
the server's problem document. Nothing here retries: the outbox engine decides that.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import (
    BATCH_CONTENT_TYPE,
    PATH_BLOB_BATCH,
    BatchItemResult,
    BlobBatchResult,
    encode_batch,
)
from counter_app.sync.config import SyncConfig
from counter_app.sync.errors import (
    CaFileUnreadable,
    CertificateUntrusted,
    LinkBroken,
    LinkDown,
    OffsetMismatch,
    ProblemResponse,
    ServerBusy,
    SyncError,
)
from counter_app.sync.release_protocol import CLIENT_TOO_OLD, HEADER_CLIENT_VERSION, ClientTooOld, app_version

M = TypeVar("M", bound=BaseModel)
_BUSY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Credentials:
    device_token: str
    session_token: str

    def headers(self) -> dict[str, str]:
        return {p.HEADER_AUTHORIZATION: f"Bearer {self.session_token}",
                p.HEADER_DEVICE_TOKEN: self.device_token}


class DistrictClient:
    def __init__(self, base_url: str, *, config: SyncConfig | None = None, verify: bool | str = True,
                 transport: httpx.BaseTransport | None = None, client_version: str | None = None) -> None:
        cfg = config or SyncConfig()
        timeout = httpx.Timeout(cfg.io_timeout, connect=cfg.connect_timeout)
        self.base_url = base_url.rstrip("/")
        if transport is None:
            # No Nagle: a chunk's headers and body go out as separate writes, and the tail of the body
            # must not wait for the server's delayed ACK (40 ms a request on Linux).
            transport = httpx.HTTPTransport(verify=tls_context(verify), retries=0,
                                            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport,
                                  follow_redirects=False,
                                  # The district refuses submissions from a version below its minimum.
                                  headers={"User-Agent": "counter-app-sync/1",
                                           HEADER_CLIENT_VERSION: client_version or app_version()})

    def close(self) -> None:
        self._http.close()

    # --- auth ----------------------------------------------------------------------------------------

    def register_device(self, registration: p.DeviceRegistration) -> p.DeviceToken:
        response = self._send("POST", p.PATH_DEVICES, json=registration.model_dump(mode="json"))
        return _parse(p.DeviceToken, response)

    def sign_in(self, device_token: str, username: str, password: str) -> p.SessionInfo:
        body = p.SessionRequest(username=username, password=password)
        response = self._send("POST", p.PATH_SESSIONS, json=body.model_dump(mode="json"),
                              headers={p.HEADER_DEVICE_TOKEN: device_token})
        return _parse(p.SessionInfo, response)

    # --- blobs ---------------------------------------------------------------------------------------

    def head_blob(self, auth: Credentials, sha256: str) -> p.BlobStatus:
        response = self._send("HEAD", p.blob_path(sha256), headers=auth.headers())
        try:
            return p.BlobStatus.from_headers(sha256, response.headers)
        except (ValueError, ValidationError) as exc:
            raise LinkBroken("damaged HEAD answer") from exc

    def put_chunk(self, auth: Credentials, sha256: str, start: int, chunk: bytes,
                  total: int) -> p.BlobPutResult:
        """Append `chunk` at `start`. Raises OffsetMismatch when the server holds another offset."""
        headers = {**auth.headers(), "Content-Type": p.BLOB_CONTENT_TYPE,
                   p.HEADER_CONTENT_RANGE: p.content_range(start, start + len(chunk) - 1, total)}
        try:
            response = self._send("PUT", p.blob_path(sha256), content=chunk, headers=headers)
        except ProblemResponse as exc:
            if exc.problem.code == p.ProblemCode.BLOB_OFFSET_MISMATCH:
                raise OffsetMismatch(exc.problem.upload_offset) from exc
            raise
        return _parse(p.BlobPutResult, response)

    def finish_blob(self, auth: Credentials, sha256: str, total: int) -> p.BlobPutResult:
        """An empty PUT ("bytes */total"): the server already holds every byte and is asked to verify
        and store the blob (its earlier attempt was cut off before it could)."""
        headers = {**auth.headers(), "Content-Type": p.BLOB_CONTENT_TYPE,
                   p.HEADER_CONTENT_RANGE: f"bytes */{total}"}
        return _parse(p.BlobPutResult, self._send("PUT", p.blob_path(sha256), content=b"", headers=headers))

    def put_blob_batch(self, auth: Credentials, blobs: list[tuple[str, bytes]]) -> list[BatchItemResult]:
        """Send several small whole blobs in one request; one answer per blob, in order."""
        headers = {**auth.headers(), "Content-Type": BATCH_CONTENT_TYPE}
        result = _parse(BlobBatchResult, self._send("POST", PATH_BLOB_BATCH, content=encode_batch(blobs),
                                                    headers=headers))
        if [r.sha256 for r in result.results] != [sha for sha, _data in blobs]:
            raise LinkBroken("batch answer does not match the request")
        return result.results

    # --- cases ---------------------------------------------------------------------------------------

    def put_case(self, auth: Credentials, case_id: str, version: int,
                 body: bytes) -> tuple[p.SubmissionReceipt, bool]:
        """Submit the frozen JSON body. Returns the receipt and whether it was new (201) or a replay (200)."""
        headers = {**auth.headers(), "Content-Type": "application/json"}
        response = self._send("PUT", p.case_version_path(case_id, version), content=body, headers=headers)
        return _parse(p.SubmissionReceipt, response), response.status_code == 201

    def get_case(self, auth: Credentials, case_id: str) -> p.CaseView:
        return _parse(p.CaseView, self._send("GET", p.case_path(case_id), headers=auth.headers()))

    def changes(self, auth: Credentials, after: str, limit: int = p.DEFAULT_CHANGES_LIMIT) -> p.ChangesPage:
        params = {"after": after, "limit": str(min(limit, p.MAX_CHANGES_LIMIT))}
        return _parse(p.ChangesPage, self._send("GET", p.PATH_CHANGES, params=params, headers=auth.headers()))

    def request(self, method: str, path: str, *, auth: Credentials, json: Any = None) -> httpx.Response:
        """A signed-in JSON request for the features beside the outbox (update check, backup-key
        escrow); raises the same errors as everything else here."""
        return self._send(method, path, headers=auth.headers(), json=json)

    # --- plumbing ------------------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, headers: dict[str, str] | None = None,
              content: bytes | None = None, json: Any = None,
              params: dict[str, str] | None = None) -> httpx.Response:
        try:
            response = self._http.request(method, path, headers=headers, content=content, json=json,
                                          params=params)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if _certificate_refused(exc):
                raise CertificateUntrusted(type(exc).__name__) from exc
            raise LinkDown(type(exc).__name__) from exc
        except httpx.TransportError as exc:  # read/write errors, time-outs, a cut-off answer
            raise LinkBroken(type(exc).__name__) from exc
        if response.status_code >= 400:
            raise _error_for(response)
        return response


def tls_context(verify: bool | str) -> ssl.SSLContext | bool:
    """`verify` as httpx wants it: a CA file (the district's private CA, settings `district_ca_file`)
    becomes an SSL context trusting that CA only; a missing or broken file is a clear error, not a crash."""
    if not isinstance(verify, str):
        return verify
    try:
        return ssl.create_default_context(cafile=verify)
    except (OSError, ssl.SSLError) as exc:
        raise CaFileUnreadable(verify) from exc


def _certificate_refused(exc: BaseException) -> bool:
    """Whether the TLS handshake failed on the server's certificate (httpx wraps the ssl error)."""
    seen: BaseException | None = exc
    for _ in range(8):  # a short cause chain: httpx -> httpcore -> ssl
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _parse(model: type[M], response: httpx.Response) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:  # e.g. a proxy cut the answer short: the request may have worked
        raise LinkBroken(f"damaged {model.__name__} answer") from exc


def _error_for(response: httpx.Response) -> SyncError:
    status = response.status_code
    problem: p.Problem | None
    try:
        problem = p.Problem.model_validate_json(response.content) if response.content else None
    except ValidationError:
        problem = None
    if status in _BUSY_STATUSES:
        retry_after = parse_retry_after(response.headers.get(p.HEADER_RETRY_AFTER))
        if retry_after is None and problem is not None and problem.retry_after is not None:
            retry_after = float(problem.retry_after)
        return ServerBusy(status, retry_after)
    if problem is not None and problem.code == CLIENT_TOO_OLD:
        return ClientTooOld(problem.message_zh, problem.message_en)  # waits for the update, not refused
    if problem is None:
        if status in (400, 404, 405, 413):
            # A plain error page from something between us and the server (proxy, firewall).
            problem = p.Problem(type=p.problem_type(p.ProblemCode.HTTP_ERROR), title=response.reason_phrase,
                                status=status, code=p.ProblemCode.HTTP_ERROR,
                                message_zh=f"区级服务返回错误 {status}", message_en=f"HTTP error {status}")
        else:
            return LinkBroken(f"HTTP {status} without a problem document")
    return ProblemResponse(status, problem)


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not str.isdigit() alone: "²" is a digit to it
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
