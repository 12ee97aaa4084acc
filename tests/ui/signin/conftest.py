"""A counter on a fresh data folder, signed in through the real sign-in screen against a real district
service (demo seed, started per test so lock-outs and rate limits never leak between tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.district.accounts import NewUser, add_user
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.domain.status import Role
from tests.integration.sync.helpers import start_district, write_settings
from tests.ui.conftest import flush_deletions
from ui.signin.session import ACTIVE, CounterSession

SHOTS = Path("/work/notes/shots")
SECOND_CLERK = "li-clerk"
SECOND_NAME = "李受理员"
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # the counter's verifier; tests only


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    runtime = build_runtime(server.settings)
    with runtime.db.write() as session:  # a second clerk of the counter's township, for switching user
        add_user(session, runtime.passwords, NewUser(SECOND_CLERK, Role.CLERK, DEMO_TOWNSHIP_A, SECOND_NAME),
                 DEMO_PASSWORD)
    runtime.close()
    yield server
    server.shutdown()


@dataclass
class Counter:
    qtbot: QtBot
    data_dir: Path
    context: AppContext | None = None
    session: CounterSession | None = None

    def start(self, *, idle_ms: int = 600_000) -> CounterSession:
        """(Re)start the client: a new AppContext and sign-in session on the same data folder."""
        self.stop()
        self.context = AppContext.open(self.data_dir)
        self.session = CounterSession(self.context, idle_ms=idle_ms, hasher=FAST)
        self.session.start()
        self.session.screen.resize(1366, 768)
        self.qtbot.waitExposed(self.session.screen)
        return self.session

    def stop(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
            self.session = None
            flush_deletions()
        if self.context is not None:
            self.context.close()
            self.context = None

    def sign_in(self, username: str, password: str = DEMO_PASSWORD, *, expect_ok: bool = True) -> str:
        """Type and press 登录 like the clerk; returns the error line (empty on success)."""
        session = self.session
        assert session is not None
        screen = session.screen
        screen.username.setFocus()
        screen.username.clear()
        self.qtbot.keyClicks(screen.username, username)
        self.qtbot.keyClicks(screen.password, password)
        self.qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: not screen.busy, timeout=30_000)
        if expect_ok:
            assert session.state == ACTIVE, screen.error.text()
        return screen.error.text()


@pytest.fixture
def counter(qtbot: QtBot, data_dir: Path, district: EmbeddedDistrict, language: str) -> Iterator[Counter]:
    write_settings(data_dir, district.base_url)
    made = Counter(qtbot, data_dir)
    yield made
    made.stop()


def grab(widget: QWidget, name: str) -> None:
    widget.resize(1366, 768)
    QApplication.processEvents()
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))
