"""How dates, times, names and counts are written on paper (Chinese conventions)."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.printing.data import MaskedPerson

NO_NAME = "无名称"


def zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def zh_datetime(moment: datetime) -> str:
    """Local wall-clock time of the counter PC (an aware time is converted to it)."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{zh_date(local.date())} {local:%H:%M}"


def business_name(name: str) -> str:
    return name.strip() or NO_NAME


def person(p: MaskedPerson) -> str:
    return f"{p.name}（证件号码 {p.id_masked}）" if p.id_masked else p.name


def spaced_code(code: str) -> str:
    """123456 -> "123 456": easier to read aloud and to type back."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code
