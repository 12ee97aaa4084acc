from __future__ import annotations

import datetime as dt

import pytest

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.deadlines import compute_deadlines

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def test_deadlines_across_the_spring_festival(cal: WorkingCalendar) -> None:
    result = compute_deadlines(D(2026, 2, 13), cal, committed_days=2)
    assert result.committed_due == D(2026, 2, 24)  # Sat 14 Feb (调休), then Tue 24 Feb
    assert result.legal_due == D(2026, 2, 25)
    assert result.extended_legal_due == D(2026, 2, 28)  # Saturday make-up working day
    assert result.committed_days == 2 and result.warnings == ()


def test_committed_limit_above_legal_is_clamped(cal: WorkingCalendar) -> None:
    result = compute_deadlines(D(2026, 3, 2), cal, committed_days=5)
    assert result.committed_days == 3 and result.committed_due == result.legal_due == D(2026, 3, 5)
    assert [w.code for w in result.warnings] == ["deadline.committed_exceeds_legal"]
    assert "法定时限" in result.warnings[0].message_zh


def test_negative_committed_limit_means_same_day(cal: WorkingCalendar) -> None:
    result = compute_deadlines(D(2026, 3, 2), cal, committed_days=-1)
    assert result.committed_due == D(2026, 3, 2) and result.committed_days == 0
    assert [w.code for w in result.warnings] == ["deadline.committed_negative"]


def test_same_day_commitment(cal: WorkingCalendar) -> None:
    assert compute_deadlines(D(2026, 3, 2), cal, committed_days=0).committed_due == D(2026, 3, 2)


def test_deadline_crossing_into_2027_warns_and_stays_sane(cal: WorkingCalendar) -> None:
    result = compute_deadlines(D(2026, 12, 29), cal, committed_days=3)
    assert result.legal_due == D(2027, 1, 1)  # Mon-Fri fallback for 2027
    assert result.extended_legal_due == D(2027, 1, 6)
    assert [w.code for w in result.warnings] == ["calendar.year_not_covered"]  # once, not three times


def test_invalid_legal_days(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        compute_deadlines(D(2026, 3, 2), cal, committed_days=1, legal_days=-1)
