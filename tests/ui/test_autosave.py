"""Drafts are saved without the clerk asking: debounced, one save at a time, flushed on close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.domain.model import Application
from tests.ui.conftest import Windows
from tests.ui.filling import OPERATOR_ID, OPERATOR_NAME, click, type_text
from ui.autosave import DraftSaver
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_typing_is_saved_automatically_in_the_background(qtbot: QtBot, threaded_window: MainWindow) -> None:
    window = threaded_window
    click(qtbot, window.case_list.new_button)
    type_text(qtbot, window.editor.form.operator.name, OPERATOR_NAME)
    assert window.save_status.text() == "有尚未保存的修改…"

    qtbot.waitUntil(lambda: window.save_status.text().startswith("已自动保存 "), timeout=5000)

    record = window.editor.record
    assert record is not None
    assert window.service.open_case(record.case_id).application.operator.name == OPERATOR_NAME
    qtbot.waitUntil(lambda: window.case_list.model.summary_at(0).operator_name == OPERATOR_NAME,
                    timeout=5000)


def test_closing_the_window_stores_what_was_typed_a_moment_ago(qtbot: QtBot, windows: Windows) -> None:
    runner = TaskRunner()
    first = windows.open(runner)
    click(qtbot, first.case_list.new_button)
    type_text(qtbot, first.editor.form.operator.id_number, OPERATOR_ID)
    assert first.editor.saver.is_pending()  # the 1 s timer has not fired yet
    windows.close(first)
    runner.shutdown()
    runner.deleteLater()

    second = windows.open()
    assert second.case_list.model.rowCount() == 1
    case_id = second.case_list.model.summary_at(0).case_id
    assert second.service.open_case(case_id).application.operator.id_document.number == OPERATOR_ID


class HeldRunner:
    """Our runner's interface, holding each task until the test releases it: lets a test see what the
    saver does while a save is still running."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self.held.append((fn, on_done))

    def release_one(self) -> None:
        fn, on_done = self.held.pop(0)
        on_done(fn())

    def wait_for_idle(self, timeout_ms: int = -1) -> bool:
        while self.held:
            self.release_one()
        return True

    def shutdown(self) -> None:
        self.wait_for_idle()

    def active_count(self) -> int:
        return len(self.held)


def test_edits_during_a_save_are_coalesced_into_one_follow_up_save(qtbot: QtBot, data_dir: Path) -> None:
    context = AppContext.open(data_dir)
    try:
        service = context.cases
        record = service.new_case()
        current = {"name": ""}

        def snapshot() -> Application:
            app = service.blank_application()
            app.operator.name = current["name"]
            return app

        runner = HeldRunner()
        saver = DraftSaver(service, runner, snapshot, delay_ms=10)
        saver.start(record)
        saved: list[str] = []
        saver.saved.connect(lambda rec: saved.append(rec.application.operator.name))

        current["name"] = "张"
        saver.schedule()
        saver.save_soon()
        assert len(runner.held) == 1  # first save running
        for partial in ("张三", "张三丰", "张三丰一"):
            current["name"] = partial
            saver.schedule()
            saver.save_soon()
        assert len(runner.held) == 1  # still only one in flight

        runner.release_one()  # the first finishes; the latest state goes next, once
        assert saved == ["张"]
        assert len(runner.held) == 1
        runner.release_one()
        assert saved == ["张", "张三丰一"]
        assert runner.held == []
        assert not saver.is_pending()
        assert service.open_case(record.case_id).application.operator.name == "张三丰一"
        saver.deleteLater()
    finally:
        context.close()
