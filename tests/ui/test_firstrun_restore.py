"""A replaced PC: the wizard's "restore from a backup" path against a real district service. The old PC
backed up (cases in its outbox) and is gone with its keyring; the new PC is registered, a clerk of the
township signs in, the backup is restored, and after Finish the folder opens with the cases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from counter_app.backup.service import backup_folder, escrow_for
from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.context import AppContext
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from tests.integration.backup.conftest import build_old_counter
from tests.integration.sync.helpers import start_district
from tests.support.memory_keyring import MemoryKeyring
from ui.firstrun.district_pages import PAGE_CAMERA, PAGE_RESTORE
from ui.firstrun.wizard import FirstRunWizard
from ui.tasks import TaskRunner

SHOTS = os.environ.get("COUNTER_APP_SHOTS")


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


@pytest.fixture
def backup_file(district: EmbeddedDistrict, tmp_path: Path) -> Path:
    old = build_old_counter(district.base_url, tmp_path / "old-pc")
    out = tmp_path / "usb" / "renhe.cbak"
    try:
        context = old.counter.context
        escrow = escrow_for(old.counter.sync, context.settings)
        backup_folder(context.data_dir, context.settings, out, escrow=escrow)
    finally:
        old.counter.close()
    keyring.set_keyring(MemoryKeyring())  # the new PC's keyring knows nothing of the old one
    return out


def test_restore_path_of_the_wizard(qtbot: QtBot, tmp_path: Path, language: str, district: EmbeddedDistrict,
                                    backup_file: Path) -> None:
    data_dir = tmp_path / "new-pc"
    runner = TaskRunner()  # the real thread pool: the restore runs off the GUI thread
    wizard = FirstRunWizard(data_dir, runner, lister=lambda: [], printers=[])
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        wizard.mode_page.restore.click()
        wizard.next()
        wizard.district_page.url.setText(district.base_url)
        wizard.district_page.check_button.click()
        qtbot.waitUntil(wizard.district_page.isComplete, timeout=10_000)
        assert "未加密的本机连接" in wizard.district_page.result.text()  # http only to this computer
        wizard.next()
        register = wizard.register_page
        register.township_code.setText(DEMO_TOWNSHIP_A)
        register.township_name.setText("仁和镇")
        register.code.setText(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
        register.register_button.click()
        qtbot.waitUntil(register.isComplete, timeout=10_000)
        wizard.next()
        assert wizard.currentId() == PAGE_RESTORE
        page = wizard.restore_page
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()
        page.file.setText(str(backup_file))
        page.username.setText("demo-clerk")
        page.password.setText("wrong-password")
        page.restore_button.click()
        qtbot.waitUntil(lambda: page.result.state == "error", timeout=10_000)
        assert "用户名或密码错误" in page.result.text() and not (data_dir / "counter.sqlite3").exists()
        page.password.setText(DEMO_PASSWORD)
        page.restore_button.click()
        qtbot.waitUntil(lambda: page.result.state != "busy", timeout=30_000)
        assert page.result.state == "ok", page.result.text()
        assert "3 个案件" in page.result.text() and page.password.text() == ""
        assert next_button.isEnabled()
        if SHOTS:
            wizard.resize(1366, 768)
            wizard.grab().save(str(Path(SHOTS) / "firstrun-3b-restore.png"))
        wizard.next()
        assert wizard.currentId() == PAGE_CAMERA
        wizard.next()
        wizard.next()
        assert "已从备份恢复" in wizard.finish_page.summary.text()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.result() == QWizard.DialogCode.Accepted, (wizard.currentId(), wizard.choices)
    finally:
        runner.shutdown()
        runner.deleteLater()

    settings = Settings.load(data_dir / SETTINGS_FILE)
    assert settings.mode is Mode.PRODUCTION and settings.district_url == district.base_url
    assert settings.extra["printer"] == ""
    context = AppContext.open(data_dir, sync=False)
    try:
        assert len(context.cases.list_cases()) == 3
    finally:
        context.close()
