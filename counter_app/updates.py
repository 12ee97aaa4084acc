"""Is there a newer counter program, and is this one still accepted? Asked of the district service at
start-up and then a few times a day (the window's timer calls `check_for_update` on a worker thread).

    check = check_for_update(sync.client, sync.sessions.credentials())
    check.state  ->  current | available | required | unknown
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.errors import LinkBroken
from counter_app.sync.release_protocol import (
    PATH_CLIENT_VERSION,
    ClientRelease,
    app_version,
    is_older,
    too_old_messages,
)

CHECK_INTERVAL_SECONDS = 4 * 3600


class UpdateState(enum.StrEnum):
    CURRENT = "current"  # nothing newer published
    AVAILABLE = "available"  # a newer version exists; this one is still accepted
    REQUIRED = "required"  # below the minimum: the district refuses submissions until updated
    UNKNOWN = "unknown"  # nothing published, or a version text this program cannot compare


@dataclass(frozen=True)
class UpdateCheck:
    state: UpdateState
    installed: str
    latest: str | None = None
    minimum: str | None = None
    download_url: str = ""
    notes: str = ""

    @property
    def message_zh(self) -> str:
        if self.state is UpdateState.REQUIRED:
            return too_old_messages(self.installed, self.minimum or "?", self.download_url)[0]
        if self.state is UpdateState.AVAILABLE:
            return (f"有新版本 {self.latest} 可用（本机 {self.installed}），请在方便时从 {self.download_url} "
                    "下载安装" + (f"。更新内容：{self.notes}" if self.notes else ""))
        return f"本机程序版本 {self.installed} 是最新版本"

    @property
    def message_en(self) -> str:
        if self.state is UpdateState.REQUIRED:
            return too_old_messages(self.installed, self.minimum or "?", self.download_url)[1]
        if self.state is UpdateState.AVAILABLE:
            return (f"Version {self.latest} is available (this computer has {self.installed}); download it "
                    f"from {self.download_url} when convenient" + (f". Changes: {self.notes}" if self.notes
                                                                    else ""))
        return f"Version {self.installed} is up to date"


def evaluate(release: ClientRelease, installed: str) -> UpdateCheck:
    """Compare what the district published with the installed version."""
    base = UpdateCheck(UpdateState.UNKNOWN, installed, release.current_version, release.minimum_version,
                       release.download_url or "", release.notes)
    if release.current_version is None:
        return base
    try:
        if release.minimum_version and is_older(installed, release.minimum_version):
            state = UpdateState.REQUIRED
        elif is_older(installed, release.current_version):
            state = UpdateState.AVAILABLE
        else:
            state = UpdateState.CURRENT
    except ValueError:
        return base
    return UpdateCheck(state, installed, release.current_version, release.minimum_version,
                       release.download_url or "", release.notes)


def check_for_update(client: DistrictClient, credentials: Credentials, *,
                     installed: str | None = None) -> UpdateCheck:
    """Ask the district. Raises the sync errors (offline, not signed in, ...) for the caller to ignore
    or show: an update check that cannot run is retried at the next interval."""
    response = client.request("GET", PATH_CLIENT_VERSION, auth=credentials)
    try:
        release = ClientRelease.model_validate_json(response.content)
    except ValueError as exc:
        raise LinkBroken("damaged client-version answer") from exc
    return evaluate(release, installed or app_version())
