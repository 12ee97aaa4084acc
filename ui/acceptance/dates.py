"""Dates as the clerk reads them in the acceptance views (Chinese long form, or English)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from ui.i18n import pick

_WEEKDAYS_ZH = "一二三四五六日"


def long_date(day: dt.date) -> str:
    """2026年12月02日（星期三） / Wed 2 Dec 2026: the weekday helps when a deadline crosses a weekend."""
    return pick(f"{day.year}年{day.month:02d}月{day.day:02d}日（星期{_WEEKDAYS_ZH[day.weekday()]}）",
                f"{day:%a} {day.day} {day:%b %Y}")


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())
