"""Start-up of the desktop client: Qt application, bundled font, translations, data folder, sign-in,
main window.

Any failure to open the data folder (no OS keyring in production mode, a damaged key, a database that
cannot be migrated) is shown to the clerk as a Chinese message box and a non-zero exit code, never a
traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from counter_app.config import SETTINGS_FILE, Settings
from counter_app.context import AppContext
from counter_app.errors import UserFacingError
from counter_app.firstrun.setup import needs_first_run
from ui.fonts import apply_application_font
from ui.i18n import install_translators, pick, remove_translators
from ui.resources import resource_path
from ui.signin.session import CounterSession

log = logging.getLogger(__name__)

EXIT_OPEN_FAILED = 2
EXIT_SETUP_CANCELLED = 3  # the first-run wizard was closed: nothing saved, it comes again next time


def load_style_sheet() -> str:
    path = resource_path("styles", "app.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet not found at %s", path)
        return ""


def prepare_application(app: QApplication) -> None:
    """What every window of this process needs: one style, the CJK font, the style sheet, the icon."""
    app.setApplicationName("counter-app")
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)  # the same look on every counter PC, whatever Windows theme it has
    apply_application_font(app)
    app.setStyleSheet(load_style_sheet())
    icon = resource_path("icons", "app.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def settings_language(data_dir: Path) -> str:
    """The saved interface language, read before anything else so even start-up errors are translated."""
    try:
        return Settings.load(data_dir / SETTINGS_FILE).language
    except (OSError, ValueError, TypeError):
        return Settings().language


def show_fatal(title_zh: str, title_en: str, message_zh: str, message_en: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, pick(title_zh, title_en), pick(message_zh, message_en))
    box.exec()


def _install_excepthook() -> Callable[..., object]:
    """An unexpected error in a slot is logged and shown, not printed as a traceback the clerk sees.
    Returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled %s", kind.__name__, exc_info=(kind, exc, tb))
        if QApplication.instance() is not None:
            show_fatal("程序错误", "Program error",
                       f"发生意外错误（{kind.__name__}），已记录日志。当前案件已自动保存的内容不会丢失。",
                       f"An unexpected error occurred ({kind.__name__}) and was logged. What was saved "
                       "automatically is kept.")

    sys.excepthook = hook
    return previous


def run_gui(data_dir: Path, *, language: str | None = None) -> int:
    """Run the counter client on `data_dir` until its window closes; returns the process exit code."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scaling (125 %, 150 % on counter laptops) without rounding the UI to 200 %.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv)
    prepare_application(app)
    translators = install_translators(app, language or settings_language(data_dir))
    try:
        return _run(app, data_dir)
    finally:
        remove_translators(app, translators)


def _open_context(data_dir: Path) -> AppContext | None:
    """Open the data folder, or tell the clerk in Chinese why it cannot be opened and return None."""
    try:
        return AppContext.open(data_dir)
    except UserFacingError as exc:
        log.error("data folder could not be opened: %s", type(exc).__name__)
        message_zh, message_en = exc.message_zh, exc.message_en
    except Exception as exc:  # every other way of failing to open ends in a message, not a traceback
        log.exception("data folder could not be opened")
        message_zh = f"无法打开数据目录 {data_dir}（{type(exc).__name__}），详情见日志。"
        message_en = f"The data folder {data_dir} could not be opened ({type(exc).__name__}); see the log."
    show_fatal("无法启动", "Cannot start", message_zh, message_en)
    return None


def _run(app: QApplication, data_dir: Path) -> int:
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Sole proprietor registration"))
    if needs_first_run(data_dir):  # no settings yet: the wizard sets the counter up before anything opens
        from ui.firstrun.wizard import run_first_run

        if not run_first_run(data_dir):
            return EXIT_SETUP_CANCELLED
    context = _open_context(data_dir)
    if context is None:
        return EXIT_OPEN_FAILED
    previous_hook = _install_excepthook()
    # Sign-in first: the clerk's main window (or the reviewer's workspace) opens only after it.
    session = CounterSession(context)
    try:
        session.start()
        code = app.exec()
    finally:
        session.close()
        session.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        context.close()
        sys.excepthook = previous_hook
    return int(code)
