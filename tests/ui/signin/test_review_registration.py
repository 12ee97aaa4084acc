"""A district review PC outside the demo: the first reviewer to sign in is asked for the administrator's
district device code (made like `counter-app district add-device-code --district`), the PC registers and
the sign-in goes on into the review workspace — against the real district service, production settings
(OS keyring, no demo self-registration)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.config import Mode
from counter_app.district.accounts import add_registration_code
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.firstrun.setup import register_counter
from counter_app.review.connection import REVIEW_DEVICE_ENTRY, REVIEW_SESSION_ENTRY
from counter_app.sync.credentials import KeyringTokenStore, keyring_service
from tests.integration.sync.helpers import write_settings
from tests.ui.signin.conftest import SHOTS, Counter, grab
from ui.signin.register_review import RegisterReviewDialog
from ui.signin.session import ACTIVE, SIGNED_OUT


def _codes(district: EmbeddedDistrict) -> tuple[str, str]:
    """A district device code and a township counter code, as the administrator's CLI makes them."""
    runtime = build_runtime(district.settings)
    try:
        with runtime.db.write() as session:
            return (add_registration_code(session, None, created_by="cli"),
                    add_registration_code(session, DEMO_TOWNSHIP_A, created_by="cli"))
    finally:
        runtime.close()


