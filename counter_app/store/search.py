"""Search of local cases by case number, operator name (characters, full pinyin or pinyin initials),
business name and ID number suffix.

Names and ID numbers are encrypted in the database, so nothing can be matched in SQL: each case carries a
small encrypted summary (`summary_enc`) with the searchable values and precomputed pinyin keys, and search
decrypts and matches those in Python. tests/benchmarks/bench_search.py measures this at 10,000 cases.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pypinyin import Style, lazy_pinyin, pinyin

from counter_app.domain.model import Application

MAX_PINYIN_COMBINATIONS = 64  # a name of characters with several readings each multiplies quickly
MIN_ID_SUFFIX = 4
_ID_SUFFIX = re.compile(r"[0-9]*[0-9xX]")
_LETTERS = re.compile(r"[a-z]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SummaryData:
    """What `summary_enc` holds, decrypted."""

    operator_name: str
    id_number: str
    business_name: str
    pinyin_full: tuple[str, ...]
    pinyin_initials: tuple[str, ...]
    # Normalised once, so matching a query against thousands of cases is a few substring tests:
    # name and business name casefolded without spaces; every pinyin spelling, each after a NUL, so
    # "\0" + query found in it means some spelling starts with the query.
    text_key: str = field(init=False, repr=False, compare=False)
    pinyin_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = "\x00".join((self.operator_name, self.business_name))
        object.__setattr__(self, "text_key", _SPACES.sub("", text).casefold())
        object.__setattr__(self, "pinyin_key", "".join("\x00" + k for k in (*self.pinyin_initials,
                                                                          *self.pinyin_full)))

    @classmethod
    def from_application(cls, application: Application) -> SummaryData:
        name = application.operator.name.strip()
        full, initials = pinyin_keys(name)
        return cls(operator_name=name,
                   id_number=application.operator.id_document.number.strip().upper(),
                   business_name=application.business_name.strip(),
                   pinyin_full=full, pinyin_initials=initials)

    def to_dict(self) -> dict[str, Any]:
        return {"operator_name": self.operator_name, "id_number": self.id_number,
                "business_name": self.business_name, "pinyin_full": list(self.pinyin_full),
                "pinyin_initials": list(self.pinyin_initials)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummaryData:
        return cls(operator_name=str(data.get("operator_name", "")), id_number=str(data.get("id_number", "")),
                   business_name=str(data.get("business_name", "")),
                   pinyin_full=tuple(data.get("pinyin_full", ())),
                   pinyin_initials=tuple(data.get("pinyin_initials", ())))


def pinyin_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Full-pinyin and initials spellings of `name`, e.g. 张三 -> ("zhangsan",), ("zs",). Characters with
    several readings give every combination (单 as a surname is shan, not dan; 曾 is zeng), the usual
    reading first; ü is spelt both v and u. Characters pypinyin does not know (e.g. 𠮷) are skipped."""
    usual = [_plain(s) for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    per_char: list[list[str]] = []
    for i, readings in enumerate(pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")):
        options = [usual[i]] if i < len(usual) else []
        for reading in readings:
            options.append(_plain(reading))
            if "v" in reading:
                options.append(_plain(reading).replace("v", "u"))
        per_char.append(list(dict.fromkeys(o for o in options if o)))
    full: dict[str, None] = {}
    initials: dict[str, None] = {}
    for combo in itertools.islice(itertools.product(*per_char), MAX_PINYIN_COMBINATIONS):
        if combo:
            full["".join(combo)] = None
            initials["".join(s[0] for s in combo)] = None
    return tuple(full), tuple(initials)


def _plain(syllable: str) -> str:
    return "".join(_LETTERS.findall(syllable.lower()))


@dataclass(frozen=True)
class SearchQuery:
    """A clerk's query, normalised once and matched against many cases."""

    text: str  # casefolded, without spaces
    pinyin: bool  # only latin letters: try it as pinyin too
    id_suffix: str | None  # ≥ 4 trailing ID characters, upper case

    @classmethod
    def parse(cls, query: str) -> SearchQuery:
        text = _SPACES.sub("", query).replace("\x00", "").casefold()
        suffix = text.upper() if len(text) >= MIN_ID_SUFFIX and _ID_SUFFIX.fullmatch(text) else None
        return cls(text=text, pinyin=bool(_LETTERS.fullmatch(text)), id_suffix=suffix)

    def matches(self, case_number: str, summary: SummaryData) -> bool:
        if not self.text:
            return True
        if self.text in case_number.casefold() or self.text in summary.text_key:
            return True
        if self.pinyin and "\x00" + self.text in summary.pinyin_key:
            return True
        return self.id_suffix is not None and summary.id_number.endswith(self.id_suffix)
