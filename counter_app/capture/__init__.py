"""Capture: camera sources, the portrait quality gate and ID-photo crop, document detection and
rectification, and compact encoding for a poor uplink (issue 3). No Qt here; the dialogs call this.

Typical use by a capture dialog (the frame loop runs on a worker through ui.tasks):

Portrait
    source = source_for_settings(settings)            # FrameSource: open/read/close, context manager
    analyzer = PortraitAnalyzer()                     # one per preview stream (tracks the face)
    auto = AutoCapture(analyzer.config)
    report = analyzer.analyse(frame)                  # PortraitReport: checks, face, target_corners, hint()
    status = auto.update(report)                      # AutoCaptureStatus: should_capture, progress
    capture = make_portrait_capture(frame, report, override_reason=None | "reason")  # manual: reason
    materials.store_portrait(case_id, capture)        # MaterialService (counter_app.services.materials)

Document
    photo = load_image(path) / decode_image(bytes)
    analysis = analyse_document(photo, slot.doc_type)                     # detect + rectify + checks
    analysis = analyse_document(photo, slot.doc_type, corners=[...4 points...])   # clerk's corners
    materials.store_document(case_id, slot.key, analysis, photo, override_reason=..., original_bytes=...)
"""

from __future__ import annotations

from counter_app.capture.autocapture import (
    AutoCapture,
    AutoCaptureState,
    AutoCaptureStatus,
    OverrideReasonMissing,
    manual_override_reason,
)
from counter_app.capture.checks import CHECK_LABELS, CheckResult
from counter_app.capture.document import DocumentAnalysis, DocumentCheckConfig, analyse_document
from counter_app.capture.document_detect import Quad, detect_document, order_corners
from counter_app.capture.document_types import SPECS, ColourPolicy, DocumentSpec, spec_for
from counter_app.capture.encoding import EncodedImage, encode_document, encode_portrait, thumbnail
from counter_app.capture.errors import (
    CameraDisconnected,
    CaptureError,
    ImageTooLarge,
    ImageUnreadable,
    InvalidCorners,
    NoCameraError,
    NoDocumentFound,
    SourceNotFound,
)
from counter_app.capture.face_detect import Box, Face, FaceDetector, HaarFaceDetector, TrackingFaceDetector
from counter_app.capture.id_photo import IdPhotoGeometry, crop_corners_in_frame, make_id_photo
from counter_app.capture.images import Image, decode_image, load_image
from counter_app.capture.pipeline import (
    EncodedCapture,
    PortraitCapture,
    encode_document_capture,
    encode_portrait_capture,
    make_portrait_capture,
)
from counter_app.capture.portrait import PortraitAnalyzer, PortraitReport, analyse_portrait
from counter_app.capture.portrait_config import PortraitConfig
from counter_app.capture.rectify import Rectified, rectify
from counter_app.capture.sources import (
    CameraInfo,
    CameraSource,
    FrameSource,
    ImageSequenceSource,
    SimulatedCamera,
    StillImageSource,
    VideoFileSource,
    list_cameras,
    source_for_settings,
)

__all__ = [
    "CHECK_LABELS", "SPECS", "AutoCapture", "AutoCaptureState", "AutoCaptureStatus", "Box",
    "CameraDisconnected", "CameraInfo", "CameraSource", "CaptureError", "CheckResult", "ColourPolicy",
    "DocumentAnalysis",
    "DocumentCheckConfig", "DocumentSpec", "EncodedCapture", "EncodedImage", "Face", "FaceDetector",
    "FrameSource", "HaarFaceDetector", "IdPhotoGeometry", "Image", "ImageSequenceSource", "ImageTooLarge",
    "ImageUnreadable", "InvalidCorners", "NoCameraError", "NoDocumentFound", "OverrideReasonMissing",
    "PortraitAnalyzer", "PortraitCapture", "PortraitConfig", "PortraitReport", "Quad", "Rectified",
    "SimulatedCamera", "SourceNotFound", "StillImageSource", "TrackingFaceDetector", "VideoFileSource",
    "analyse_document", "analyse_portrait", "crop_corners_in_frame", "decode_image", "detect_document",
    "encode_document", "encode_document_capture", "encode_portrait", "encode_portrait_capture",
    "list_cameras", "load_image", "make_id_photo", "make_portrait_capture", "manual_override_reason",
    "order_corners", "rectify", "source_for_settings", "spec_for", "thumbnail",
]
