"""Control characters in the free text that callers send the district service.

A reviewer's return items, refusal reasons, extension reason and dispatch carrier/tracking number are
printed on notices, shown on the counters and written to the audit trail; a counter's name is shown to
administrators; release notes are shown on every counter. A line feed, an ESC sequence or U+202E in any
of them forges lines or hides text, so every JSON body and query string is checked before a route runs
and refused as one 422 problem naming each field in Chinese (`text.control_characters` per field, the
same code the counter's validator uses).

Left to others, on purpose:
- a case submission's `application`: the domain validator checks every field there and answers
  `case.invalid` with the form's own paths (the clerk fixes the form, not "the request");
- the sign-in body: the user name is audited through `printable()` (a forged attempt stays on record as
  a failed sign-in) and the password is a secret that is never shown anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import Request

from counter_app.district.problems import ProblemError
from counter_app.domain.text_safety import control_character_issue
from counter_app.sync.protocol import PATH_SESSIONS, ProblemCode, ValidationIssue

# JSON keys left to other checks (see the module docstring), by path prefix of the route.
_SKIP_BODY_KEYS: tuple[tuple[str, frozenset[str]], ...] = (
    ("/v1/cases/", frozenset({"application"})),
)
_SKIP_PATHS = frozenset({PATH_SESSIONS})

# What a reviewer or administrator calls the field (the message names it in Chinese).
_LABELS = {
    "text": "说明", "reason": "理由", "reasons": "不予登记理由", "carrier": "快递公司",
    "tracking_number": "快递单号", "counter_name": "窗口名称", "notes": "更新说明", "username": "用户名",
    "path": "字段", "phrase": "常用语", "q": "搜索内容",
}


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def _label(path: str) -> str:
    last = path.rsplit(".", 1)[-1].split("[", 1)[0]
    return _LABELS.get(last, path)


def check_text(values: Any, *, skip: frozenset[str] = frozenset()) -> None:
    """Raise a 422 `request.invalid` problem when any string in `values` (JSON-like) holds control or
    invisible characters; top-level keys in `skip` are not looked at."""
    items = values.items() if isinstance(values, dict) else []
    found = []
    for key, value in items:
        if key in skip:
            continue
        for path, text in _strings(value, str(key)):
            issue = control_character_issue(text, path=path)
            if issue is not None:
                found.append(ValidationIssue(path=path, code=issue.code, severity="error",
                                             message_zh=f"“{_label(path)}”{issue.message_zh}",
                                             message_en=f"{path}: {issue.message_en}"))
    if found:
        names = "、".join(dict.fromkeys(f"“{_label(i.path)}”" for i in found[:5]))
        raise ProblemError(422, ProblemCode.REQUEST_INVALID,
                           f"{names}含有不可见的控制字符（如换行、制表符或方向控制符），请删除后重新输入",
                           "The text contains invisible control characters; delete them and try again",
                           errors=[i.model_dump() for i in found])


async def refuse_control_characters(request: Request) -> None:
    """App-wide dependency: the query string and a JSON body must not carry control characters.
    Starlette keeps the body it read, so the route's own parsing reads the same bytes again."""
    path = request.url.path
    if path in _SKIP_PATHS:
        return
    query: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():  # ?status=a&status=b: both are looked at
        query.setdefault(key, []).append(value)
    check_text({key: values[0] if len(values) == 1 else values for key, values in query.items()})
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    content_type = request.headers.get("content-type", "")
    if content_type and "json" not in content_type:
        return  # blob chunks are bytes; FastAPI reads a body without a content type as JSON, so do we
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return  # the route answers its usual request.invalid
    skip = frozenset().union(*(keys for prefix, keys in _SKIP_BODY_KEYS if path.startswith(prefix)))
    check_text(body, skip=skip)
