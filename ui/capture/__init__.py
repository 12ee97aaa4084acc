"""Capture in the desktop client (issue 3): the materials panel of a case, the live portrait dialog, the
document capture view with draggable corners, and the camera settings."""

from ui.capture.camera_settings import CameraSettingsDialog
from ui.capture.document_dialog import DocumentCaptureDialog
from ui.capture.frame_stream import FrameStream, LiveFrame
from ui.capture.materials_panel import MaterialsPanel
from ui.capture.portrait_dialog import PortraitCaptureDialog

__all__ = ["CameraSettingsDialog", "DocumentCaptureDialog", "FrameStream", "LiveFrame", "MaterialsPanel",
           "PortraitCaptureDialog"]
