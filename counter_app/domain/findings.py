"""Short constructors for `Issue`, so rule modules read as rules rather than boilerplate."""

from __future__ import annotations

from counter_app.domain.issues import Issue, Severity


def error(path: str, code: str, message_zh: str, message_en: str) -> Issue:
    return Issue(path=path, code=code, severity=Severity.ERROR, message_zh=message_zh, message_en=message_en)


def warning(path: str, code: str, message_zh: str, message_en: str) -> Issue:
    return Issue(path=path, code=code, severity=Severity.WARNING, message_zh=message_zh,
                 message_en=message_en)
