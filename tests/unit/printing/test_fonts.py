"""Fonts: the bundled CJK font draws ordinary Chinese, rare characters fall back per character to a font
that has them (bundled or found among the system's fonts), and a character nobody draws is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counter_app.printing.fonts import (
    BUNDLED_FALLBACK_FILES,
    PRIMARY_FONT_FILE,
    FontSet,
    FontUnavailable,
    MissingGlyph,
    default_fonts,
)
from counter_app.printing.sfnt import FontFileError, read_faces
from counter_app.resource_paths import resource_path

FONTS = resource_path("fonts")
PRIMARY = FONTS / PRIMARY_FONT_FILE
BUNDLED_FALLBACK = FONTS / BUNDLED_FALLBACK_FILES[0]
NO_FONT_CHAR = "\U00030000"  # CJK Extension G: in neither bundled font


def bundled_only() -> FontSet:
    return FontSet(PRIMARY, [BUNDLED_FALLBACK], system_dirs=[])


def test_ordinary_text_is_one_run_in_the_primary_font() -> None:
    fonts = bundled_only()
    runs = fonts.runs("张三 ABC-123，仁和镇（个体）")
    assert [r.font for r in runs] == [fonts.primary_name]
    assert runs[0].text == "张三 ABC-123，仁和镇（个体）"


@pytest.mark.parametrize("char", ["𠮷", "䶮"])
def test_rare_characters_use_the_bundled_fallback(char: str) -> None:
    fonts = bundled_only()
    runs = fonts.runs(f"张{char}三")
    assert [r.text for r in runs] == ["张", char, "三"]
    assert runs[1].font != fonts.primary_name
    assert "hanamina" in runs[1].font


def test_a_character_no_font_has_is_refused_by_name() -> None:
    with pytest.raises(MissingGlyph) as caught:
        bundled_only().require(f"王{NO_FONT_CHAR}")
    assert caught.value.char == NO_FONT_CHAR
    assert f"“{NO_FONT_CHAR}”" in caught.value.message_zh
    assert "U+30000" in caught.value.message_zh and "无法打印" in caught.value.message_zh
    assert "U+30000" in caught.value.message_en


def test_system_fonts_are_searched_when_the_bundled_ones_lack_a_glyph(tmp_path: Path) -> None:
    system = tmp_path / "fonts" / "truetype" / "han"
    system.mkdir(parents=True)
    (tmp_path / "fonts" / "README.txt").write_text("not a font", encoding="utf-8")
    (system / "broken.ttf").write_bytes(b"\x00\x01\x00\x00garbage")  # a damaged file is skipped
    shutil.copy(BUNDLED_FALLBACK, system / "SomeHan.ttf")
    fonts = FontSet(PRIMARY, fallbacks=[], system_dirs=[tmp_path / "fonts"])
    runs = fonts.runs("𠮷")
    assert runs[0].font != fonts.primary_name
    with pytest.raises(MissingGlyph):
        fonts.require(NO_FONT_CHAR)


def test_variation_selectors_and_joiners_are_not_drawn() -> None:
    fonts = bundled_only()
    runs = fonts.runs("葛\U000E0100\u200d三")
    assert "".join(r.text for r in runs) == "葛三"


def test_a_missing_primary_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontUnavailable) as caught:
        FontSet(tmp_path / "nope.ttc")
    assert "内置中文字体" in caught.value.message_zh


def test_the_default_font_set_is_made_once_per_process() -> None:
    assert default_fonts() is default_fonts()
    assert FontSet(PRIMARY).primary_name == default_fonts().primary_name  # registered once, reused


def test_character_maps_are_read_without_loading_the_whole_font() -> None:
    faces = read_faces(PRIMARY)
    assert len(faces) == 2  # Micro Hei and Micro Hei Mono
    assert all(f.truetype_outlines for f in faces)
    assert faces[0].charmap.covers(ord("张")) and not faces[0].charmap.covers(0x20BB7)
    (fallback,) = read_faces(BUNDLED_FALLBACK)
    assert fallback.charmap.covers(0x20BB7) and fallback.charmap.covers(0x4DAE)
    assert not fallback.charmap.covers(0x30000)


def test_a_file_that_is_not_a_font_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.ttf"
    path.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(FontFileError):
        read_faces(path)
