"""The counter program version the administrator publishes, and the minimum-version gate on case
submissions (counter_app.sync.release_protocol)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import ClientReleaseRow
from counter_app.domain.status import Role
from counter_app.errors import UserFacingError
from counter_app.sync.release_protocol import (
    CLIENT_TOO_OLD,
    CLIENT_TOO_OLD_STATUS,
    RELEASE_INVALID,
    ClientRelease,
    ClientReleaseUpdate,
    is_older,
    parse_version,
    too_old_messages,
)

_ROW_ID = 1


def current(session: Session) -> ClientRelease:
    row = session.get(ClientReleaseRow, _ROW_ID)
    if row is None:
        return ClientRelease()
    return ClientRelease(current_version=row.current_version, minimum_version=row.minimum_version,
                         download_url=row.download_url, notes=row.notes, published_at=row.published_at)


def publish(session: Session, update: ClientReleaseUpdate, *, by: str,
            caller: Principal | None = None) -> ClientRelease:
    """Publish the current and minimum versions (administrators; the CLI passes caller=None)."""
    if caller is not None:
        require_role(caller, Role.ADMIN)
    if parse_version(update.minimum_version) > parse_version(update.current_version):
        raise ProblemError(422, RELEASE_INVALID, "最低版本不能高于当前版本",
                           "The minimum version cannot be above the current version")
    row = session.get(ClientReleaseRow, _ROW_ID)
    now = datetime.now(UTC)
    if row is None:
        row = ClientReleaseRow(id=_ROW_ID)
        session.add(row)
    row.current_version = update.current_version
    row.minimum_version = update.minimum_version
    row.download_url = update.download_url
    row.notes = update.notes
    row.published_at = now
    row.published_by = by
    audit.record(session, caller, "client_version_published", actor=by,
                 detail=f"current={update.current_version} minimum={update.minimum_version}")
    return current(session)


def too_old_problem(version: str | None, release: ClientRelease) -> ProblemError | None:
    """The refusal for a submission from `version`, or None when it may submit. A missing or unreadable
    version counts as too old once a minimum is published: only programs older than this check omit it."""
    minimum = release.minimum_version
    if minimum is None:
        return None
    shown = (version or "").strip()[:32] or "?"
    try:
        if version and not is_older(version, minimum):
            return None
    except ValueError:
        pass
    zh, en = too_old_messages(shown, minimum, release.download_url or "")
    return ProblemError(CLIENT_TOO_OLD_STATUS, CLIENT_TOO_OLD, zh, en, minimum_version=minimum,
                        download_url=release.download_url)


class ReleaseCache:
    """The published release as this process last read it, for a few seconds: the gate runs on every
    submission and the row changes a few times a year. A publish through this process clears it."""

    def __init__(self, ttl: float = 5.0) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._value: ClientRelease | None = None
        self._until = 0.0

    def get(self) -> ClientRelease | None:
        with self._lock:
            return self._value if time.monotonic() < self._until else None

    def put(self, value: ClientRelease) -> None:
        with self._lock:
            self._value, self._until = value, time.monotonic() + self.ttl

    def clear(self) -> None:
        with self._lock:
            self._value, self._until = None, 0.0


def publish_from_cli(runtime: DistrictRuntime, current_version: str, minimum_version: str, download_url: str,
                     notes: str) -> str:
    """`counter-app district set-client-version`: publish and say what was published."""
    try:
        update = ClientReleaseUpdate(current_version=current_version, minimum_version=minimum_version,
                                     download_url=download_url, notes=notes)
    except ValidationError as exc:
        fields = "、".join(str(e["loc"][0]) for e in exc.errors() if e.get("loc"))
        raise UserFacingError(f"版本号或下载地址格式不正确：{fields}",
                              f"A version number or the download location is not valid: {fields}") from None
    with runtime.db.write() as session:
        published = publish(session, update, by="cli")
    return (f"已发布客户端版本 {published.current_version}（最低可用 {published.minimum_version}），"
            f"下载地址 {published.download_url}\n"
            f"Published counter version {published.current_version} (minimum {published.minimum_version})")
