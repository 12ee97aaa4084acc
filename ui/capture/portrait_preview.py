"""The live portrait preview: the camera frame with the guidance overlay painted on it.

The overlay shows where the ID photo will be cut (the target frame and the head oval inside it), the
detected face box and eyes, each check of the quality gate (✓ passed, ✗ failed, – not evaluated), the one
thing to fix now in large Chinese text, and the auto-capture countdown ring. When there is no camera the
widget shows the reason instead, in the same large text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter_app.capture.autocapture import AutoCaptureState, AutoCaptureStatus
from counter_app.capture.checks import CheckResult
from counter_app.capture.face_detect import Box, Face
from counter_app.capture.id_photo import IdPhotoGeometry, crop_corners_in_frame
from counter_app.capture.portrait import PortraitReport
from ui.capture.frame_stream import LiveFrame
from ui.capture.qt_images import bgr_to_qimage
from ui.i18n import current_language, pick

PASS_COLOUR = QColor("#2e7d32")
FAIL_COLOUR = QColor("#e53935")
WAIT_COLOUR = QColor("#ffb300")
IDLE_COLOUR = QColor("#9e9e9e")
PANEL_COLOUR = QColor(0, 0, 0, 150)
GEOMETRY = IdPhotoGeometry()


def check_mark(check: CheckResult) -> str:
    if not check.evaluated:
        return "–"
    return "✓" if check.passed else "✗"


def check_line(check: CheckResult) -> str:
    return f"{check_mark(check)} {pick(check.label_zh, check.label_en)}"


def _crop_to_frame(corners: tuple[tuple[float, float], ...]) -> QTransform:
    """ID-photo coordinates (0..358, 0..441) to frame coordinates: the crop is an affine map, so three
    corners define it."""
    (x0, y0), (x1, y1), _, (x3, y3) = corners
    width, height = GEOMETRY.width, GEOMETRY.height
    return QTransform((x1 - x0) / width, (y1 - y0) / width, (x3 - x0) / height, (y3 - y0) / height, x0, y0)


def guide_corners(frame_size: tuple[int, int]) -> tuple[tuple[float, float], ...]:
    """Where the ID photo would be cut for a face of a good size in the middle of the frame: shown when
    no face is found, so the applicant knows where to sit."""
    width, height = frame_size
    side = round(height * 0.32)
    face = Face(Box(width // 2 - side // 2, round(height * 0.42) - side // 2, side, side))
    return tuple((float(x), float(y)) for x, y in crop_corners_in_frame(face, GEOMETRY))


class PortraitPreview(QWidget):
    """Shows one LiveFrame at a time (`show_frame`), or a message (`show_message`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._report: PortraitReport | None = None
        self._status: AutoCaptureStatus | None = None
        self._message = ""
        self.setMinimumSize(480, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Camera preview"))

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    # --- state ----------------------------------------------------------------------------------------

    def show_frame(self, live: LiveFrame) -> None:
        self._image = bgr_to_qimage(live.frame)
        self._report = live.report
        self._status = live.status
        self._message = ""
        self.setAccessibleDescription(self.hint_text())
        self.update()

    def show_message(self, text: str) -> None:
        self._message = text
        self._image = None
        self.setAccessibleDescription(text)
        self.update()

    def message(self) -> str:
        return self._message

    def hint_text(self) -> str:
        """The large hint line as shown (empty before the first frame)."""
        if self._message:
            return self._message
        if self._report is None:
            return ""
        return self._report.hint(current_language())

    def check_lines(self) -> list[str]:
        return [check_line(c) for c in self._report.checks] if self._report else []

    # --- painting -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self._message:
            self._paint_message(painter)
        elif self._image is not None:
            self._paint_frame(painter)
        else:
            self._paint_centered(painter, self.tr("Starting the camera…"), QColor("#e0e0e0"))
        painter.end()

    def _frame_transform(self) -> tuple[QTransform, QRectF]:
        assert self._image is not None
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        target = QRectF((self.width() - iw * scale) / 2, (self.height() - ih * scale) / 2, iw * scale,
                        ih * scale)
        return QTransform(scale, 0, 0, scale, target.x(), target.y()), target

    def _paint_frame(self, painter: QPainter) -> None:
        assert self._image is not None
        to_widget, target = self._frame_transform()
        painter.drawImage(target, self._image)
        report = self._report
        if report is None:
            return
        passed = report.passed
        corners = report.target_corners or guide_corners(report.frame_size)
        self._paint_target(painter, _crop_to_frame(corners) * to_widget, passed)
        if report.face is not None:
            self._paint_face(painter, report.face, to_widget, passed)
        self._paint_checks(painter, target, report)
        self._paint_hint(painter, target, report.hint(current_language()), passed)
        if self._status is not None and self._status.state is not AutoCaptureState.SEARCHING:
            self._paint_countdown(painter, target, self._status)

    def _paint_target(self, painter: QPainter, crop_to_widget: QTransform, passed: bool) -> None:
        painter.save()
        painter.setTransform(crop_to_widget)
        colour = PASS_COLOUR if passed else QColor(255, 255, 255, 220)
        pen = QPen(colour, 3)
        pen.setCosmetic(True)  # width in screen pixels whatever the crop's scale
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, GEOMETRY.width, GEOMETRY.height))
        # The head oval: crown at head_top, head 2/3 of the photo high, about 1.15 face widths wide.
        head_w = GEOMETRY.face_width * 1.15
        pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawEllipse(QRectF((GEOMETRY.width - head_w) / 2, GEOMETRY.head_top, head_w,
                                   GEOMETRY.head_height))
        painter.restore()

    def _paint_face(self, painter: QPainter, face: Face, to_widget: QTransform, passed: bool) -> None:
        box = face.box
        rect = to_widget.mapRect(QRectF(box.x, box.y, box.w, box.h))
        painter.setPen(QPen(PASS_COLOUR if passed else WAIT_COLOUR, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        for eye in (face.left_eye, face.right_eye):
            if eye is not None:
                painter.drawEllipse(to_widget.map(QPointF(*eye)), 4, 4)

    def _paint_checks(self, painter: QPainter, target: QRectF, report: PortraitReport) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(14, min(20, round(target.height() / 30))))
        painter.setFont(font)
        line = painter.fontMetrics().height() + 2
        width = max(painter.fontMetrics().horizontalAdvance(check_line(c)) for c in report.checks) + 20
        panel = QRectF(target.x() + 8, target.y() + 8, width, line * len(report.checks) + 12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PANEL_COLOUR)
        painter.drawRoundedRect(panel, 6, 6)
        y = panel.y() + 6
        for check in report.checks:
            colour = IDLE_COLOUR if not check.evaluated else (PASS_COLOUR.lighter(150) if check.passed
                                                              else FAIL_COLOUR.lighter(120))
            painter.setPen(colour)
            painter.drawText(QRectF(panel.x() + 10, y, width, line), Qt.AlignmentFlag.AlignVCenter,
                             check_line(check))
            y += line

    def _paint_hint(self, painter: QPainter, target: QRectF, text: str, passed: bool) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(22, min(44, round(target.height() / 13))))
        font.setBold(True)
        painter.setFont(font)
        band_h = painter.fontMetrics().height() * 1.6
        band = QRectF(target.x(), target.bottom() - band_h, target.width(), band_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PANEL_COLOUR)
        painter.drawRect(band)
        painter.setPen(PASS_COLOUR.lighter(160) if passed else QColor("#ffffff"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _paint_countdown(self, painter: QPainter, target: QRectF, status: AutoCaptureStatus) -> None:
        radius = max(28.0, min(48.0, target.height() / 12))
        small = QFont(self.font())
        small.setPixelSize(max(14, round(radius * 0.38)))
        label_h = small.pixelSize() * 1.8
        panel = QRectF(target.right() - 2 * radius - 48, target.y() + 8, 2 * radius + 40,
                       2 * radius + 20 + label_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PANEL_COLOUR)
        painter.drawRoundedRect(panel, 8, 8)
        ring = QRectF(panel.center().x() - radius, panel.y() + 12, 2 * radius, 2 * radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 255, 255, 70), 6))
        painter.drawEllipse(ring)
        painter.setPen(QPen(PASS_COLOUR.lighter(140), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawArc(ring, 90 * 16, -round(360 * 16 * status.progress))
        font = QFont(self.font())
        font.setPixelSize(round(radius * 0.8))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        # The number of good frames still needed: it counts down while the applicant holds still.
        painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, str(status.frames_left) if status.frames_left
                         else "✓")
        painter.setFont(small)
        label = QRectF(panel.x(), ring.bottom() + 4, panel.width(), label_h)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.tr("Auto capture"))

    def _paint_message(self, painter: QPainter) -> None:
        self._paint_centered(painter, self._message, QColor("#ffcc80"))

    def _paint_centered(self, painter: QPainter, text: str, colour: QColor) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(20, min(32, self.height() // 16)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour)
        area = QRectF(self.rect()).adjusted(40, 40, -40, -40)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def polygon(self, corners: tuple[tuple[float, float], ...]) -> QPolygonF:
        """The target corners in widget coordinates (tests and accessibility)."""
        if self._image is None:
            return QPolygonF()
        to_widget, _ = self._frame_transform()
        return to_widget.map(QPolygonF([QPointF(x, y) for x, y in corners]))
