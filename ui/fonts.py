"""The bundled CJK font, registered at start-up so Chinese renders on a machine without CJK fonts.

WenQuanYi Micro Hei (Apache-2.0, resources/fonts) is added to the application font as a fallback family:
Latin text keeps the platform's interface font, and any character that font lacks — all of Chinese on a
bare Linux box — is drawn with the bundled font instead of an empty box.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ui.resources import resource_path

log = logging.getLogger(__name__)

BUNDLED_FONT_FILE = "wqy-microhei.ttc"
BUNDLED_FAMILY = "WenQuanYi Micro Hei"


def register_bundled_fonts() -> list[str]:
    """Register the bundled font once per process; return the families it provides ([] if missing)."""
    if BUNDLED_FAMILY in QFontDatabase.families():
        return [BUNDLED_FAMILY]
    path = resource_path("fonts", BUNDLED_FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("bundled CJK font could not be loaded from %s; Chinese may not render", path)
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))


def apply_application_font(app: QGuiApplication, point_size: int = 10) -> QFont:
    """Make the bundled family the fallback of the application font, at a size a clerk reads easily."""
    families = register_bundled_fonts()
    font = QFont(app.font())
    base = [f for f in font.families() if f != BUNDLED_FAMILY] or [font.family()]
    font.setFamilies(base + ([BUNDLED_FAMILY] if BUNDLED_FAMILY in families else []))
    font.setPointSize(max(point_size, font.pointSize()))
    app.setFont(font)
    return font
