"""The pickup desk's image files in the real widgets: a hostile slip image or signature photo ends in a
Chinese message on screen (never a crash, never an attached photo); a real scan still finds the case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from tests.ui.test_pickup_desk import dispatched_case
from tests.unit.capture.test_image_guard_properties import png_bomb
from tests.unit.printing.helpers import render, signature_png
from ui.pickup.desk import PickupDesk
from ui.tasks import SyncTaskRunner

SHOTS = Path("/work/notes/shots")
HOSTILE = {"bomb.png": png_bomb(100_000, 100_000), "cut.png": signature_png()[:300],
           "scan.pdf.jpg": b"%PDF-1.7\n%%EOF\n"}


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def desk(qtbot: QtBot, context: AppContext) -> Iterator[PickupDesk]:
    widget = PickupDesk(context.pickup, context.printing, SyncTaskRunner())
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    widget.deleteLater()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_slip_image_is_refused_on_screen(desk: PickupDesk, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    desk.scan_image_path(str(path))
    text = desk.message.text()
    assert ("无法读取该图片" in text or "图片分辨率过大" in text), text
    assert desk.current_case() is None


def test_a_scanned_slip_file_opens_the_case(desk: PickupDesk, context: AppContext, tmp_path: Path) -> None:
    record = dispatched_case(context)
    arrival = context.pickup.record_arrival(record.case_id)
    ok, data = cv2.imencode(".png", render(arrival.slip.pdf, dpi=150)[0])
    assert ok
    path = tmp_path / "领取单.png"
    path.write_bytes(bytes(data))
    desk.scan_image_path(str(path))
    current = desk.current_case()
    assert current is not None and current.case_id == record.case_id


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_signature_photo_is_not_attached(desk: PickupDesk, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    assert desk.form.attach_photo_file(str(path)) is False
    label = desk.form.photo_label.text()
    assert ("无法读取该图片" in label or "图片分辨率过大" in label), label
    assert desk.form._signature_bytes() == b""
    if SHOTS.exists() and name == "bomb.png":
        desk.scan_image_path(str(path))
        QApplication.processEvents()  # the wrapped label's new height is laid out first
        desk.grab().save(str(SHOTS / "hardening2_pickup_hostile_images.png"))


def test_a_real_signature_photo_is_attached(desk: PickupDesk, tmp_path: Path) -> None:
    path = tmp_path / "签字.png"
    path.write_bytes(signature_png())
    assert desk.form.attach_photo_file(str(path)) is True
    assert desk.form._signature_bytes() == signature_png()
    assert desk.form.attach_photo_file(str(tmp_path)) is False  # a folder: "could not be read"
    assert desk.form._signature_bytes() == b""
