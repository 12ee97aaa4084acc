"""Wire contract of the client version the district publishes (update check) and of the minimum-version
gate on submissions. Shared by the district service and the counter; no FastAPI here.

The counter sends its version with every request (`X-Client-Version`); the district refuses a case
submission from a version below the published minimum with `client.too_old` (HTTP 426), which the
counter turns into `ClientTooOld`: nothing is sent until the program is updated, and the cases wait
safely in the outbox (they are not marked as refused, so the update is all it takes).
"""

from __future__ import annotations

import re
from importlib import metadata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from counter_app.sync.errors import CredentialsNeeded
from counter_app.sync.protocol import API_PREFIX, UtcDateTime

HEADER_CLIENT_VERSION = "X-Client-Version"
PATH_CLIENT_VERSION = f"{API_PREFIX}/client-version"
PATH_ADMIN_CLIENT_VERSION = f"{API_PREFIX}/admin/client-version"
CLIENT_TOO_OLD = "client.too_old"  # 426 the counter's version is below the published minimum
CLIENT_TOO_OLD_STATUS = 426
RELEASE_INVALID = "client_version.invalid"  # 422 minimum above current, bad version text

_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){0,3}$")
FALLBACK_VERSION = "0.1.0"  # a frozen build without package metadata (kept equal to pyproject's version)


def app_version() -> str:
    """This program's version, from the installed package's metadata."""
    try:
        return metadata.version("counter-app")
    except metadata.PackageNotFoundError:
        return FALLBACK_VERSION


def parse_version(text: str) -> tuple[int, ...]:
    """"1.2.10" -> (1, 2, 10), padded to four parts so "1.2" == "1.2.0". Raises ValueError."""
    text = text.strip()
    if not _VERSION.fullmatch(text):
        raise ValueError(f"not a version number: {text[:40]!r}")
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (4 - len(parts)))


def is_older(version: str, than: str) -> bool:
    return parse_version(version) < parse_version(than)


def _valid_version(value: str) -> str:
    parse_version(value)
    return value.strip()


VersionText = Annotated[str, Field(max_length=32), AfterValidator(_valid_version)]


def _valid_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError("the download location must be an http(s) address")
    return value


class ClientReleaseUpdate(BaseModel):
    """PUT /v1/admin/client-version (administrators)."""

    model_config = ConfigDict(extra="forbid")

    current_version: VersionText
    minimum_version: VersionText
    download_url: Annotated[str, Field(max_length=500), AfterValidator(_valid_url)]
    notes: Annotated[str, Field(max_length=2000)] = ""


class ClientRelease(BaseModel):
    """GET /v1/client-version: what the administrator published; all None until something is."""

    model_config = ConfigDict(extra="ignore")

    current_version: str | None = None
    minimum_version: str | None = None
    download_url: str | None = None
    notes: str = ""
    published_at: UtcDateTime | None = None


class ClientTooOld(CredentialsNeeded):
    """The district refuses submissions from this version: a person must install the new one first."""

    code = CLIENT_TOO_OLD

    def __init__(self, message_zh: str = "", message_en: str = "") -> None:
        super().__init__(
            message_zh or "本机程序版本低于区级服务要求的最低版本，案件暂不能上传。"
                          "请安装新版本；案件已安全保存在本机，更新后自动上传",
            message_en or "This program is older than the minimum version the district service accepts; "
                          "cases cannot be sent. Install the new version: the cases are kept safely on "
                          "this computer and upload by themselves after the update")


def too_old_messages(version: str, minimum: str, download_url: str) -> tuple[str, str]:
    return (f"本机程序版本 {version} 低于区级服务要求的最低版本 {minimum}，案件暂不能上传。"
            f"请从 {download_url} 下载安装新版本；已提交的案件安全保存在本机，更新后自动上传",
            f"This program (version {version}) is older than the minimum version {minimum} the district "
            f"service accepts; cases cannot be sent. Download and install the new version from "
            f"{download_url}: submitted cases are kept on this computer and upload after the update")
