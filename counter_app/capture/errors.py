"""Errors of the capture layer, each with a message the clerk can read (Chinese first)."""

from __future__ import annotations

from counter_app.errors import UserFacingError


class CaptureError(UserFacingError):
    """Base class of capture errors."""


class NoCameraError(CaptureError):
    def __init__(self, detail_en: str = "") -> None:
        super().__init__("未找到可用的摄像头，请检查摄像头是否已连接、未被其他程序占用，或在设置中选择其他摄像头",
                         "No usable camera was found; check that it is connected and not used by another "
                         "program, or choose another camera in the settings" + (f" ({detail_en})" if detail_en
                                                                               else ""))


class CameraDisconnected(CaptureError):
    def __init__(self) -> None:
        super().__init__("摄像头没有画面，可能已断开，请检查连接后重试",
                         "The camera stopped delivering frames; it may have been unplugged")


class SourceNotFound(CaptureError):
    def __init__(self, what: str) -> None:
        super().__init__("找不到图像或视频文件，请重新选择", f"The image or video file was not found: {what}")


class ImageUnreadable(CaptureError):
    def __init__(self, what: str = "") -> None:
        super().__init__("无法读取该图片，文件可能已损坏或不是图片格式",
                         "The image cannot be read; the file may be damaged or not an image"
                         + (f" ({what})" if what else ""))


class ImageTooLarge(CaptureError):
    def __init__(self, pixels: int, limit: int) -> None:
        super().__init__("图片分辨率过大，无法处理，请使用较小的图片",
                         f"The image is too large to process ({pixels} pixels, limit {limit})")


class InvalidCorners(CaptureError):
    def __init__(self) -> None:
        super().__init__("文件四角位置无效，请重新调整四个角点",
                         "The four corners do not form a valid page outline; adjust them again")


class NoDocumentFound(CaptureError):
    def __init__(self) -> None:
        super().__init__("未检测到文件边缘，请将文件平放在深色桌面上重新拍摄，或手动调整四个角点",
                         "No page outline was found; lay the document on a dark desk and retake it, or drag "
                         "the four corners by hand")
