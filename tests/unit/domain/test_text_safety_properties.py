"""Control characters, invisible direction overrides and path-like text (counter_app.domain.text_safety):
what cleaning leaves, what a log line or audit column receives, what a file name made from user text can
be — for any Unicode input."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.text_safety import (
    MAX_FILE_NAME,
    clean_text,
    control_character_issue,
    control_characters,
    has_control,
    is_control,
    printable,
    safe_file_name,
)

NASTY = st.sampled_from(["\x00", "\n", "\r", "\t", "\x1b[2J", "\u202e", "\u2066", "\u200b", "\ufeff", "\x85",
                         "\u2028", "../", "..\\", "/", "\\", "C:", "CON", "nul.txt", "*?<>|\"", ".", " ",
                         "𠮷", "䶮\U000e0100", "张三", "é"])
TEXT = st.one_of(st.text(max_size=60),
                 st.lists(st.one_of(NASTY, st.text(max_size=3)), max_size=15).map("".join))
PROPS = settings(max_examples=400, deadline=None)


@PROPS
@given(TEXT)
def test_clean_text_leaves_no_control_character_and_keeps_the_rest(text: str) -> None:
    cleaned = clean_text(text)
    assert not control_characters(cleaned)
    assert "\n" not in cleaned and "\t" not in cleaned
    kept = [ch for ch in text if not is_control(ch) and ch not in "\t\n\r\v\f"]
    assert [ch for ch in cleaned if ch != " "] == [ch for ch in kept if ch != " "]
    assert clean_text(cleaned) == cleaned  # idempotent


@PROPS
@given(TEXT)
def test_printable_text_is_one_visible_line(text: str) -> None:
    line = printable(text)
    assert not control_characters(line) and "\n" not in line and "\r" not in line
    if not control_characters(text) and "\\" not in text:
        assert line == text  # ordinary text is untouched (Chinese included)


@PROPS
@given(TEXT)
def test_file_names_from_user_text_stay_in_their_folder(text: str) -> None:
    name = safe_file_name(text)
    assert name and len(name) <= MAX_FILE_NAME
    assert not any(ch in name for ch in '/\\:*?"<>|') and ".." not in name
    assert not control_characters(name) and name == name.strip() and not name.endswith(".")
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


@PROPS
@given(TEXT)
def test_the_finding_names_invisible_characters_by_code_point(text: str) -> None:
    issue = control_character_issue(text, path="premises.detail")
    if not control_characters(text):
        assert issue is None
        return
    assert issue is not None and issue.path == "premises.detail" and issue.code == "text.control_characters"
    assert "U+" in issue.message_zh and not control_characters(issue.message_zh + issue.message_en)


def test_real_names_and_addresses_are_not_flagged() -> None:
    for text in ("阿依古丽·买买提", "𠮷野家", "䶮\U000e0100", "攀枝花市仁和区仁和镇12号附1号", "Chan Tai Man",
                 "3/F, 12 Queen's Road", "café", "\ue000私用区字"):
        assert control_characters(text) == [], text


def test_every_c0_and_c1_control_and_the_bidi_overrides_are_flagged() -> None:
    for cp in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x202E, 0x2066, 0x200B, 0xFEFF, 0x2028]:
        assert is_control(chr(cp)), hex(cp)
    assert all(unicodedata.category(chr(cp)) != "Cc" for cp in range(0x4E00, 0x4E10))


def test_the_fast_scan_matches_is_control_on_every_code_point() -> None:
    # control_characters/has_control scan with one regular expression; is_control is the definition.
    # Checked over all of Unicode, not a sample: one code point missed would let it through every check.
    everything = "".join(chr(cp) for cp in range(0x110000))
    expected = [ch for ch in everything if is_control(ch)]
    assert control_characters(everything) == expected
    assert len(expected) > 100  # C0, DEL, C1, surrogates, separators and the invisible format characters
    for ch in expected:
        assert has_control(f"a{ch}b")
    assert not has_control("".join(ch for ch in everything[:0x3000] if not is_control(ch)))
