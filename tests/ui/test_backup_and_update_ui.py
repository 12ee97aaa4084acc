"""The Settings menu's backup in a background task with progress (and cancel), on the embedded demo; the
update bar against a real district service: a newer version (blue, can be hidden), below the minimum
(red, a warning to acknowledge once)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from counter_app.backup.create import BackupSummary
from counter_app.backup.service import escrow_for, restore_folder
from counter_app.cli import main
from counter_app.config import Mode
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.sync.release_protocol import ClientRelease
from counter_app.updates import UpdateState, evaluate
from tests.integration.sync.helpers import add_materials, jpeg, open_counter, start_district
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner
from ui.updates.notice import UpdateNotice

SHOTS = os.environ.get("COUNTER_APP_SHOTS")
URL = "https://district.example.cn/downloads/counter-app-setup.exe"


def backup_action(window: MainWindow) -> object:
    for action in window.findChildren(type(window.camera_settings_action)):
        if action.text() == "立即备份…":
            return action
    raise AssertionError("no backup action in the menu")


def test_backup_from_the_menu_runs_in_the_background_and_restores(
        threaded_window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window = threaded_window
    context = window.context
    record = context.cases.new_case(load_sample_application())
    rng = np.random.default_rng(3)
    add_materials(context.database, context.blobs, record.case_id, [jpeg(rng, 800, 600), jpeg(rng, 640, 480)])
    task = window.backup_task
    out = tmp_path / "usb" / "backup.cbak"
    task._ask_path = lambda _parent, _suggested: str(out)
    task._confirm = False

    with qtbot.waitSignal(task.failed, timeout=60_000) as cancelled:
        backup_action(window).trigger()  # type: ignore[attr-defined]
        assert task.dialog is not None and task.dialog.isVisible()  # progress while the worker runs
        task.dialog.findChild(QPushButton).click()  # 取消
    assert cancelled.args == ["备份已取消，未写入任何文件。"] and not out.exists()
    assert not list(out.parent.glob(".*partial"))

    with qtbot.waitSignal(task.finished, timeout=60_000) as finished:
        backup_action(window).trigger()  # type: ignore[attr-defined]
    summary: BackupSummary = finished.args[0]
    assert out.is_file() and summary.cases == 1 and summary.images == 4
    assert "1 个案件" in task.message(summary) and task.dialog is None
    assert [e.action for e in context.audit.events()].count("backup.created") == 1

    assert context.sync is not None
    new_dir = tmp_path / "restored"
    restore_folder(out, new_dir, escrow=escrow_for(context.sync, context.settings))
    restored = AppContext.open(new_dir, sync=False)
    try:
        assert [s.case_id for s in restored.cases.list_cases()] == [record.case_id]
        assert restored.cases.open_case(record.case_id).application.to_dict() == \
            context.cases.open_case(record.case_id).application.to_dict()
    finally:
        restored.close()


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


def publish(tmp_path: Path, current: str, minimum: str) -> None:
    assert main(["district", "set-client-version", "--district-dir", str(tmp_path / "district"),
                 "--current", current, "--minimum", minimum, "--download-url", URL]) == 0


def test_update_bar_against_the_district(qtbot: QtBot, tmp_path: Path, language: str,
                                         district: EmbeddedDistrict) -> None:
    counter = open_counter(tmp_path / "pc", district.base_url, mode=Mode.PRODUCTION)
    warnings: list[str] = []
    try:
        counter.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
        counter.sync.sign_in("demo-clerk", DEMO_PASSWORD)
        notice = UpdateNotice(counter.sync, counter.context.settings, SyncTaskRunner(),
                              warn=lambda _parent, title, text: warnings.append(f"{title}|{text}"))
        qtbot.addWidget(notice)
        notice.show()
        notice.check_now()
        assert notice.last is not None and notice.last.state is UpdateState.UNKNOWN and notice.isHidden()

        publish(tmp_path, "99.1", "0.0.1")
        notice.check_now()
        assert notice.isVisible() and "有新版本 99.1 可用" in notice.text.text()
        assert f'<a href="{URL}">' in notice.text.text() and notice.hide_button.isVisible()
        assert warnings == []

        publish(tmp_path, "99.1", "99.0")
        notice.check_now()
        notice.check_now()
        assert notice.last.state is UpdateState.REQUIRED and notice.isVisible()
        assert not notice.hide_button.isVisible()  # a refused program cannot hide the bar
        assert len(warnings) == 1 and warnings[0].startswith("需要更新程序|")
        assert "最低版本 99.0" in warnings[0]
    finally:
        counter.close()


def test_update_bar_in_the_window(window: MainWindow, language: str) -> None:
    """Where the bar sits in the main window (and the screenshots of both states)."""
    seen: list[str] = []
    window.update_notice._warn = lambda _parent, _title, text: seen.append(text)
    release = ClientRelease(current_version="1.3.0", minimum_version="0.0.1", download_url=URL,
                            notes="打印回执时自动选择纸张")
    window.update_notice.show_check(evaluate(release, "1.2.0"))
    assert window.update_notice.isVisible() and "打印回执时自动选择纸张" in window.update_notice.text.text()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "update-available.png"))
    required = release.model_copy(update={"minimum_version": "1.3.0"})
    window.update_notice.show_check(evaluate(required, "1.2.0"))
    assert len(seen) == 1
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "update-required.png"))
