"""The live portrait stream: a dedicated QThread reads frames from a FrameSource, runs the quality gate
and auto-capture on each, and hands the newest result to the GUI.

A continuous stream is not a task for ui.tasks.TaskRunner (that runs jobs that end). The thread never
touches a widget: it emits signals, which Qt queues to the GUI thread. At most one frame is in flight to
the GUI; frames produced while the GUI has not yet taken the previous one are dropped, so a slow paint
never builds a backlog and the preview always shows the newest frame.

Control flags are plain thread-safe events (the thread runs a loop, not a Qt event loop, so queued slot
calls would never be delivered to it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QObject, QThread, Signal

from counter_app.capture.autocapture import AutoCapture, AutoCaptureStatus
from counter_app.capture.images import Image
from counter_app.capture.portrait import PortraitAnalyzer, PortraitReport
from counter_app.capture.sources import FrameSource
from counter_app.errors import UserFacingError

log = logging.getLogger(__name__)

DEFAULT_FPS = 25.0  # pace for sources that do not pace themselves (files, stills)
STOP_TIMEOUT_MS = 5000

SourceFactory = Callable[[], FrameSource]
AnalyzerFactory = Callable[[], PortraitAnalyzer]

STREAM_FAILED_ZH = "摄像头画面读取失败，请关闭后重试"
STREAM_FAILED_EN = "Reading the camera failed; close and try again"


@dataclass(frozen=True)
class LiveFrame:
    frame: Image  # BGR, owned by the GUI once delivered
    report: PortraitReport
    status: AutoCaptureStatus
    sequence: int


class FrameStream(QThread):
    """Signals (all delivered on the GUI thread):
        frame_ready(object): the newest LiveFrame; call `frame_consumed()` once it is shown.
        auto_captured(object): the LiveFrame auto-capture chose (never dropped); the stream pauses.
        failed(str, str): the source could not be opened or stopped delivering (Chinese, English).
        ended(): a finite source has no more frames.
    """

    frame_ready = Signal(object)
    auto_captured = Signal(object)
    failed = Signal(str, str)
    ended = Signal()

    # Threads that did not stop within the timeout (a camera driver stuck in read): kept referenced so
    # Qt does not destroy a running thread; they end on their own once the read returns.
    _stragglers: ClassVar[list[FrameStream]] = []

    def __init__(self, source_factory: SourceFactory, *, analyzer_factory: AnalyzerFactory = PortraitAnalyzer,
                 fps: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source_factory = source_factory
        self._analyzer_factory = analyzer_factory
        self._fps = fps
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._reset = threading.Event()
        self._lock = threading.Lock()
        self._in_flight = False
        self.frames_read = 0
        self.frames_dropped = 0

    # --- control (GUI thread) -------------------------------------------------------------------------

    def frame_consumed(self) -> None:
        """The GUI has taken the last delivered frame: the next one may be sent."""
        with self._lock:
            self._in_flight = False

    def pause(self) -> None:
        """Keep reading (a webcam's buffer stays fresh) but stop analysing and delivering."""
        self._paused.set()

    def resume(self) -> None:
        """Continue after a capture: auto-capture starts counting from zero again."""
        self._reset.set()
        self._paused.clear()

    def is_paused(self) -> bool:
        return self._paused.is_set()

    def stop(self) -> bool:
        """Ask the loop to end and wait for it. Returns False if it did not end in time (kept alive)."""
        self._stop.set()
        if not self.isRunning():
            return True
        if self.wait(STOP_TIMEOUT_MS):
            return True
        log.warning("frame stream did not stop within %d ms; left to finish", STOP_TIMEOUT_MS)
        self.setParent(None)
        FrameStream._stragglers.append(self)
        self.finished.connect(lambda: FrameStream._stragglers.remove(self))
        return False

    # --- the loop (worker thread) ---------------------------------------------------------------------

    def run(self) -> None:
        try:
            source = self._source_factory()
            source.open()
        except UserFacingError as exc:
            log.info("capture source unavailable: %s", type(exc).__name__)
            self.failed.emit(exc.message_zh, exc.message_en)
            return
        except Exception as exc:  # a driver error must reach the clerk as a message, not a traceback
            log.error("capture source failed to open: %s", type(exc).__name__)
            self.failed.emit(STREAM_FAILED_ZH, STREAM_FAILED_EN)
            return
        try:
            self._loop(source)
        except UserFacingError as exc:
            log.info("capture source stopped: %s", type(exc).__name__)
            self.failed.emit(exc.message_zh, exc.message_en)
        except Exception as exc:
            log.error("frame stream failed: %s", type(exc).__name__)
            self.failed.emit(STREAM_FAILED_ZH, STREAM_FAILED_EN)
        finally:
            try:
                source.close()
            except Exception as exc:  # releasing a vanished camera may fail; nothing left to do
                log.warning("closing the capture source failed: %s", type(exc).__name__)

    def _loop(self, source: FrameSource) -> None:
        analyzer = self._analyzer_factory()  # loads the cascades here, off the GUI thread
        auto = AutoCapture(analyzer.config)
        fps = self._fps or float(getattr(source, "fps", 0.0) or DEFAULT_FPS)
        interval = 1.0 / max(1.0, fps)
        sequence = 0
        while not self._stop.is_set():
            started = time.monotonic()
            frame = source.read()
            if frame is None:
                self.ended.emit()
                return
            self.frames_read += 1
            if self._reset.is_set():
                self._reset.clear()
                auto.reset()
            if not self._paused.is_set():
                report = analyzer.analyse(frame)
                status = auto.update(report)
                sequence += 1
                live = LiveFrame(frame, report, status, sequence)
                if status.should_capture:
                    self._paused.set()
                    self.auto_captured.emit(live)
                self._offer(live)
            # Pace finite and simulated sources; a camera's read() already waits for the next frame.
            self._stop.wait(max(0.0, interval - (time.monotonic() - started)))

    def _offer(self, live: LiveFrame) -> None:
        with self._lock:
            if self._in_flight:
                self.frames_dropped += 1
                return
            self._in_flight = True
        self.frame_ready.emit(live)
