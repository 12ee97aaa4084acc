"""The wizard's address and certificate check against a real district service over TLS with its own CA,
and the registration of the counter with a one-time code from `add-device-code`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_TOWNSHIP_A
from counter_app.firstrun.health import check_district
from counter_app.firstrun.setup import FirstRunChoices, needs_first_run, register_counter, save_choices
from counter_app.sync.credentials import DEVICE_ENTRY, KeyringTokenStore, keyring_service
from counter_app.sync.errors import ProblemResponse
from tests.support.tls import TlsDistrict, start_tls_district


@pytest.fixture
def tls_district(tmp_path: Path) -> Iterator[TlsDistrict]:
    district = start_tls_district(tmp_path / "district")
    yield district
    district.shutdown()


def test_the_certificate_check_says_in_chinese_what_happened(tls_district: TlsDistrict,
                                                             tmp_path: Path) -> None:
    refused = check_district(tls_district.base_url)  # the bundled public CAs do not know the district's CA
    assert not refused.ok and "服务器证书无法验证" in refused.message_zh
    assert "CA 证书文件" in refused.message_zh

    ok = check_district(tls_district.base_url + "/", tls_district.files.ca)
    assert ok.ok and ok.district_code == "510411"
    assert ok.message_zh == "连接成功：区县审核服务（区县代码 510411），证书验证通过"

    by_name = tls_district.base_url.replace("127.0.0.1", "localhost")  # the certificate names the IP only
    wrong_name = check_district(by_name, tls_district.files.ca)
    assert not wrong_name.ok and "主机名与证书一致" in wrong_name.message_zh

    broken = tmp_path / "not-a-cert.pem"
    broken.write_text("hello", encoding="utf-8")
    assert "无法读取 CA 证书文件" in check_district(tls_district.base_url, broken).message_zh
    assert "必须以 https://" in check_district("http://district.example.gov.cn").message_zh
    assert "地址格式不正确" in check_district("district").message_zh
    closed = check_district("https://127.0.0.1:9", tls_district.files.ca)
    assert not closed.ok and "无法连接到区级服务" in closed.message_zh
    plain = check_district(tls_district.base_url.replace("https", "http"), None)
    assert not plain.ok  # a TLS port spoken to in plain http is no district service


def test_register_then_save_settings(tls_district: TlsDistrict, tmp_path: Path) -> None:
    data_dir = tmp_path / "pc"
    assert needs_first_run(data_dir)
    with pytest.raises(ProblemResponse) as wrong:
        register_counter(data_dir, tls_district.base_url, ca_file=str(tls_district.files.ca),
                         township_code=DEMO_TOWNSHIP_A, counter_name="2号窗口", registration_code="NOPE-0000")
    assert wrong.value.message_zh
    device = register_counter(data_dir, tls_district.base_url, ca_file=str(tls_district.files.ca),
                              township_code=DEMO_TOWNSHIP_A, counter_name="2号窗口",
                              registration_code=DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    assert device
    assert KeyringTokenStore(keyring_service(data_dir)).get(DEVICE_ENTRY)
    choices = FirstRunChoices(mode=Mode.PRODUCTION, district_url=tls_district.base_url + "/",
                              ca_file=str(tls_district.files.ca), township_code=DEMO_TOWNSHIP_A,
                              township_name="仁和镇", counter_name="2号窗口", counter_code="02", printer="")
    save_choices(data_dir, choices)
    assert not needs_first_run(data_dir)
    settings = Settings.load(data_dir / SETTINGS_FILE)
    assert settings.mode is Mode.PRODUCTION and settings.district_url == tls_district.base_url
    assert settings.counter_code == "02" and settings.extra["district_ca_file"] == str(tls_district.files.ca)
