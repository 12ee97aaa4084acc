from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import CalendarFileError, WorkingCalendar

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def test_2026_spring_festival_and_make_up_saturdays(cal: WorkingCalendar) -> None:
    for day in (D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 20), D(2026, 2, 23)):  # weekdays off
        assert not cal.is_working_day(day), day
    assert cal.is_working_day(D(2026, 2, 14))  # Saturday, 调休 working day
    assert cal.is_working_day(D(2026, 2, 28))  # Saturday, 调休 working day
    assert not cal.is_working_day(D(2026, 2, 21))  # an ordinary Saturday


def test_2026_national_day(cal: WorkingCalendar) -> None:
    assert not any(cal.is_working_day(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday, 调休
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday, 调休


def test_add_working_days_across_the_spring_festival(cal: WorkingCalendar) -> None:
    # Friday 13 Feb: the make-up Saturday counts, the nine-day holiday does not.
    result = cal.add_working_days(D(2026, 2, 13), 3)
    assert result.due == D(2026, 2, 25) and result.warnings == ()
    assert cal.add_working_days(D(2026, 2, 13), 1).due == D(2026, 2, 14)


def test_add_working_days_across_national_day(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(D(2026, 9, 30), 1).due == D(2026, 10, 8)
    assert cal.add_working_days(D(2026, 9, 18), 1).due == D(2026, 9, 20)


def test_counting_starts_the_day_after(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(D(2026, 3, 2), 0).due == D(2026, 3, 2)
    assert cal.add_working_days(D(2026, 3, 2), 1).due == D(2026, 3, 3)
    assert cal.add_working_days(D(2026, 3, 7), 1).due == D(2026, 3, 9)  # accepted on a Saturday
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 3, 2), -1)


def test_crossing_into_an_uncovered_year_falls_back_with_a_warning(cal: WorkingCalendar) -> None:
    # chinese-calendar 1.11.0 raises NotImplementedError for every 2027 date; we must not.
    result = cal.add_working_days(D(2026, 12, 30), 3)
    assert result.due == D(2027, 1, 4)  # 31 Dec, Fri 1 Jan (Mon-Fri fallback), Mon 4 Jan
    [warning] = result.warnings
    assert warning.code == "calendar.year_not_covered"
    assert warning.message_zh == "2027年节假日安排尚未导入，暂按周一至周五计算工作日，请管理员更新节假日日历"
    assert "2027" in warning.message_en and str(warning) == warning.message_zh
    assert cal.year_warning(2026) is None and cal.year_warning(2027) is not None
    assert not cal.covers(2027) and cal.covers(2026)


def test_administrator_data_covers_the_year(tmp_path: Path) -> None:
    admin = WorkingCalendar().updated({D(2027, 1, 1): False}, covered_years=[2027])
    result = admin.add_working_days(D(2026, 12, 30), 3)
    assert result.due == D(2027, 1, 5) and result.warnings == ()
    assert admin.is_working_day(D(2027, 1, 4)) and not admin.is_working_day(D(2027, 1, 2))


def test_override_wins_over_the_builtin_calendar(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(D(2026, 3, 2))
    local = cal.updated({D(2026, 3, 2): False, D(2026, 3, 7): True})
    assert not local.is_working_day(D(2026, 3, 2)) and local.is_working_day(D(2026, 3, 7))
    assert local.covers(2026) and cal.is_working_day(D(2026, 3, 2))  # the original is unchanged


@pytest.mark.parametrize("year", [1990, 2003, 2100, 9000])
def test_years_outside_the_builtin_range_never_crash(cal: WorkingCalendar, year: int) -> None:
    result = cal.add_working_days(D(year, 6, 1), 5)
    assert result.due.weekday() < 5 and result.due > D(year, 6, 1)
    assert [w.code for w in result.warnings] == ["calendar.year_not_covered"]


def test_without_builtin_everything_is_fallback() -> None:
    bare = WorkingCalendar(use_builtin=False)
    assert bare.is_working_day(D(2026, 2, 17))  # the holiday is unknown without chinese-calendar
    assert bare.add_working_days(D(2026, 2, 13), 1).warnings[0].code == "calendar.year_not_covered"


def test_working_days_between(cal: WorkingCalendar) -> None:
    count = cal.working_days_between(D(2026, 2, 13), D(2026, 2, 25))
    assert count.days == 3 and count.warnings == ()
    assert cal.working_days_between(D(2026, 3, 2), D(2026, 3, 2)).days == 0
    assert cal.working_days_between(D(2026, 3, 9), D(2026, 3, 2)).days == 0
    across = cal.working_days_between(D(2026, 12, 30), D(2027, 1, 4))
    assert across.days == 3 and across.warnings[0].code == "calendar.year_not_covered"


@given(st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31)), st.integers(0, 25))
def test_between_inverts_add(start: dt.date, n: int) -> None:
    cal = WorkingCalendar()
    due = cal.add_working_days(start, n).due
    assert cal.working_days_between(start, due).days == n
    assert n == 0 or cal.is_working_day(due)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "calendar.json"
    original = WorkingCalendar({D(2027, 1, 1): False, D(2027, 2, 6): True}, covered_years=[2027])
    original.save(path)
    loaded = WorkingCalendar.load(path)
    assert dict(loaded.overrides) == dict(original.overrides) and loaded.covered_years == {2027}
    assert json.loads(path.read_text(encoding="utf-8"))["days"] == {"2027-01-01": False, "2027-02-06": True}
    assert [p.name for p in path.parent.iterdir()] == ["calendar.json"]  # no temp file left behind


def test_missing_file_means_builtin_only(tmp_path: Path) -> None:
    cal = WorkingCalendar.load(tmp_path / "absent.json")
    assert cal.overrides == {} and cal.covers(2026)


@pytest.mark.parametrize("content", [
    "not json", "[]", '{"format": "other"}',
    '{"format": "counter-app.working-calendar", "version": 99}',
    '{"format": "counter-app.working-calendar", "version": 1, "days": {"2027-13-01": false}}',
    '{"format": "counter-app.working-calendar", "version": 1, "days": {"2027-01-01": "no"}}',
    '{"format": "counter-app.working-calendar", "version": 1, "covered_years": ["x"]}',
])
def test_bad_files_raise_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "calendar.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarFileError) as info:
        WorkingCalendar.load(path)
    assert info.value.message_zh and info.value.message_en
