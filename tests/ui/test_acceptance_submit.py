"""提交区级 from the case editor: an accepted case goes to the outbox (待上传), a failure is said in
Chinese and nothing changes, and with a real district service the case arrives (已提交) and the editor
shows its upload state."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from tests.integration.sync.helpers import start_district, write_settings
from tests.ui.conftest import Windows, flush_deletions
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner

SCREENS = Path("/work/notes/screens/acceptance")
QUICK = {"backoff_base": 0.05, "backoff_cap": 0.5, "poll_interval": 0.5, "io_timeout": 3.0,
         "progress_interval": 0.1}


def grab(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENS / name))


def accepted_with_deferrals(context: AppContext) -> str:
    """The sample case with the demo materials, accepted under 容缺 for the two items left out."""
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id)
    assert context.cases.pre_review(record.case_id).passed
    plan = context.acceptance.plan(record.case_id)
    deferrals = [DeferralRequest(m.key, DeliveryMethod.ONLINE, plan.deadlines.committed_due)
                 for m in plan.materials.missing_deferrable]
    assert len(deferrals) == 2
    context.acceptance.accept(record.case_id, deferrals=deferrals, commitment_signed=True)
    return record.case_id


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    main = MainWindow(context, SyncTaskRunner())
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    assert main.close()
    main.deleteLater()
    flush_deletions()


def test_submit_puts_the_accepted_case_in_the_outbox(qtbot: QtBot, context: AppContext,
                                                     window: MainWindow) -> None:
    case_id = accepted_with_deferrals(context)
    window.open_case(case_id)
    actions = window.editor.case_actions
    assert actions.submit_button.isEnabled() and not actions.accept_button.isEnabled()
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    stored = context.cases.open_case(case_id)
    assert stored.status is CaseStatus.QUEUED
    assert context.outbox.totals().waiting == 1
    assert "待上传" in window.editor.header.text()
    assert window.save_status.text().startswith(f"案件 {stored.case_number} 已提交区级：待上传")
    assert window.save_status.property("failed") == "no"
    assert not actions.submit_button.isEnabled() and not actions.accept_button.isEnabled()
    assert "case.submit" in [e.action for e in context.audit.events(case_id=case_id)]
    grab(window, "08_window_submitted_zh.png")
    # F12 on a queued case does nothing more: one outbox entry, same status.
    qtbot.keyClick(window, Qt.Key.Key_F12)
    qtbot.wait(300)  # longer than a shortcut's click animation
    assert context.outbox.totals().waiting == 1


def test_submit_failure_is_said_in_chinese_and_changes_nothing(qtbot: QtBot, context: AppContext,
                                                               window: MainWindow) -> None:
    case_id = accepted_with_deferrals(context)
    removed = 0
    for path in sorted((context.data_dir / "blobs").rglob("*")):
        if path.is_file() and removed < 2:  # two images lost on this PC (disk fault, cleaned folder)
            path.unlink()
            removed += 1
    assert removed == 2
    window.open_case(case_id)
    actions = window.editor.case_actions
    qtbot.keyClick(window, Qt.Key.Key_F12)  # the shortcut, not only the mouse
    qtbot.waitUntil(lambda: window.save_status.property("failed") == "yes")  # after the click animation
    text = window.save_status.text()
    # Two files hold at least two images (a sample photo used for several pages is stored once).
    found = re.match(r"未能提交：该案件有 (\d+) 张材料图片在本机找不到，不能提交。请重新采集后再提交$", text)
    assert found is not None and int(found.group(1)) >= 2, text
    assert window.save_status.property("failed") == "yes"
    assert context.cases.open_case(case_id).status is CaseStatus.ACCEPTED_WITH_DEFERRALS
    assert context.outbox.totals().waiting == 0
    assert actions.submit_button.isEnabled()  # after capturing again, the clerk can try again


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


def test_submitted_case_reaches_the_district(windows: Windows, data_dir: Path, qtbot: QtBot,
                                             district: EmbeddedDistrict) -> None:
    write_settings(data_dir, district.base_url, sync=QUICK)
    window = windows.open()
    context = window.context
    case_id = accepted_with_deferrals(context)
    window.case_list.refresh()
    window.open_case(case_id)
    actions = window.editor.case_actions
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    assert "已提交区级" in window.save_status.text()
    qtbot.waitUntil(lambda: context.cases.open_case(case_id).status is CaseStatus.SUBMITTED, timeout=60_000)
    qtbot.waitUntil(lambda: actions.sync_label.text() == "上传：已送达区级", timeout=15_000)
    assert actions.sync_label.isVisible()
    # The editor re-reads the case once the district has it: the header no longer says 待上传.
    qtbot.waitUntil(lambda: "已提交" in window.editor.header.text(), timeout=10_000)
    assert not actions.submit_button.isEnabled()
    accepted = context.acceptance.acceptance(case_id)
    assert accepted is not None and accepted.committed_due >= dt.date.today()
    grab(window, "09_window_delivered_zh.png")
