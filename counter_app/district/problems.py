"""Every error of the district service is an RFC 9457 problem document with a stable code and a Chinese
message (protocol.md "Errors"). Services raise ProblemError; the handlers installed by
`install_problem_handlers` turn it — and FastAPI's own 404/405/422, database trouble and any unexpected
exception — into application/problem+json. No traceback or request data ever reaches the client."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app.errors import UserFacingError
from counter_app.sync.protocol import (
    HEADER_RETRY_AFTER,
    PROBLEM_CONTENT_TYPE,
    Problem,
    ProblemCode,
    ValidationIssue,
    problem_type,
)

log = logging.getLogger(__name__)

_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large",
           415: "Unsupported Media Type",
           422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}


class ProblemError(UserFacingError):
    """An error answer. `extra` fields are added to the document (upload_offset, limit, errors, ...)."""

    def __init__(self, status: int, code: str, message_zh: str, message_en: str, *, detail: str = "",
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message_zh, message_en)
        self.status = status
        self.code = code
        self.detail = detail or message_en
        self.headers = dict(headers or {})
        self.extra = extra
        if status in (429, 503) and HEADER_RETRY_AFTER not in self.headers:
            # Every 429/503 says when to come back (protocol.md): the outbox waits at least this long.
            retry = int(extra.get("retry_after") or 1)
            self.headers[HEADER_RETRY_AFTER] = str(retry)
            self.extra["retry_after"] = retry


def problem_response(error: ProblemError) -> Response:
    problem = Problem(type=problem_type(error.code), title=_TITLES.get(error.status, "Error"),
                      status=error.status, code=error.code, detail=error.detail,
                      message_zh=error.message_zh, message_en=error.message_en, **error.extra)
    return JSONResponse(problem.model_dump(mode="json", exclude_none=True), status_code=error.status,
                        headers=error.headers, media_type=PROBLEM_CONTENT_TYPE)


def _http_problem(status: int) -> ProblemError:
    if status == 404:
        return ProblemError(404, ProblemCode.NOT_FOUND, "请求的地址不存在", "No such resource")
    if status == 405:
        return ProblemError(405, ProblemCode.METHOD_NOT_ALLOWED, "该地址不支持此请求方法",
                            "This method is not allowed here")
    if status == 413:
        return ProblemError(413, ProblemCode.REQUEST_TOO_LARGE, "请求内容过大",
                            "The request body is too large")
    return ProblemError(status, ProblemCode.HTTP_ERROR, f"请求无法处理（HTTP {status}）",
                        f"The request could not be handled (HTTP {status})")


def _issue_from_pydantic(error: dict[str, Any]) -> ValidationIssue:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
    path = ".".join(loc) if loc else "body"
    kind = str(error.get("type", "invalid"))
    return ValidationIssue(path=path, code=f"request.{kind}", severity="error",
                           message_zh=f"字段“{path}”不符合要求", message_en=str(error.get("msg", "invalid")))


def error_response(exc: Exception) -> Response:
    """The answer for an exception a route raised, as the installed handlers give it (the ingest lane,
    which runs outside FastAPI's routing, answers through this too)."""
    if isinstance(exc, ProblemError):
        return problem_response(exc)
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return _database_unavailable(exc)
    return _unexpected(exc)


async def _on_problem(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc)


async def _on_http(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    error = _http_problem(exc.status_code)
    if exc.headers:
        error.headers.update(exc.headers)  # e.g. Allow on a 405
    return problem_response(error)


async def _on_validation(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    issues = [_issue_from_pydantic(dict(e)) for e in exc.errors()]
    return problem_response(ProblemError(
        422, ProblemCode.REQUEST_INVALID, "请求内容格式不正确：" + "、".join(i.path for i in issues[:5]),
        "The request does not match the schema", errors=[i.model_dump() for i in issues]))


async def _on_database(_request: Request, exc: Exception) -> Response:
    return _database_unavailable(exc)


def _database_unavailable(exc: Exception) -> Response:
    # Locked SQLite file, PostgreSQL restarting, a dropped connection: transient, so 503 + Retry-After
    # and the outbox tries again. Nothing was committed (the transaction rolled back).
    log.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(ProblemError(503, ProblemCode.UNAVAILABLE, "服务暂时繁忙，请稍后重试",
                                         "The service is busy; try again shortly", retry_after=2))


async def _on_unexpected(_request: Request, exc: Exception) -> Response:
    return _unexpected(exc)


def _unexpected(exc: Exception) -> Response:
    # The traceback goes to the server log (never the client; request bodies are not logged).
    log.error("unexpected error", exc_info=exc)
    return problem_response(ProblemError(500, ProblemCode.INTERNAL, "服务内部错误，请稍后重试或联系管理员",
                                         "Internal server error; try again later or contact the "
                                         "administrator"))


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(OperationalError, _on_database)
    app.add_exception_handler(DBAPIError, _on_database_or_bug)
    app.add_exception_handler(Exception, _on_unexpected)


async def _on_database_or_bug(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await _on_database(request, exc)
    return await _on_unexpected(request, exc)
