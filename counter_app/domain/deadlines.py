"""Case deadlines in working days (domain.md §1).

Legal limit: a decision on the spot or within 3 working days, +3 working days for a complex case with
written notice. A district may commit to less (承诺时限, local); a committed limit above the legal one is
clamped to the legal limit with a warning, since the law binds regardless of configuration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.domain.calendar import CalendarWarning, WorkingCalendar

LEGAL_DAYS = 3
EXTENSION_DAYS = 3


@dataclass(frozen=True)
class CaseDeadlines:
    accepted_on: dt.date
    legal_due: dt.date
    committed_due: dt.date
    extended_legal_due: dt.date  # legal limit + extension for a complex case
    committed_days: int  # as applied, after clamping
    warnings: tuple[CalendarWarning, ...]


def compute_deadlines(accepted_on: dt.date, calendar: WorkingCalendar, *, committed_days: int,
                      legal_days: int = LEGAL_DAYS, extension_days: int = EXTENSION_DAYS) -> CaseDeadlines:
    """Due dates for a case accepted on `accepted_on` (counting from the next working day)."""
    if legal_days < 0 or extension_days < 0:
        raise ValueError("legal_days and extension_days must be >= 0")
    warnings: list[CalendarWarning] = []
    if committed_days > legal_days:
        warnings.append(CalendarWarning(
            "deadline.committed_exceeds_legal",
            f"承诺办结时限（{committed_days}个工作日）超过法定时限（{legal_days}个工作日），已按法定时限计算",
            f"The committed limit ({committed_days} working days) exceeds the legal limit ({legal_days}); "
            "the legal limit is used.",
        ))
        committed_days = legal_days
    elif committed_days < 0:
        warnings.append(CalendarWarning(
            "deadline.committed_negative", "承诺办结时限不能为负数，已按当场办结计算",
            "The committed limit cannot be negative; same-day decision is assumed.",
        ))
        committed_days = 0
    legal = calendar.add_working_days(accepted_on, legal_days)
    committed = calendar.add_working_days(accepted_on, committed_days)
    extended = calendar.add_working_days(accepted_on, legal_days + extension_days)
    for result in (legal, committed, extended):
        warnings.extend(w for w in result.warnings if w not in warnings)
    return CaseDeadlines(accepted_on, legal.due, committed.due, extended.due, committed_days, tuple(warnings))
