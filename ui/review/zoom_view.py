"""An image with zoom and pan for reading documents: wheel zooms around the cursor, dragging pans,
double-click (or 适应窗口) fits the whole page. A text placeholder stands in while there is no image
(not uploaded yet, or loading).

`ui.capture.image_view.ImageView` only paints to fit, so this is a QGraphicsView instead; the image lives
in memory only (a QPixmap), never in a file.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

MIN_SCALE, MAX_SCALE = 0.02, 16.0
WHEEL_STEP = 1.25


class ZoomImageView(QGraphicsView):
    """Signals:
        zoom_changed(float): the scale changed (1.0 = one image pixel per screen pixel).
    """

    zoom_changed = Signal(float)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self._placeholder = placeholder
        self._fit = True  # keep fitting on resize until the reviewer zooms
        self.caption = ""  # what is shown (tests, screenshots): e.g. "缩略图" or ""
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#e8eaed"))
        self.setMinimumSize(160, 140)

    # --- content -----------------------------------------------------------------------------------

    def set_image(self, image: QImage | None) -> None:
        had_image = self.has_image()
        pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else QPixmap()
        self._item.setPixmap(pixmap)
        self._scene.setSceneRect(QRectF(pixmap.rect()) if not pixmap.isNull() else QRectF())
        # A sharper version of the same page (thumbnail -> full) keeps the reviewer's fit choice.
        if not had_image or self._fit:
            self.fit()
        self.viewport().update()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def image_size(self) -> tuple[int, int]:
        pixmap = self._item.pixmap()
        return pixmap.width(), pixmap.height()

    # --- zoom --------------------------------------------------------------------------------------

    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def fit(self) -> None:
        self._fit = True
        if self.has_image():
            self.resetTransform()
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom_changed.emit(self.scale_factor())

    def zoom_by(self, factor: float) -> None:
        if not self.has_image():
            return
        target = min(MAX_SCALE, max(MIN_SCALE, self.scale_factor() * factor))
        step = target / self.scale_factor()
        if abs(step - 1.0) > 1e-6:
            self._fit = False
            self.scale(step, step)
            self.zoom_changed.emit(self.scale_factor())

    def actual_size(self) -> None:
        if self.has_image():
            self._fit = False
            self.resetTransform()
            self.zoom_changed.emit(1.0)

    # --- events ------------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(WHEEL_STEP if delta > 0 else 1 / WHEEL_STEP)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.fit()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    def drawForeground(self, painter: QPainter, rect: QRectF | object) -> None:
        if self.has_image() or not self._placeholder:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(QColor("#5f6368"))
        painter.drawText(QRectF(self.viewport().rect()).adjusted(12, 12, -12, -12),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
        painter.restore()
