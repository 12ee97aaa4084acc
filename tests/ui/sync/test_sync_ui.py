"""The sync indicator and the per-case sync state in the case list, against a real district service:
offline, uploading, delivered, and refused-needs-a-person, each grabbed to a PNG for a look."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.store.repository import CaseRepository
from tests.integration.sync.helpers import Counter, accepted_case, jpeg, start_district, write_settings
from tests.support.fault_proxy import FaultProxy
from tests.ui.conftest import Windows
from ui.main_window import MainWindow

SCREENS = Path(os.environ.get("SYNC_SCREENS", "/work/notes/screens/sync"))
QUICK = {"backoff_base": 0.05, "backoff_cap": 0.5, "poll_interval": 0.5, "io_timeout": 3.0,
         "progress_interval": 0.1}


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


def counter_of(window: MainWindow) -> Counter:
    context = window.context
    assert context.sync is not None
    cipher = FieldCipher(load_data_key(context.data_dir, demo_mode=True).key)
    return Counter(context, context.sync, CaseRepository(context.database, cipher))


def grab(window: MainWindow, name: str) -> None:
    QApplication.processEvents()  # let the status bar lay out the indicator's new text first
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SCREENS / name))


def status_text(window: MainWindow, case_id: str) -> str:
    model = window.case_list.model
    return str(model.index(model.row_of(case_id), model.STATUS).data())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_offline_counter_shows_grey_dot_and_what_waits(windows: Windows, data_dir: Path,
                                                       qtbot: QtBot) -> None:
    write_settings(data_dir, f"http://127.0.0.1:{closed_port()}", sync=QUICK)
    window = windows.open()
    indicator = window.sync_indicator
    assert indicator.state == "unknown" and indicator.text.text() == "尚未连接"
    case_id = accepted_case(counter_of(window), [jpeg(np.random.default_rng(1), 640, 480)])
    window.context.submissions.submit(case_id)
    window.case_list.refresh()

    qtbot.waitUntil(lambda: indicator.state == "offline", timeout=15_000)
    assert "离线" in indicator.text.text() and "1 件待上传" in indicator.text.text()
    assert "无法连接区级审核服务" in indicator.toolTip()
    qtbot.waitUntil(lambda: "等待重试" in status_text(window, case_id), timeout=15_000)
    assert status_text(window, case_id).startswith("待上传 · ")
    model = window.case_list.model
    assert "无法连接区级审核服务" in str(model.index(model.row_of(case_id), model.STATUS).data(0x0003))
    grab(window, "01_offline_waiting_zh.png")


def test_uploading_then_delivered_and_the_feed_status_comes_back(
        windows: Windows, data_dir: Path, qtbot: QtBot, district: EmbeddedDistrict) -> None:
    proxy = FaultProxy(district.port, bandwidth=100_000).start()
    try:
        write_settings(data_dir, proxy.url, sync=QUICK)
        window = windows.open()
        counter = counter_of(window)
        rng = np.random.default_rng(2)
        case_id = accepted_case(counter, [jpeg(rng, 900, 700, quality=92)])
        window.context.submissions.submit(case_id)
        window.case_list.refresh()

        qtbot.waitUntil(lambda: "正在上传" in status_text(window, case_id), timeout=20_000)
        assert window.sync_indicator.state in ("online", "busy")
        assert "剩余" in window.sync_indicator.text.text()
        grab(window, "02_uploading_zh.png")

        qtbot.waitUntil(lambda: window.context.sync.status().waiting == 0, timeout=60_000)  # type: ignore[union-attr]
        window.case_list.refresh()
        qtbot.waitUntil(lambda: status_text(window, case_id) == "已提交", timeout=10_000)
        qtbot.waitUntil(lambda: window.sync_indicator.state == "online", timeout=15_000)
        assert "上次同步" in window.sync_indicator.text.text()
        assert window.case_sync.state(case_id) is not None
        assert window.case_sync.state(case_id).state == "submitted"  # type: ignore[union-attr]
        grab(window, "03_delivered_zh.png")
    finally:
        proxy.stop()


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_a_refused_case_is_red_in_the_list_with_what_to_do(
        windows: Windows, data_dir: Path, qtbot: QtBot, district: EmbeddedDistrict, language: str) -> None:
    write_settings(data_dir, district.base_url, sync=QUICK)
    window = windows.open()
    counter = counter_of(window)
    case_id = accepted_case(counter, [])
    counter.repository.set_status(case_id, CaseStatus.ACCEPTED_WITH_DEFERRALS)  # no deferred list: refused
    window.context.submissions.submit(case_id)
    window.case_list.refresh()
    window.sync_indicator.sync_now()

    qtbot.waitUntil(lambda: window.context.sync.status().attention == 1, timeout=30_000)  # type: ignore[union-attr]
    word = "需处理" if language == "zh_CN" else "Needs attention"
    qtbot.waitUntil(lambda: word in status_text(window, case_id), timeout=15_000)
    model = window.case_list.model
    index = model.index(model.row_of(case_id), model.STATUS)
    assert index.data(0x0009) is not None  # Qt.ForegroundRole: drawn in red
    tooltip = str(index.data(0x0003))  # Qt.ToolTipRole: the reason and what to do
    assert ("校验未通过" in tooltip and "重试" in tooltip) if language == "zh_CN" else "Retry" in tooltip
    qtbot.waitUntil(lambda: window.sync_indicator.state == "online", timeout=15_000)
    assert ("1 件需处理" if language == "zh_CN" else "1 need attention") in window.sync_indicator.text.text()
    grab(window, f"04_refused_{language}.png")

    window.open_case(case_id)
    window.retry_sync_action.trigger()
    assert window.save_status.text() in ("案件已重新加入待上传队列。", "The case is queued to be sent again.")
