"""Last line of defence for the logs: personal data is never passed to a logger on purpose, but an
exception's text can quote what it choked on (a pydantic error shows the input, a library may echo a
number), and tracebacks end up in the log and in crash reports. Every formatted record is scrubbed:
resident ID numbers and mobile numbers standing on their own are masked, and pydantic's quoted inputs
are dropped. Names cannot be recognised by pattern; they are kept out by the code and the log test
(tests/integration/test_logs_no_pii.py)."""

from __future__ import annotations

import logging
import re
import traceback

from counter_app.domain.text_safety import has_control, is_control

# 18-digit (or 15-digit) ID numbers and 11-digit mobiles, also written with spaces or dashes, not part
# of a longer run of letters or digits (hashes, UUIDs, timestamps stay intact).
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])(?![0-9A-Za-z])|"
                 r"(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])")
_PYDANTIC_INPUT = re.compile(r"input_value=(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
                             r"|\{[^}]*\}|\[[^\]]*\]|\S+)")


def scrub(text: str) -> str:
    text = _PYDANTIC_INPUT.sub("input_value=<removed>", text)
    text = _ID.sub(lambda m: f"{m.group(1) or m.group(4)}********{(m.group(3) or m.group(6))[-4:]}"
                   if m.group(1) else f"{m.group(4)}*****{m.group(6)}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def escape_controls(text: str) -> str:
    """Control and invisible characters (CR, LF, ESC of ANSI colour codes, U+202E…) as \\xNN / \\uXXXX,
    so text quoted from outside (a typed user name, a file name, a server's reply) can never start a
    forged log line or repaint the terminal. Backslashes stay as they are: Windows paths in tracebacks
    must remain readable, and a literal "\\n" typed by someone still never breaks the line."""
    if not has_control(text):  # nearly every line: one scan in C
        return text
    return "".join((f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") if is_control(ch) else ch
                   for ch in text)


def _escape_lines(text: str) -> str:
    # Tracebacks and stacks keep their own line structure (they are read as a block), but the text on
    # each line is escaped: an exception message quoting "\r\n2026-01-01 INFO …" stays inside its line.
    return "\n".join(escape_controls(line) for line in text.split("\n"))


def _escape_exception_texts(te: traceback.TracebackException) -> None:
    # An exception's message is the one part of a traceback that quotes outside text; its line breaks
    # are escaped too, so "boom\n2026-01-01 INFO forged" stays on the message's own line. `_str` is
    # where TracebackException keeps the message (3.11-3.13); without it only per-line escaping applies.
    seen: set[int] = set()
    todo = [te]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(getattr(current, "_str", None), str):
            current._str = escape_controls(current._str)  # type: ignore[attr-defined]
        notes = getattr(current, "__notes__", None)
        if isinstance(notes, list):
            current.__notes__ = [escape_controls(str(note)) for note in notes]
        todo.extend(t for t in (current.__cause__, current.__context__) if t is not None)
        todo.extend(getattr(current, "exceptions", None) or [])


class ScrubbingFormatter(logging.Formatter):
    """A Formatter whose output (message, exception and stack text included) passes through scrub(),
    and where one record is one line: control characters in the message and its arguments are escaped
    (tracebacks stay multi-line, their lines escaped too)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = escape_controls(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: logging._SysExcInfoType) -> str:
        if ei[1] is None:
            return _escape_lines(super().formatException(ei))
        te = traceback.TracebackException(type(ei[1]), ei[1], ei[2], compact=True)
        _escape_exception_texts(te)
        return _escape_lines("".join(te.format()).rstrip("\n"))

    def formatStack(self, stack_info: str) -> str:
        return _escape_lines(super().formatStack(stack_info))

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))
