"""Auto-capture: take the portrait by itself once every check has passed for N consecutive frames and the
face holds still; the clerk can always capture by hand, giving a reason that is recorded.

A small state machine fed one PortraitReport per frame; no clock, no camera, so it is tested directly.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter_app.capture.errors import CaptureError
from counter_app.capture.portrait import PortraitReport
from counter_app.capture.portrait_config import PortraitConfig


class AutoCaptureState(enum.StrEnum):
    SEARCHING = "searching"  # some check fails
    STEADY = "steady"  # all pass, counting down
    CAPTURED = "captured"  # the count reached N: take this frame (reported once)


@dataclass(frozen=True)
class AutoCaptureStatus:
    state: AutoCaptureState
    good_frames: int
    needed: int

    @property
    def should_capture(self) -> bool:
        return self.state is AutoCaptureState.CAPTURED

    @property
    def progress(self) -> float:
        """0..1, for the countdown ring of the overlay."""
        return min(1.0, self.good_frames / self.needed) if self.needed else 1.0

    @property
    def frames_left(self) -> int:
        return max(0, self.needed - self.good_frames)


class OverrideReasonMissing(CaptureError):
    def __init__(self) -> None:
        super().__init__("手动拍摄未通过质量检查的人像时，请填写原因", "Give a reason for a manual capture")


class AutoCapture:
    """Feed `update(report)` every analysed frame; when the returned status says `should_capture`, keep
    that frame. After a capture it stays CAPTURED until `reset()` (retake)."""

    def __init__(self, config: PortraitConfig | None = None) -> None:
        self.config = config or PortraitConfig()
        self.reset()

    def reset(self) -> None:
        self._good = 0
        self._last_centre: tuple[float, float] | None = None
        self._captured = False

    def update(self, report: PortraitReport) -> AutoCaptureStatus:
        needed = self.config.stable_frames
        if self._captured:
            return AutoCaptureStatus(AutoCaptureState.CAPTURED, needed, needed)
        face = report.face
        if not report.passed or face is None:
            self._good = 0
            self._last_centre = None
            return AutoCaptureStatus(AutoCaptureState.SEARCHING, 0, needed)
        centre = (face.box.cx, face.box.cy)
        if self._last_centre is not None:
            moved = max(abs(centre[0] - self._last_centre[0]), abs(centre[1] - self._last_centre[1]))
            if moved > self.config.max_jitter * face.box.w:
                self._good = 0  # moving: a capture now would be blurred or mis-framed
        self._last_centre = centre
        self._good += 1
        if self._good >= needed:
            self._captured = True
            return AutoCaptureStatus(AutoCaptureState.CAPTURED, needed, needed)
        return AutoCaptureStatus(AutoCaptureState.STEADY, self._good, needed)


def manual_override_reason(report: PortraitReport, reason: str | None) -> str | None:
    """The reason to record for a manual capture: None when the frame passed every check anyway, the
    stripped reason otherwise. Raises OverrideReasonMissing when a failing frame has no reason."""
    if report.passed:
        return None
    text = (reason or "").strip()
    if not text:
        raise OverrideReasonMissing()
    return text[:500]
