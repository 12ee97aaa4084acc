"""The case list at the counter's 1366×768 screen: every column fits beside the editor (no sideways
scrolling), long names are elided with the full text in the tooltip. Writes a screenshot to look at."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from tests.ui.conftest import flush_deletions, save_screenshot
from ui.case_list import short_time
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner

LONG_NAME = "成都市青白江区大弯街道老王家传统手工豆瓣酱及川味调味品加工销售店"
STATUSES = [CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, CaseStatus.ACCEPTED, CaseStatus.QUEUED,
            CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.RETURNED, CaseStatus.APPROVED,
            CaseStatus.ACCEPTED_WITH_DEFERRALS, CaseStatus.LICENCE_DISPATCHED]


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    repo = opened.cases._repo
    for n, status in enumerate(STATUSES):
        app = load_sample_application()
        app.operator.name = ["王小明", "欧阳娜娜", "李四", "司马相如", "张三丰"][n % 5]
        app.business_name = LONG_NAME if n == 0 else f"{app.business_name[:-1]}{n}号店"
        record = opened.cases.new_case(app)
        if status is not CaseStatus.DRAFT:
            repo.set_status(record.case_id, status)
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


def test_every_column_fits_at_1366_by_768(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.case_list
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(STATUSES))
    QApplication.processEvents()
    table = panel.table
    header = table.horizontalHeader()
    save_screenshot(window, "polish-case-list.png")
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    assert all(not header.isSectionHidden(c) and header.sectionSize(c) > 30
               for c in range(panel.model.columnCount()))
    long_row = next(r for r in range(panel.model.rowCount())
                    if panel.model.summary_at(r).business_name == LONG_NAME)
    name = panel.model.index(long_row, panel.model.NAME)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == LONG_NAME  # elided on screen, whole on hover
    assert table.textElideMode() == Qt.TextElideMode.ElideRight


def test_short_times_for_the_narrow_list() -> None:
    now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert short_time(now, now) == now.astimezone().strftime("%H:%M")
    earlier = now - timedelta(days=3)
    assert short_time(earlier, now) == earlier.astimezone().strftime("%m-%d")
    assert short_time(datetime(2025, 3, 1, 12, tzinfo=UTC), now) == "25-03-01"
