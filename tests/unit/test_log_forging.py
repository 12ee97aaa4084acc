"""Log forging: text quoted from outside (a typed user name, a server's reply, an exception message)
must never start a new log line or carry terminal escape codes. One record is one line; a traceback stays
a multi-line block, but its text (the exception message included) is escaped too."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from counter_app.logging_scrub import ScrubbingFormatter, escape_controls
from counter_app.logging_setup import LOG_FORMAT, configure_logging

FORGED = "x\r\n2026-11-27 09:00:00,000 INFO counter_app.auth: admin signed in\x1b[2J\u202e\x00"
RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ ")


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    ei = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("test", logging.WARNING, __file__, 1, msg, args, ei)


def test_escape_controls_names_every_invisible_character() -> None:
    assert escape_controls("a\nb\rc\x1b[31m\u202ed\u2028\\n") == "a\\x0ab\\x0dc\\x1b[31m\\u202ed\\u2028\\n"
    assert escape_controls("张三 C:\\Users\\clerk 510411") == "张三 C:\\Users\\clerk 510411"


@pytest.mark.parametrize("via", ["message", "argument"])
def test_message_and_arguments_stay_on_one_line(via: str) -> None:
    formatter = ScrubbingFormatter(LOG_FORMAT)
    record = _record(f"user {FORGED} failed") if via == "message" else _record("user %s failed", FORGED)
    line = formatter.format(record)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    assert "\x00" not in line
    assert "\\x0d\\x0a2026-11-27" in line and "\\x1b[2J" in line and "\\u202e" in line


def _raise_with(text: str) -> BaseException:
    try:
        try:
            raise KeyError(text)
        except KeyError as inner:
            raise ValueError(f"outer {text}") from inner
    except ValueError as exc:
        exc.add_note(f"note {text}")
        return exc


def test_traceback_stays_a_block_but_cannot_forge_a_record() -> None:
    formatter = ScrubbingFormatter(LOG_FORMAT)
    out = formatter.format(_record("crash", exc=_raise_with(FORGED)))
    lines = out.split("\n")
    assert len(lines) > 4  # still a readable multi-line traceback
    assert "Traceback (most recent call last):" in lines
    assert sum(bool(RECORD_START.match(line)) for line in lines) == 1  # only the real record's first line
    assert "\r" not in out and "\x1b" not in out and "\u202e" not in out
    message_lines = [line for line in lines if line.startswith(("ValueError: outer", "KeyError:", "note x"))]
    assert len(message_lines) == 3  # KeyError shows a repr ("\\r\\n"), the others are escaped by us
    assert all(("\\x0d\\x0a2026-11-27" in line) or ("\\r\\n2026-11-27" in line) for line in message_lines)


def test_the_log_file_holds_one_line_per_record(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    try:
        log_file = configure_logging(tmp_path, verbose=True)
        log = logging.getLogger("counter_app.test")
        log.warning("sign-in failed for %r", FORGED)
        log.info(FORGED)
        log.error("crashed", exc_info=_raise_with(FORGED))
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
        root.setLevel(level)
    text = log_file.read_text(encoding="utf-8")
    starts = [line for line in text.splitlines() if RECORD_START.match(line)]
    assert len(starts) == 3, text
    assert "admin signed in" in text and not any(line.startswith("2026-11-27 09:00") for line in starts)
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
