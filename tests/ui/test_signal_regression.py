"""PySide6 6.12.0 on Python 3.11 aborted the process after ~570 Signal.emit() calls (a reference-count bug
on `True`); pyproject pins PySide6-Essentials below 6.12. These tests emit well over 5,000 signals in one
process so that an upgrade bringing the bug back fails here instead of at a counter."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QObject, Signal

EMISSIONS = 6000


class Emitter(QObject):
    flag = Signal(bool)
    value = Signal(object)


def test_thousands_of_bool_and_object_signals_in_this_process() -> None:
    emitter = Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    emitter.value.connect(received.append)
    for i in range(EMISSIONS):
        emitter.flag.emit(True)
        emitter.value.emit(i % 2 == 0)
    assert len(received) == 2 * EMISSIONS
    assert received.count(True) == EMISSIONS + EMISSIONS // 2


def test_thousands_of_signals_in_a_fresh_interpreter() -> None:
    """The same in a process of its own, so an abort shows as a failed test with its output."""
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            flag = Signal(bool)

        app = QCoreApplication([])
        emitter = Emitter()
        count = 0

        def slot(value):
            global count
            count += value is True

        emitter.flag.connect(slot)
        for _ in range({EMISSIONS}):
            emitter.flag.emit(True)
        print(count)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(EMISSIONS)
