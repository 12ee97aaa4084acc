"""`counter-app --smoke` run as the frozen bundle runs it in CI: a separate process, offscreen. It must
pass on a good install, fail with a message on a broken one, and never touch the user's data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STEP_MARKERS = ("bundled resources", "open the main window", "portrait dialog: auto-capture and store",
                "receipt PDF", "embedded district service")


def run_smoke(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home),
                       XDG_DATA_HOME=str(home / "data"), LOCALAPPDATA=str(home / "appdata"),
                       TMPDIR=str(tmp_path), **env)
    environment.pop("COUNTER_APP_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "counter_app.cli", "--smoke"], capture_output=True,
                          text=True, timeout=300, env=environment)


def test_smoke_passes_reports_each_step_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = run_smoke(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for marker in STEP_MARKERS:
        assert marker in result.stdout
    assert "冒烟测试通过 / smoke test passed" in result.stdout
    assert "start-up to main window:" in result.stdout  # Linux reads the process age from /proc
    assert "checks passed, stored 358×441" in result.stdout  # the dialog's auto-capture, through the gate
    # The temporary data folder is gone and the per-user one was never created.
    assert not (tmp_path / "home").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("counter-smoke-")]
    # Personal data of the sample case is never printed.
    assert "510411198503121232" not in result.stdout + result.stderr


def test_smoke_fails_with_a_message_when_resources_are_missing(tmp_path: Path) -> None:
    empty = tmp_path / "no-resources"
    empty.mkdir()
    result = run_smoke(tmp_path, COUNTER_APP_RESOURCES=str(empty))
    assert result.returncode == 1
    assert "SMOKE TEST FAILED" in result.stderr
    assert "wqy-microhei.ttc" in result.stderr
    assert not (tmp_path / "home").exists()
