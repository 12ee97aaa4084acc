"""The photo of a document with its detected outline and four corner handles the clerk can move.

Mouse: drag a handle. Keyboard: Tab / Shift+Tab step through the four handles (then on to the next
control), the arrow keys move the selected handle by one screen pixel (with Shift by ten). Corners are
kept in the full-resolution photo's coordinates; the widget only shows a downscaled copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Corner = tuple[float, float]
HANDLE_RADIUS = 10.0
GRAB_DISTANCE = 22.0  # a press this close to a handle (screen pixels) picks it up
OK_COLOUR = QColor("#43a047")
BAD_COLOUR = QColor("#e53935")
SELECTED_COLOUR = QColor("#ff9800")


def default_corners(width: int, height: int, inset: float = 0.1) -> list[Corner]:
    """A starting outline when nothing was detected: the clerk drags it onto the page."""
    x0, y0, x1, y1 = width * inset, height * inset, width * (1 - inset), height * (1 - inset)
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


class CornerEditor(QWidget):
    """Signals:
        corners_changed(list): the clerk moved a corner (on release, or per arrow-key step); carries the
            four corners (tl, tr, br, bl order as given) in photo coordinates.
    """

    corners_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._photo_size = (0, 0)
        self._corners: list[Corner] = []
        self._selected = -1
        self._dragging = False
        self._outline_ok = True
        self._names = (self.tr("top left"), self.tr("top right"), self.tr("bottom right"),
                       self.tr("bottom left"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(360, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Document photo with corner handles"))

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- state ----------------------------------------------------------------------------------------

    def set_photo(self, display: QImage, photo_size: tuple[int, int], corners: Sequence[Corner]) -> None:
        """Show `display` (a downscaled copy of a photo of `photo_size`) with these corners."""
        self._image = display
        self._photo_size = photo_size
        self._corners = [(float(x), float(y)) for x, y in corners]
        self._selected = -1
        self.update()

    def clear(self) -> None:
        self._image = None
        self._corners = []
        self._selected = -1
        self.update()

    def has_photo(self) -> bool:
        return self._image is not None

    def corners(self) -> list[Corner]:
        return list(self._corners)

    def set_corners(self, corners: Sequence[Corner]) -> None:
        """Replace the outline without emitting (e.g. after a new automatic detection)."""
        self._corners = [(float(x), float(y)) for x, y in corners]
        self.update()

    def set_outline_ok(self, ok: bool) -> None:
        self._outline_ok = ok
        self.update()

    def selected(self) -> int:
        return self._selected

    def select(self, index: int) -> None:
        self._selected = index
        if 0 <= index < len(self._names):
            self.setAccessibleDescription(self.tr("Corner {number} ({name}) selected; arrow keys move it")
                                          .format(number=index + 1, name=self._names[index]))
        self.update()

    # --- geometry -------------------------------------------------------------------------------------

    def _scale(self) -> tuple[float, QPointF]:
        """Photo pixels to widget pixels: (scale, offset)."""
        width, height = self._photo_size
        if not width or not height:
            return 1.0, QPointF()
        scale = min(self.width() / width, self.height() / height)
        return scale, QPointF((self.width() - width * scale) / 2, (self.height() - height * scale) / 2)

    def to_widget(self, corner: Corner) -> QPointF:
        scale, offset = self._scale()
        return QPointF(corner[0] * scale + offset.x(), corner[1] * scale + offset.y())

    def to_photo(self, point: QPointF) -> Corner:
        scale, offset = self._scale()
        width, height = self._photo_size
        x = (point.x() - offset.x()) / scale
        y = (point.y() - offset.y()) / scale
        return (min(max(0.0, x), float(width - 1)), min(max(0.0, y), float(height - 1)))

    def handle_position(self, index: int) -> QPointF:
        """Where handle `index` is drawn, in widget coordinates."""
        return self.to_widget(self._corners[index])

    # --- painting -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#303134"))
        if self._image is None:
            painter.setPen(QColor("#e0e0e0"))
            painter.drawText(QRectF(self.rect()).adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("Take a photo with the camera or choose an image file."))
            painter.end()
            return
        scale, offset = self._scale()
        width, height = self._photo_size
        painter.drawImage(QRectF(offset.x(), offset.y(), width * scale, height * scale), self._image)
        if len(self._corners) == 4:
            points = [self.to_widget(c) for c in self._corners]
            colour = OK_COLOUR if self._outline_ok else BAD_COLOUR
            painter.setPen(QPen(colour, 3))
            painter.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 40))
            painter.drawPolygon(QPolygonF(points))
            for index, point in enumerate(points):
                selected = index == self._selected
                painter.setPen(QPen(QColor("#ffffff") if selected else colour, 3))
                painter.setBrush(SELECTED_COLOUR if selected else QColor(255, 255, 255, 200))
                radius = HANDLE_RADIUS + (3 if selected else 0)
                painter.drawEllipse(point, radius, radius)
                painter.setPen(QColor("#000000"))
                painter.drawText(QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius),
                                 Qt.AlignmentFlag.AlignCenter, str(index + 1))
        if self.hasFocus():
            painter.setPen(QPen(SELECTED_COLOUR, 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    # --- mouse ----------------------------------------------------------------------------------------

    def _nearest(self, point: QPointF) -> int:
        best, best_distance = -1, GRAB_DISTANCE
        for index, corner in enumerate(self._corners):
            handle = self.to_widget(corner)
            distance = ((handle.x() - point.x()) ** 2 + (handle.y() - point.y()) ** 2) ** 0.5
            if distance <= best_distance:
                best, best_distance = index, distance
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._image is None:
            return
        index = self._nearest(event.position())
        if index >= 0:
            self.select(index)
            self._dragging = True

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging and self._selected >= 0:
            self._corners[self._selected] = self.to_photo(event.position())
            self.update()
        elif self._image is not None:
            near = self._nearest(event.position()) >= 0
            self.setCursor(Qt.CursorShape.SizeAllCursor if near else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self._corners[self._selected] = self.to_photo(event.position())
            self.update()
            self.corners_changed.emit(self.corners())

    # --- keyboard -------------------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._corners and self._selected < 0:
            backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
            self.select(len(self._corners) - 1 if backwards else 0)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the four handles before leaving the widget.
        if self.hasFocus() and len(self._corners) == 4:
            if next and self._selected < 3:
                self.select(self._selected + 1)
                return True
            if not next and self._selected > 0:
                self.select(self._selected - 1)
                return True
        self.select(-1)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                 Qt.Key.Key_Down: (0, 1)}
        key = Qt.Key(event.key())
        if key not in steps or not (0 <= self._selected < len(self._corners)):
            super().keyPressEvent(event)
            return
        step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        dx, dy = steps[key]
        handle = self.to_widget(self._corners[self._selected])
        self._corners[self._selected] = self.to_photo(QPointF(handle.x() + dx * step, handle.y() + dy * step))
        self.update()
        self.corners_changed.emit(self.corners())
