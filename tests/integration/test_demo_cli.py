"""`counter-app demo` is what CI and a new developer run first: it must walk the case and say so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_demo_walks_the_case_and_reports_where_the_files_are(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    result = subprocess.run([sys.executable, "-m", "counter_app.cli", "demo", "--data-dir", str(data)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "演示完成" in result.stdout
    assert str(data / "counter.sqlite3") in result.stdout
    assert (data / "counter.sqlite3").exists()
    # The full ID number is never printed: only its mask.
    assert "510411198503121232" not in result.stdout + result.stderr
    assert "510411********1232" in result.stdout


def test_demo_twice_on_the_same_folder_still_succeeds(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "counter_app.cli", "demo", "--data-dir", str(data)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
