from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.hanzi import fullwidth_to_ascii, graphemes, is_han, is_latin_letter


def test_han_ranges() -> None:
    for ch in "张三𠮷䶮〇龘\U0002B73F\U00031350":
        assert is_han(ch), hex(ord(ch))
    for ch in "aZ1·，。 ア한":
        assert not is_han(ch), ch
    assert not is_han("") and not is_han("张三")


def test_latin() -> None:
    assert all(is_latin_letter(ch) for ch in "aZāü")
    assert not any(is_latin_letter(ch) for ch in "张1 ·")


def test_fullwidth() -> None:
    assert fullwidth_to_ascii("１２３ＡＢＣａｂｃ（）　") == "123ABCabc() "
    assert fullwidth_to_ascii("张三") == "张三"


def test_graphemes_keep_selectors_and_marks() -> None:
    assert graphemes("葛\U000E0100三") == ["葛\U000E0100", "三"]
    assert graphemes("e\u0301a") == ["e\u0301", "a"]
    assert graphemes("𠮷") == ["𠮷"]


@given(st.text())
def test_graphemes_lose_nothing(text: str) -> None:
    assert "".join(graphemes(text)) == text
    assert fullwidth_to_ascii(fullwidth_to_ascii(text)) == fullwidth_to_ascii(text)
