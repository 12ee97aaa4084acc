"""Structured validation findings: what is wrong, where, how bad, in Chinese and English."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"  # blocks pre-review / acceptance
    WARNING = "warning"  # the clerk must look and confirm, but it does not block


@dataclass(frozen=True)
class Issue:
    """One finding.

    `path` names the field the way the UI binds it: dotted attributes of `Application`, list items by
    index, e.g. ``operator.id_document.number`` or ``family_members[1].name``. Findings about the whole
    application use the group name (``scope_item_ids``, ``commitments``).
    `code` is stable (tests, sync, statistics); the messages are for people.
    """

    path: str
    code: str
    severity: Severity
    message_zh: str
    message_en: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh


def has_errors(issues: list[Issue]) -> bool:
    return any(issue.is_error for issue in issues)
