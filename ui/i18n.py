"""Interface language: Qt Linguist translations for the client's own strings, core messages by pick().

Source strings are English (``self.tr("Name")``); Chinese is the default language and comes from
``resources/translations/counter_app_zh_CN.qm``. Messages that the core produces (validation issues,
service errors, choice labels) already carry both languages and are chosen with `pick`.
The language is fixed for the life of the process: a change in the settings applies on restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.errors import UserFacingError
from ui.resources import resource_path

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
SUPPORTED = (CHINESE, ENGLISH)
TRANSLATION_BASENAME = "counter_app"

_current = CHINESE


def normalise_language(language: str | None) -> str:
    if language and language.lower().startswith("en"):
        return ENGLISH
    return CHINESE


def current_language() -> str:
    return _current


def is_english() -> bool:
    return _current == ENGLISH


def pick(zh: str, en: str) -> str:
    """The text for the interface language, from a (Chinese, English) pair produced by the core."""
    return en if _current == ENGLISH else zh


def pick_pair(pair: tuple[str, str]) -> str:
    return pick(pair[0], pair[1])


def error_text(exc: BaseException) -> str:
    """A clerk-readable message for a failure: the core's own message when it has one (every error the
    core means a person to read is a UserFacingError); anything else names only its type."""
    if isinstance(exc, UserFacingError):
        return pick(exc.message_zh, exc.message_en)
    return QCoreApplication.translate(
        "CaseEditor", "Unexpected error ({error}); your input is kept in the form").format(
        error=type(exc).__name__)


def translation_file(language: str = CHINESE) -> str:
    return str(resource_path("translations", f"{TRANSLATION_BASENAME}_{language}.qm"))


def install_translators(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Set the process language and install the translators it needs. Keep the returned objects alive
    for as long as the application runs (Qt does not own them)."""
    global _current
    _current = normalise_language(language)
    installed: list[QTranslator] = []
    if _current == ENGLISH:
        QLocale.setDefault(QLocale("en_US"))
        return installed
    QLocale.setDefault(QLocale("zh_CN"))
    own = QTranslator(app)
    if own.load(translation_file(CHINESE)):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("Chinese translation not found at %s; the interface falls back to English",
                    translation_file(CHINESE))
    # Qt's own strings (standard dialog buttons, context menus of line edits).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    global _current
    for translator in translators:
        app.removeTranslator(translator)
    _current = CHINESE