def _production_counter(qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict) -> Counter:
    write_settings(data_dir, district.base_url, mode=Mode.PRODUCTION)
    register_counter(data_dir, district.base_url, ca_file=None, township_code=DEMO_TOWNSHIP_A,
                     counter_name="1号窗口", registration_code=DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    return Counter(qtbot, data_dir)


def _press_sign_in(counter: Counter, username: str) -> RegisterReviewDialog:
    session = counter.session
    assert session is not None
    screen = session.screen
    counter.qtbot.keyClicks(screen.username, username)
    counter.qtbot.keyClicks(screen.password, DEMO_PASSWORD)
    counter.qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    counter.qtbot.waitUntil(lambda: screen.register_dialog is not None, timeout=30_000)
    dialog = screen.register_dialog
    assert dialog is not None and dialog.isVisible() and screen.busy
    assert session.state == SIGNED_OUT and session.window is None
    return dialog


def _register(counter: Counter, dialog: RegisterReviewDialog, code: str) -> None:
    dialog.code.clear()
    counter.qtbot.keyClicks(dialog.code, code)
    counter.qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    counter.qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


def test_a_reviewer_registers_this_pc_with_the_district_code_then_enters_the_workspace(
        qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict, language: str) -> None:
    from ui.review.window import ReviewWindow

    district_code, township_code = _codes(district)
    counter = _production_counter(qtbot, data_dir, district)
    store = KeyringTokenStore(keyring_service(data_dir))
    try:
        session = counter.start()
        dialog = _press_sign_in(counter, "demo-reviewer")
        assert dialog.windowTitle() == "登记本机为区级审核电脑"
        dialog.register_button.click()  # nothing typed
        assert "请输入区县管理员提供的注册码" in dialog.error.text()
        _register(counter, dialog, "WRONG-CODE-0000")
        assert "注册码无效、已使用或已过期" in dialog.error.text() and dialog.isVisible()
        grab(dialog, "signin_07_register_review_pc.png")
        dialog.adjustSize()
        dialog.grab().save(str(SHOTS / "signin_08_register_review_pc_small.png"))
        _register(counter, dialog, township_code)  # the counter's kind of code: said in reviewer's words
        assert "add-device-code --district" in dialog.error.text() and dialog.isVisible()
        assert store.get(REVIEW_DEVICE_ENTRY) is None
        _register(counter, dialog, district_code)
        qtbot.waitUntil(lambda: session.state == ACTIVE, timeout=30_000)
        window = session.window
        assert isinstance(window, ReviewWindow) and window.username == "demo-reviewer"
        assert session.screen.register_dialog is None and not session.screen.busy
        assert store.get(REVIEW_DEVICE_ENTRY) and store.get(REVIEW_SESSION_ENTRY)
        entries = [store.get(e) or "" for e in (REVIEW_DEVICE_ENTRY, REVIEW_SESSION_ENTRY)]
        assert all(DEMO_PASSWORD not in entry for entry in entries)  # the password was kept nowhere
        qtbot.wait(300)  # the workspace's first queue load
        window.sign_out_action.trigger()
        assert session.state == SIGNED_OUT

        # Registered once: the next sign-in (the code is spent) goes straight to the workspace.
        counter.sign_in("demo-reviewer")
        assert isinstance(session.window, ReviewWindow) and session.screen.register_dialog is None
    finally:
        counter.stop()


def test_cancelling_the_registration_stops_the_sign_in_with_a_chinese_reason(
        qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict, language: str) -> None:
    counter = _production_counter(qtbot, data_dir, district)
    try:
        session = counter.start()
        dialog = _press_sign_in(counter, "demo-reviewer")
        dialog.cancel_button.click()
        screen = session.screen
        assert not screen.busy and screen.register_dialog is None and session.state == SIGNED_OUT
        assert screen.error.text().startswith("未能登录：本机尚未登记为区级审核电脑")
        assert screen.password.text() == ""
    finally:
        counter.stop()


def test_the_wizard_sets_up_a_district_review_pc_where_reviewers_sign_in_without_a_counter_device(
        qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict, language: str) -> None:
    from PySide6.QtWidgets import QWizard

    from counter_app.config import SETTINGS_FILE, Settings
    from counter_app.sync.credentials import DEVICE_ENTRY
    from ui.firstrun.district_pages import PAGE_FINISH, REVIEW_PC
    from ui.firstrun.wizard import FirstRunWizard
    from ui.review.window import ReviewWindow
    from ui.tasks import SyncTaskRunner

    district_code, township_code = _codes(district)
    wizard = FirstRunWizard(data_dir, SyncTaskRunner(), lister=lambda: [], printers=[])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.mode_page.district.click()
    wizard.next()
    qtbot.keyClicks(wizard.district_page.url, district.base_url)  # http is allowed to loopback only
    wizard.district_page.check_button.click()
    assert wizard.district_page.isComplete(), wizard.district_page.result.text()
    wizard.next()
    register = wizard.register_page
    register.as_review.click()
    assert not register.township_code.isEnabled()  # a district PC has no township or counter number
    qtbot.keyClicks(register.code, township_code)
    register.register_button.click()
    assert register.result.state == "error" and "add-device-code --district" in register.result.text()
    register.code.setText(district_code)
    register.register_button.click()
    assert register.result.state == "ok", register.result.text()
    assert wizard.currentPage().title() == "登记本区级审核电脑"
    grab(wizard, "firstrun-3b-register-review-pc.png")
    for _page in ("register", "camera", "printer"):
        wizard.next()
    assert wizard.currentId() == PAGE_FINISH and "区级审核电脑" in wizard.finish_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settings = Settings.load(data_dir / SETTINGS_FILE)
    assert settings.mode is Mode.PRODUCTION and settings.extra[REVIEW_PC] is True
    store = KeyringTokenStore(keyring_service(data_dir))
    assert store.get(REVIEW_DEVICE_ENTRY) and store.get(DEVICE_ENTRY) is None  # no counter device

    counter = Counter(qtbot, data_dir)
    try:
        session = counter.start()
        counter.sign_in("demo-reviewer")  # straight in: no registration dialog on this PC
        assert isinstance(session.window, ReviewWindow) and session.screen.register_dialog is None
        qtbot.wait(300)
        session.window.sign_out_action.trigger()
        error = counter.sign_in("demo-clerk", expect_ok=False)  # not a counter: the district says so
        assert error == "窗口受理员只能在本乡镇注册的窗口电脑上登录" and session.state == SIGNED_OUT
    finally:
        counter.stop()
