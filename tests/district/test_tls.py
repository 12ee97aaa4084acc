"""TLS: `counter-app district serve --tls-cert --tls-key` with a private CA made here (cryptography). A
counter whose settings name the CA (`extra.district_ca_file`) syncs a whole case over https through the
outbox; a client that does not know the CA, or reaches the service under a name the certificate does
not carry, sends nothing and says why in Chinese."""

from __future__ import annotations

import datetime as dt
import ipaddress
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.context import AppContext
from counter_app.district.seed import DEMO_TOWNSHIP_A
from counter_app.sync import protocol as p
from counter_app.sync.client import DistrictClient, tls_context
from counter_app.sync.errors import CaFileUnreadable, CertificateUntrusted
from counter_app.sync.wiring import open_sync
from tests.district.helpers import ServerProcess
from tests.integration.sync.helpers import FAST, Counter, accepted_case, jpeg


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "攀枝花市仁和区 测试")])


def make_pki(folder: Path, *, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> dict[str, Path]:
    """A CA and a server certificate it signed for `hosts` (IP addresses and DNS names), as PEM files."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("District test CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, encipher_only=False,
                                       decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (x509.CertificateBuilder().subject_name(_name(hosts[0])).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    files = {"ca": folder / "district-ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}
    files["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    files["key"].chmod(0o600)
    return files


def _wait_https(server: ServerProcess, url: str, ca: Path, timeout: float = 60.0) -> None:
    assert server.proc is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited: {server.log()}")
        try:
            if httpx.get(f"{url}/v1/health", verify=tls_context(str(ca)), timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the TLS server did not start: {server.log()}")


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, Path]]]:
    pki = make_pki(tmp_path / "pki", hosts=("127.0.0.1",))
    database = f"sqlite:///{tmp_path / 'district' / 'district.sqlite3'}"
    server = ServerProcess(tmp_path / "district", database, extra_args=(
        "--tls-cert", str(pki["cert"]), "--tls-key", str(pki["key"]))).launch(seed=True)
    url = f"https://127.0.0.1:{server.port}"
    try:
        _wait_https(server, url, pki["ca"])
        yield url, pki
    finally:
        server.stop()


def _counter(data_dir: Path, url: str, ca_file: Path | None) -> Counter:
    from counter_app.security.crypto import FieldCipher
    from counter_app.security.keystore import load_data_key
    from counter_app.store.repository import CaseRepository

    data_dir.mkdir(parents=True)
    settings = Settings(mode=Mode.DEMO, district_url=url, township_code=DEMO_TOWNSHIP_A,
                        township_name="仁和镇")
    if ca_file is not None:
        settings.extra["district_ca_file"] = str(ca_file)
    settings.save(data_dir / SETTINGS_FILE)
    context = AppContext.open(data_dir, sync=False)
    service = open_sync(data_dir, context.settings, outbox=context.outbox, blobs=context.blobs,
                        audit=context.audit, startup_delay=0.0, config=FAST)
    cipher = FieldCipher(load_data_key(data_dir, demo_mode=True).key)
    return Counter(context, service, CaseRepository(context.database, cipher))


def test_a_counter_with_the_district_ca_syncs_over_https(tmp_path: Path,
                                                         tls_server: tuple[str, dict[str, Path]]) -> None:
    url, pki = tls_server
    counter = _counter(tmp_path / "counter", url, pki["ca"])
    try:
        rng = np.random.default_rng(7)
        case_id = accepted_case(counter, [jpeg(rng, 320, 240), jpeg(rng, 640, 480)])
        counter.context.submissions.submit(case_id)
        status = counter.sync.run_until_idle(timeout=60)
        assert status.waiting == 0 and status.attention == 0 and status.online, status
        view = counter.sync.client.get_case(counter.sync.sessions.credentials(), case_id)
        assert view.missing_blobs == [] and len(view.materials) == 2
    finally:
        counter.close()
    # Plain http to the TLS port gets no answer that could be mistaken for the service.
    with pytest.raises(httpx.HTTPError):
        httpx.get(url.replace("https", "http") + "/v1/health", timeout=3).raise_for_status()


def test_an_unknown_certificate_is_refused_with_a_clear_message(
        tmp_path: Path, tls_server: tuple[str, dict[str, Path]]) -> None:
    url, pki = tls_server
    registration = p.DeviceRegistration(registration_code="DEMO-RENH-E001", township_code=DEMO_TOWNSHIP_A,
                                        counter_name="1号窗口")
    other_ca = make_pki(tmp_path / "other")["ca"]
    for verify in (True, str(other_ca)):  # the system's CAs, or another (wrong) private CA
        client = DistrictClient(url, verify=verify, config=FAST)
        try:
            with pytest.raises(CertificateUntrusted) as refused:
                client.register_device(registration)
        finally:
            client.close()
        assert "安全证书" in refused.value.message_zh and "district_ca_file" in refused.value.message_zh
        assert refused.value.offline
    # The right CA, but a name the certificate was not issued for (it names 127.0.0.1 only): refused too.
    client = DistrictClient(url.replace("127.0.0.1", "localhost"), verify=str(pki["ca"]), config=FAST)
    try:
        with pytest.raises(CertificateUntrusted):
            client.register_device(registration)
    finally:
        client.close()
    # A counter configured without the CA: its sync pass stops with that message, nothing is sent.
    counter = _counter(tmp_path / "untrusting", url, None)
    try:
        rng = np.random.default_rng(8)
        case_id = accepted_case(counter, [jpeg(rng, 320, 240)])
        counter.context.submissions.submit(case_id)
        status = counter.sync.run_until_idle(timeout=5)
        assert status.waiting == 1 and status.problem_code == "sync.certificate_untrusted", status
        assert status.problem_zh is not None and "安全证书" in status.problem_zh
    finally:
        counter.close()
    with pytest.raises(CaFileUnreadable) as missing:
        DistrictClient(url, verify=str(tmp_path / "no-such-ca.pem"))
    assert "district_ca_file" in missing.value.message_zh
