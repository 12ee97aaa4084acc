"""The log scrubber: ID and mobile numbers (also with separators) and pydantic's quoted inputs are
masked in every formatted record, tracebacks included; hashes, UUIDs, case numbers and times are not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from counter_app.logging_scrub import scrub
from counter_app.logging_setup import configure_logging


@pytest.mark.parametrize(("text", "expected"), [
    ("id 510411198503121232.", "id 510411********1232."),
    ("id 51041119850312123X", "id 510411********123X"),
    ("id 510411 19850312 1232", "id 510411********1232"),
    ("old 110105491231002", "old 110105*****002"),
    ("tel 13800138000", "tel 138****8000"),
    ("tel 138-0013-8000 or 138 0013 8000", "tel 138****8000 or 138****8000"),
])
def test_numbers_are_masked(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize("text", [
    "sha256 0f8b1c2e13800138000aaaa510411198503121232ff", "uuid 0f8b1c2e-1234-4a5b-9c3d-138001380001",
    "case 510411001-01-20261127-0001", "2026-11-27 14:50:12,123", "cursor 1700000000000 bytes 123456789",
])
def test_ids_hashes_and_times_are_left_alone(text: str) -> None:
    assert scrub(text) == text


SECRETS = ("张" + "三", "510411" + "198503121232", "138" + "00138000")


class _Person(BaseModel):
    age: int


def test_a_logged_exception_never_shows_what_it_quoted(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    try:
        log_file = configure_logging(tmp_path, verbose=True)
        quoted = " ".join(SECRETS)  # built at run time: the traceback's source line must not hold it
        try:
            _Person.model_validate({"age": quoted})
        except ValidationError:
            logging.getLogger("test").exception("validation failed")
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
    assert "validation failed" in text and "ValidationError" in text
    assert "<removed>" in text
    for secret in SECRETS:
        assert secret not in text
