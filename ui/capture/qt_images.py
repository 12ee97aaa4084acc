"""Numpy (OpenCV BGR) frames and encoded image bytes to Qt images, for display only."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage, QPixmap

from counter_app.capture.images import Image


def bgr_to_qimage(frame: Image) -> QImage:
    """A QImage that owns a copy of the pixels (the frame may be reused or freed by the caller)."""
    if frame.ndim == 2:
        gray = np.ascontiguousarray(frame)
        height, width = gray.shape
        return QImage(gray.data, width, height, gray.strides[0], QImage.Format.Format_Grayscale8).copy()
    rgb = np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888).copy()


def downscaled(frame: Image, max_side: int) -> tuple[Image, float]:
    """The frame shrunk so its long side is at most `max_side`, and the factor applied (≤ 1). A 12 MP
    photo is shown at screen size: converting it whole would cost 36 MB and a noticeable pause."""
    height, width = frame.shape[:2]
    factor = min(1.0, max_side / max(width, height))
    if factor >= 1.0:
        return frame, 1.0
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return np.asarray(cv2.resize(frame, size, interpolation=cv2.INTER_AREA), np.uint8), factor


def pixmap_from_bytes(data: bytes) -> QPixmap:
    """A pixmap from encoded image bytes (JPEG/PNG); a null pixmap when they cannot be decoded."""
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(data))
    return pixmap
