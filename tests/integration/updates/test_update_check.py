"""The administrator publishes versions with the CLI; the counter's check sees a newer version, then a
minimum above its own; the district refuses its submissions (the cases wait, not refused) until the
program is updated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.config import Mode
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.sync import client as client_module
from counter_app.sync.release_protocol import ClientRelease, app_version
from counter_app.sync.wiring import open_sync
from counter_app.updates import UpdateState, check_for_update, evaluate
from tests.integration.backup.conftest import PATIENT
from tests.integration.sync.helpers import accepted_case, open_counter, start_district

URL = "https://district.example.cn/downloads/counter-app-setup.exe"


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


def publish(tmp_path: Path, current: str, minimum: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["district", "set-client-version", "--district-dir", str(tmp_path / "district"),
                 "--current", current, "--minimum", minimum, "--download-url", URL, "--notes", "打印修正"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_evaluate_compares_numbers_not_text() -> None:
    release = ClientRelease(current_version="1.10.0", minimum_version="1.2", download_url=URL)
    assert evaluate(release, "1.9.3").state is UpdateState.AVAILABLE
    assert evaluate(release, "1.10").state is UpdateState.CURRENT
    assert evaluate(release, "1.1.9").state is UpdateState.REQUIRED
    assert evaluate(ClientRelease(), "1.0").state is UpdateState.UNKNOWN
    assert "有新版本 1.10.0 可用" in evaluate(release, "1.9.3").message_zh


def test_newer_version_then_a_minimum_above_ours_then_the_update(
        district: EmbeddedDistrict, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    counter = open_counter(tmp_path / "pc", district.base_url, mode=Mode.PRODUCTION, config=PATIENT)
    try:
        counter.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
        counter.sync.sign_in("demo-clerk", DEMO_PASSWORD)
        auth = counter.sync.sessions.credentials()
        assert check_for_update(counter.sync.client, auth).state is UpdateState.UNKNOWN

        assert "已发布客户端版本 99.0.0" in publish(tmp_path, "99.0.0", "0.0.1", capsys)
        check = check_for_update(counter.sync.client, auth)
        assert check.state is UpdateState.AVAILABLE and check.installed == app_version()
        assert URL in check.message_zh and "打印修正" in check.message_zh

        publish(tmp_path, "99.0.0", "50.0", capsys)
        check = check_for_update(counter.sync.client, auth)
        assert check.state is UpdateState.REQUIRED and "低于区级服务要求的最低版本 50.0" in check.message_zh

        case_id = accepted_case(counter, [])
        counter.context.submissions.submit(case_id)
        status = counter.sync.run_until_idle(timeout=10)
        assert status.problem_code == "client.too_old" and status.waiting == 1
        assert "最低版本 50.0" in (status.problem_zh or "") and URL in (status.problem_zh or "")
        assert counter.sync.case_state(case_id).state != "attention"  # waits for the update, not refused
    finally:
        counter.close()

    # The program is updated: the same data folder, a new version, and the case goes by itself.
    monkeypatch.setattr(client_module, "app_version", lambda: "99.0.0")
    counter = open_counter(tmp_path / "pc", district.base_url, mode=Mode.PRODUCTION, config=PATIENT)
    try:
        sync = open_sync(counter.context.data_dir, counter.context.settings, outbox=counter.context.outbox,
                         blobs=counter.context.blobs, audit=counter.context.audit, startup_delay=0.0,
                         config=PATIENT)
        try:
            status = sync.run_until_idle(timeout=10)
            assert status.waiting == 0 and status.problem_code is None
            assert sync.case_state(case_id).state == "submitted"
        finally:
            sync.close()
    finally:
        counter.close()


def test_set_client_version_refuses_bad_input_in_chinese(
        district: EmbeddedDistrict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["district", "set-client-version", "--district-dir", str(tmp_path / "district"),
                 "--current", "1.0", "--minimum", "2.0", "--download-url", URL])
    assert code == 2 and "最低版本不能高于当前版本" in capsys.readouterr().err
    code = main(["district", "set-client-version", "--district-dir", str(tmp_path / "district"),
                 "--current", "1.x", "--minimum", "1.0", "--download-url", "ftp://x"])
    assert code == 2 and "格式不正确" in capsys.readouterr().err
