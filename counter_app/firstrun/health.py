"""Can this PC reach the district service, and does its TLS certificate verify? `GET /v1/health` over
https, with the trust store the outbox will use (or the district's own CA file), every failure said in
Chinese with what to do."""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

HEALTH_PATH = "/v1/health"


@dataclass(frozen=True)
class HealthResult:
    ok: bool
    message_zh: str
    message_en: str
    district_code: str | None = None


def verify_for(ca_file: str | Path | None) -> ssl.SSLContext | bool:
    """The certificate check the client uses: the bundled public CAs, or only the district's own CA."""
    if not ca_file:
        return True
    return ssl.create_default_context(cafile=str(ca_file))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_url(url: str) -> str:
    return url.strip().rstrip("/")


def check_url_form(url: str) -> HealthResult | None:
    """None when the address is acceptable; otherwise why not. Plain http only to this machine (tests,
    a district service on the same PC): personal data never crosses a network unencrypted."""
    parts = urlsplit(normalise_url(url))
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return HealthResult(False, "地址格式不正确，应形如 https://district.example.gov.cn:8443",
                            "The address is not valid; it looks like https://district.example.gov.cn:8443")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        return HealthResult(False, "区级服务地址必须以 https:// 开头（加密连接），请向区县管理员核对地址",
                            "The district service address must start with https:// (an encrypted link)")
    return None


def _is_certificate_error(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def check_district(url: str, ca_file: str | Path | None = None, *, timeout: float = 8.0) -> HealthResult:
    """Try the address and say in Chinese what happened."""
    problem = check_url_form(url)
    if problem is not None:
        return problem
    base = normalise_url(url)
    try:
        verify = verify_for(ca_file)
    except (OSError, ssl.SSLError):
        return HealthResult(False, f"无法读取 CA 证书文件 {ca_file}，请确认选择的是 PEM 格式的证书",
                            f"The CA certificate file {ca_file} cannot be read; choose a PEM certificate")
    try:
        with httpx.Client(verify=verify, timeout=timeout, follow_redirects=False) as http:
            response = http.get(base + HEALTH_PATH)
    except httpx.TimeoutException:
        return HealthResult(False, "连接区级服务超时，请检查网络或稍后再试",
                            "The district service did not answer in time")
    except httpx.TransportError as exc:
        cert = _is_certificate_error(exc)
        if cert is not None:
            reason = cert.verify_message or "unknown"
            if ca_file:
                zh = (f"服务器证书无法用所选 CA 证书验证（{reason}）。请确认 CA 文件来自区县，"
                      "且地址中的主机名与证书一致")
            else:
                zh = (f"服务器证书无法验证（{reason}）。如区县使用自建 CA，"
                      "请选择区县提供的 CA 证书文件后重试；不要忽略此错误")
            return HealthResult(False, zh, f"The server certificate could not be verified ({reason})")
        return HealthResult(False, "无法连接到区级服务：网络不通，或地址、端口有误",
                            f"Cannot connect to the district service ({type(exc).__name__})")
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code != 200 or not isinstance(body, dict) or body.get("status") != "ok":
        return HealthResult(False, f"该地址不是区县审核服务，或服务暂不可用（HTTP {response.status_code}）",
                            f"This address is not the district review service, or it is down "
                            f"(HTTP {response.status_code})")
    code = str(body.get("district_code") or "")
    secure = base.startswith("https://")
    how_zh = "证书验证通过" if secure else "未加密的本机连接，仅供测试"
    how_en = "certificate verified" if secure else "unencrypted connection to this PC, for tests only"
    return HealthResult(True, f"连接成功：区县审核服务（区县代码 {code}），{how_zh}",
                        f"Connected: district review service (district {code}), {how_en}", district_code=code)
