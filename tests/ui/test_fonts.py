"""Chinese renders with the bundled WenQuanYi Micro Hei, also on a machine without any CJK font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.filling import click
from ui.fonts import BUNDLED_FAMILY, register_bundled_fonts
from ui.main_window import MainWindow


def render(font: QFont, text: str) -> bytes:
    image = QImage(48, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(4, 36, text)
    painter.end()
    return bytes(image.constBits())


def test_bundled_family_is_registered_and_in_the_application_font() -> None:
    assert BUNDLED_FAMILY in register_bundled_fonts()
    assert BUNDLED_FAMILY in QFontDatabase.families()
    assert BUNDLED_FAMILY in QApplication.font().families()


def test_chinese_characters_render_as_distinct_glyphs_not_boxes() -> None:
    """Missing glyphs all draw the same box; real glyphs differ from each other and from blank."""
    font = QApplication.font()
    blank = render(font, "")
    drawn = [render(font, ch) for ch in "经营者张三"]
    assert all(image != blank for image in drawn)
    assert len(set(drawn)) == len(drawn)


def test_intake_form_screenshot_shows_chinese(qtbot: QtBot, window: MainWindow, tmp_path: object) -> None:
    click(qtbot, window.case_list.new_button)
    group = window.editor.form.operator
    assert group.title() == "1 经营者"
    assert BUNDLED_FAMILY in group.font().families()
    image = window.grab().toImage()
    assert image.width() >= 1366 and image.height() >= 700
    # The group title area holds dark text pixels (rendered glyphs), not an empty band.
    title = group.mapTo(window, group.rect().topLeft())
    dark = sum(1 for x in range(title.x(), title.x() + 120) for y in range(title.y(), title.y() + 20)
               if QColor(image.pixel(x, y)).lightness() < 100)
    assert dark > 30
