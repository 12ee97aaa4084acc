"""The teardown guard of conftest.py really fails a test that leaves a window open or a task running."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[2]


def test_leaked_window_and_busy_runner_fail_their_tests(pytester: pytest.Pytester,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pytester.makeconftest("from tests.ui.conftest import *  # noqa: F403\n"
                          "from tests.conftest import memory_keyring  # noqa: F401\n")
    pytester.makepyfile(test_inner=textwrap.dedent("""
        import threading
        from PySide6.QtWidgets import QWidget
        from ui.tasks import TaskRunner

        def test_leaves_a_window(qapp):
            widget = QWidget()
            widget.show()
            test_leaves_a_window.keep = widget

        def test_leaves_a_task_running(qapp):
            gate = threading.Event()
            runner = TaskRunner()
            runner.run(lambda: gate.wait(0.5), lambda _: None)
            test_leaves_a_task_running.keep = runner

        def test_clean(qapp):
            widget = QWidget()
            widget.show()
            widget.close()
            widget.deleteLater()
    """))
    result = pytester.runpytest_subprocess(f"--rootdir={pytester.path}", "-o", "qt_api=pyside6", "-q")
    result.stdout.fnmatch_lines(["*Failed: top-level widgets left open:*QWidget*",
                                 "*Failed: 1 task runner(s) still running work at teardown*"])
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 3  # each test body passes ...
    assert outcomes.get("errors") == 2  # ... but the two that leave something behind fail in teardown
