"""Hostile or accidental characters in free text: control characters, invisible direction overrides and
path-like names.

A clerk pastes an address from a chat window and brings a line feed or a zero-width space along; a
tampered submission carries ESC sequences or U+202E (which reverses how a name is displayed). None of
them belongs in a form field: validation reports them (`control_character_issues`), input can be
cleaned (`clean_text`), and whatever must still be shown in a log line or become part of a file name
goes through `printable` / `safe_file_name` first, so it can never forge log lines or escape a folder.

Kept (real text needs them): CJK variation selectors after rare characters, combining marks, private-use
characters (some older systems encode rare name characters there).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from counter_app.domain.findings import error
from counter_app.domain.issues import Issue

# Format characters that change how text is displayed without being visible: bidi overrides and
# isolates, zero-width characters, the BOM, soft hyphen, invisible operators, interlinear annotations.
_INVISIBLE = frozenset(
    [0x00AD, 0x061C, 0x180E, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
     *range(0x2060, 0x2070), *range(0xFFF9, 0xFFFC)])

_WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                               *(f"LPT{i}" for i in range(1, 10))})
_FILE_NAME_UNSAFE = re.compile(r'[<>:"/\\|?*]')
MAX_FILE_NAME = 80  # characters of the stem; well below every file system's limit, even in UTF-8


def is_control(ch: str) -> bool:
    """True for a C0/C1 control, DEL, a surrogate, an unassigned code point or an invisible format
    character (see `_INVISIBLE`)."""
    cp = ord(ch)
    if cp in _INVISIBLE:
        return True
    category = unicodedata.category(ch)
    # Not "Cn" (unassigned): this Python's Unicode tables may predate a CJK extension used in a name.
    return category in ("Cc", "Cs", "Zl", "Zp")


def _control_class() -> re.Pattern[str]:
    """One regular-expression class matching exactly what `is_control` accepts. Cc (the C0 and C1
    controls), Cs (surrogates), Zl and Zp are closed sets that Unicode does not add to; the rest is
    `_INVISIBLE`. tests/unit/domain/test_text_safety_properties.py checks every code point against
    `is_control`."""
    ranges = [(0x00, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0x2028, 0x2029)]
    ranges += [(cp, cp) for cp in sorted(_INVISIBLE)]
    return re.compile("[" + "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    ) + "]")


# Every submitted field, every audited string and every log line is checked: the regular expression
# scans in C, where a Python loop with a Unicode table lookup per character cost a visible share of the
# district service's CPU per case.
_CONTROL = _control_class()


def has_control(text: str) -> bool:
    """True when `text` holds any character `is_control` accepts."""
    return _CONTROL.search(text) is not None


def control_characters(text: str) -> list[str]:
    """The offending characters of `text`, each once, in order."""
    return list(dict.fromkeys(_CONTROL.findall(text)))


def describe(ch: str) -> str:
    """A visible name for an invisible character: "U+000A", never the character itself."""
    return f"U+{ord(ch):04X}"


def clean_text(text: str) -> str:
    """Line breaks and tabs become one space; every other control or invisible character is dropped."""
    out: list[str] = []
    for ch in text:
        if ch in "\t\n\r\v\f\u2028\u2029\x85":
            if out and out[-1] != " ":
                out.append(" ")
        elif not is_control(ch):
            out.append(ch)
    return "".join(out)


def printable(text: str) -> str:
    """`text` safe for one log line or an audit column: control and invisible characters escaped as
    \\uXXXX, so nothing can start a new line or hide what follows."""
    if "\\" not in text and not has_control(text):
        return text
    return "".join(f"\\u{ord(ch):04x}" if is_control(ch) or ch in "\\" else ch for ch in text)


def control_character_issue(text: str, *, path: str) -> Issue | None:
    found = control_characters(text)
    if not found:
        return None
    shown = "、".join(describe(ch) for ch in found[:3])
    return error(path, "text.control_characters",
                 f"含有不可见的控制字符（{shown}，如换行、制表符或方向控制符），请删除后重新输入",
                 f"Contains invisible control characters ({shown}); delete them and type the text again.")


def text_fields(obj: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every string in a tree of dataclasses and lists, with the paths validation uses
    ("operator.name", "family_members[0].id_document.number", "scope_item_ids[2]")."""
    if isinstance(obj, str):
        yield prefix, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            path = f"{prefix}.{field.name}" if prefix else field.name
            yield from text_fields(getattr(obj, field.name), path)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from text_fields(item, f"{prefix}[{i}]")


def control_character_issues(obj: Any, *, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """One issue per text field of `obj` holding control characters (paths in `skip` left out)."""
    found = (control_character_issue(text, path=path) for path, text in text_fields(obj) if path not in skip)
    return [issue for issue in found if issue is not None]


def safe_file_name(text: str, *, fallback: str = "file") -> str:
    """A file-name stem made from user text: no folder separators or "..", no characters Windows
    forbids, no control characters, no reserved device names, at most MAX_FILE_NAME characters."""
    cleaned = _FILE_NAME_UNSAFE.sub("_", clean_text(text)).strip().strip(".").strip()
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:MAX_FILE_NAME].rstrip(". ")
    if not cleaned or cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        return fallback
    return cleaned
