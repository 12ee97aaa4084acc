"""Working days for legal and committed time limits (domain.md §1).

Sources, most specific first:
1. administrator overrides: a date -> is-working-day map the district publishes and syncs to counters;
   a year listed in `covered_years` is fully defined by them (days not listed follow Monday-Friday);
2. chinese-calendar, the built-in source of official holidays and make-up working days (调休);
3. for a year neither knows (chinese-calendar 1.11.0 raises NotImplementedError for 2027): Monday-Friday,
   with a visible warning so nobody mistakes the date for an official one. Never an exception.

Counting convention: `add_working_days(start, n)` returns the n-th working day *after* `start` (the day of
acceptance itself is not counted, whether or not it is a working day); n = 0 returns `start`.
`working_days_between(start, end)` counts working days d with start < d <= end, so
``working_days_between(s, add_working_days(s, n).due) == n``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from counter_app.errors import UserFacingError

FILE_FORMAT = "counter-app.working-calendar"
FILE_VERSION = 1


@dataclass(frozen=True)
class CalendarWarning:
    code: str  # e.g. "calendar.year_not_covered"
    message_zh: str
    message_en: str

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh

    def __str__(self) -> str:
        return self.message_zh


@dataclass(frozen=True)
class DeadlineResult:
    due: dt.date
    warnings: tuple[CalendarWarning, ...] = ()


@dataclass(frozen=True)
class WorkingDayCount:
    days: int
    warnings: tuple[CalendarWarning, ...] = ()


class CalendarFileError(UserFacingError, ValueError):
    """A holiday-calendar file that cannot be used; `message_zh` is for the administrator."""


def year_not_covered_warning(year: int) -> CalendarWarning:
    return CalendarWarning(
        "calendar.year_not_covered",
        f"{year}年节假日安排尚未导入，暂按周一至周五计算工作日，请管理员更新节假日日历",
        f"The {year} public-holiday schedule has not been imported; working days are counted Monday to "
        "Friday for now. An administrator should update the holiday calendar.",
    )


@functools.lru_cache(maxsize=64)
def _builtin_covers(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _builtin_is_workday(day: dt.date) -> bool:
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


def _monday_to_friday(day: dt.date) -> bool:
    return day.weekday() < 5


class WorkingCalendar:
    """Immutable; an administrator's update builds a new calendar with `updated`."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None, covered_years: Iterable[int] = (),
                 *, use_builtin: bool = True) -> None:
        self._overrides: Mapping[dt.date, bool] = MappingProxyType(dict(overrides or {}))
        self._covered_years = frozenset(int(y) for y in covered_years)
        self._use_builtin = use_builtin

    @property
    def overrides(self) -> Mapping[dt.date, bool]:
        return self._overrides

    @property
    def covered_years(self) -> frozenset[int]:
        return self._covered_years

    def covers(self, year: int) -> bool:
        """Whether `year` has an official schedule (administrator data or the built-in one)."""
        return year in self._covered_years or (self._use_builtin and _builtin_covers(year))

    def year_warning(self, year: int) -> CalendarWarning | None:
        """The warning to show for dates in `year`, or None when the year is covered."""
        return None if self.covers(year) else year_not_covered_warning(year)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether `day` is a working day (Monday-Friday for an uncovered year; see `year_warning`)."""
        if day in self._overrides:
            return self._overrides[day]
        if day.year in self._covered_years:
            return _monday_to_friday(day)
        if self._use_builtin and _builtin_covers(day.year):
            return _builtin_is_workday(day)
        return _monday_to_friday(day)

    def add_working_days(self, start: dt.date, n: int) -> DeadlineResult:
        """The n-th working day after `start` (see the module docstring for the convention)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day, counted = start, 0
        years: set[int] = set()
        while counted < n:
            day += dt.timedelta(days=1)
            years.add(day.year)
            if self.is_working_day(day):
                counted += 1
        return DeadlineResult(day, self._warnings_for(years))

    def working_days_between(self, start: dt.date, end: dt.date) -> WorkingDayCount:
        """Working days d with start < d <= end (0 when end <= start)."""
        count, day = 0, start
        years: set[int] = set()
        while day < end:
            day += dt.timedelta(days=1)
            years.add(day.year)
            count += self.is_working_day(day)
        return WorkingDayCount(count, self._warnings_for(years))

    def _warnings_for(self, years: Iterable[int]) -> tuple[CalendarWarning, ...]:
        return tuple(w for w in (self.year_warning(y) for y in sorted(years)) if w is not None)

    def updated(self, overrides: Mapping[dt.date, bool],
                covered_years: Iterable[int] = ()) -> WorkingCalendar:
        """A new calendar with these overrides layered on top (newer data wins for a date)."""
        merged = dict(self._overrides)
        merged.update(overrides)
        return WorkingCalendar(merged, self._covered_years | frozenset(covered_years),
                               use_builtin=self._use_builtin)

    # --- persistence (the district publishes this file; counters store what they sync) ----------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "covered_years": sorted(self._covered_years),
            "days": {day.isoformat(): working for day, working in sorted(self._overrides.items())},
        }

    @classmethod
    def from_dict(cls, data: Any, *, use_builtin: bool = True) -> WorkingCalendar:
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise CalendarFileError("不是节假日日历文件", "Not a holiday calendar file.")
        if data.get("version") != FILE_VERSION:
            raise CalendarFileError(f"不支持的节假日日历版本：{data.get('version')!r}",
                                    f"Unsupported holiday calendar version: {data.get('version')!r}.")
        try:
            days = {dt.date.fromisoformat(str(k)): _as_bool(v) for k, v in dict(data.get("days", {})).items()}
            years = [int(y) for y in data.get("covered_years", [])]
        except (TypeError, ValueError) as exc:
            raise CalendarFileError(f"节假日日历文件内容有误：{exc}",
                                    f"Invalid holiday calendar file: {exc}") from exc
        return cls(days, years, use_builtin=use_builtin)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename) so a power cut never leaves half a calendar."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.to_dict(), handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, *, use_builtin: bool = True) -> WorkingCalendar:
        """Read a calendar file; a missing file gives the built-in calendar alone."""
        if not path.exists():
            return cls(use_builtin=use_builtin)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CalendarFileError(f"无法读取节假日日历文件：{exc}",
                                    f"Cannot read the holiday calendar: {exc}") from exc
        return cls.from_dict(data, use_builtin=use_builtin)


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true/false, got {value!r}")
