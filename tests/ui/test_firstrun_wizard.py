"""The first-run wizard walked like a person would: the demo choice (simulated camera, test page as PDF)
and the district choice against a real district service over TLS with its own CA (certificate check,
registration with a one-time code). COUNTER_APP_SHOTS=<folder> saves every page at 1366×768."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from counter_app.capture.errors import NoCameraError
from counter_app.capture.images import Image
from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_TOWNSHIP_A
from counter_app.firstrun.setup import FirstRunChoices
from counter_app.sync.credentials import DEVICE_ENTRY, KeyringTokenStore, keyring_service
from tests.support.tls import TlsDistrict, start_tls_district
from ui.firstrun.device_pages import TEST_PAGE_FILE, FrameGrabber, grab_with_choices
from ui.firstrun.district_pages import PAGE_CAMERA, PAGE_DISTRICT, PAGE_FINISH, PAGE_PRINTER, PAGE_REGISTER
from ui.firstrun.wizard import FirstRunWizard
from ui.tasks import SyncTaskRunner

DATA = Path(__file__).resolve().parents[1] / "data"
SHOTS = os.environ.get("COUNTER_APP_SHOTS")


@pytest.fixture
def tls_district(tmp_path: Path) -> Iterator[TlsDistrict]:
    district = start_tls_district(tmp_path / "district")
    yield district
    district.shutdown()


def open_wizard(qtbot: QtBot, data_dir: Path, grabber: FrameGrabber = grab_with_choices) -> FirstRunWizard:
    wizard = FirstRunWizard(data_dir, SyncTaskRunner(), lister=lambda: [], printers=[], grabber=grabber)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def shot(wizard: FirstRunWizard, name: str) -> None:
    if not SHOTS:
        return
    size = wizard.size()
    wizard.resize(1366, 768)
    wizard.grab().save(str(Path(SHOTS) / f"firstrun-{name}.png"))
    wizard.resize(size)


def press(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible(), which
    button.click()


def test_demo_choice_tries_the_simulated_camera_and_saves_a_test_page(
        qtbot: QtBot, tmp_path: Path, language: str) -> None:
    data_dir = tmp_path / "data"
    wizard = open_wizard(qtbot, data_dir)
    # The embedded demo is preselected: a clerk who only presses 下一步/完成 gets the demo (README).
    assert wizard.mode_page.demo.isChecked() and not wizard.mode_page.district.isChecked()
    assert "欢迎" in wizard.mode_page.title()
    shot(wizard, "1-mode")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_CAMERA  # the demo needs no district or registration
    camera = wizard.camera_page
    assert camera.camera.currentText() == "模拟摄像头（演示）"
    camera.test_button.click()  # the real simulated camera: the bundled sample frames
    assert camera.tested and camera.result.state == "ok", camera.result.text()
    assert not camera.preview.pixmap().isNull()
    shot(wizard, "4-camera")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    printer = wizard.printer_page
    assert wizard.currentId() == PAGE_PRINTER and printer.printer.currentText() == "不连接打印机：另存为 PDF"
    printer.test_button.click()
    assert printer.result.state == "ok", printer.result.text()
    text = PdfReader(str(data_dir / TEST_PAGE_FILE)).pages[0].extract_text()
    assert "打印测试页" in text and "仁和镇" in text
    assert not printer.preview.pixmap().isNull()
    shot(wizard, "5-printer")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_FINISH and "内置演示" in wizard.finish_page.summary.text()
    shot(wizard, "6-finish")
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    settings = Settings.load(data_dir / SETTINGS_FILE)
    assert settings.mode is Mode.DEMO and settings.extra["printer"] == ""
    assert "camera_index" not in settings.extra


def astronaut(_choices: FirstRunChoices) -> Image:
    frame = cv2.imread(str(DATA / "astronaut.jpg"))
    assert frame is not None
    return frame


def test_district_choice_checks_the_certificate_and_registers_the_counter(
        qtbot: QtBot, tmp_path: Path, language: str, tls_district: TlsDistrict) -> None:
    data_dir = tmp_path / "data"
    grabbed: list[int] = []

    def camera_then_none(choices: FirstRunChoices) -> Image:
        grabbed.append(1)
        if len(grabbed) == 1:
            raise NoCameraError("unplugged")
        return astronaut(choices)

    wizard = open_wizard(qtbot, data_dir, grabber=camera_then_none)
    wizard.mode_page.district.click()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.district_page
    assert wizard.currentId() == PAGE_DISTRICT
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(page.url, tls_district.base_url)
    page.check_button.click()  # the public CAs do not know the district's own CA
    assert page.result.state == "error" and "服务器证书无法验证" in page.result.text()
    assert not next_button.isEnabled()
    page.ca_file.setText(str(tls_district.files.ca))
    page.check_button.click()
    assert page.result.state == "ok" and "证书验证通过" in page.result.text()
    assert next_button.isEnabled()
    shot(wizard, "2-district")
    page.url.setText(tls_district.base_url + "/v2")  # another address: checked again before going on
    assert not next_button.isEnabled()
    page.url.setText(tls_district.base_url)
    page.check_button.click()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    register = wizard.register_page
    assert wizard.currentId() == PAGE_REGISTER and not next_button.isEnabled()
    register.register_button.click()
    assert register.result.state == "error" and "9 位" in register.result.text()
    qtbot.keyClicks(register.township_code, DEMO_TOWNSHIP_A)
    register.township_name.setText("仁和镇")  # typed through an input method, not key clicks
    register.counter_name.setText("2号窗口")
    register.counter_code.setText("02")
    qtbot.keyClicks(register.code, "WRONG-CODE-0000")
    register.register_button.click()
    assert register.result.state == "error" and register.device_id is None
    register.code.setText(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    register.register_button.click()
    assert register.result.state == "ok" and register.device_id, register.result.text()
    assert register.code.isReadOnly() and next_button.isEnabled()
    assert KeyringTokenStore(keyring_service(data_dir)).get(DEVICE_ENTRY)
    shot(wizard, "3-register")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    camera = wizard.camera_page
    assert camera.camera.currentText() == "默认摄像头（0号）"
    camera.test_button.click()
    assert camera.result.state == "error" and "摄像头" in camera.result.text() and not camera.tested
    camera.test_button.click()  # plugged in again
    assert camera.result.state == "ok" and "512 × 512" in camera.result.text()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    summary = wizard.finish_page.summary.text()
    assert tls_district.base_url in summary and "仁和镇（510411001）2号窗口" in summary
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)

    settings = Settings.load(data_dir / SETTINGS_FILE)
    assert settings.mode is Mode.PRODUCTION and settings.district_url == tls_district.base_url
    assert (settings.township_code, settings.township_name, settings.counter_name, settings.counter_code) == (
        DEMO_TOWNSHIP_A, "仁和镇", "2号窗口", "02")
    assert settings.extra["district_ca_file"] == str(tls_district.files.ca)


def test_cancelling_saves_nothing(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    wizard = open_wizard(qtbot, tmp_path / "data")
    wizard.reject()
    assert not (tmp_path / "data" / SETTINGS_FILE).exists()
