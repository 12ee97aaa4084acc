"""From an accepted frame or analysed photo to the three encoded images that are stored and sent:
the main image (ID photo or flattened page), its thumbnail, and the original kept locally until the
district confirms receipt.

A capture that fails a check is only accepted with the clerk's reason (recorded with the material).
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.capture.autocapture import OverrideReasonMissing, manual_override_reason
from counter_app.capture.document import DocumentAnalysis
from counter_app.capture.encoding import (
    EncodedImage,
    encode_document,
    encode_original,
    encode_portrait,
    thumbnail,
)
from counter_app.capture.errors import NoDocumentFound
from counter_app.capture.face_detect import Box, Face
from counter_app.capture.id_photo import IdPhotoGeometry, make_id_photo
from counter_app.capture.images import Image
from counter_app.capture.portrait import PortraitReport
from counter_app.domain.materials import DocType, MaterialKind


@dataclass(frozen=True)
class PortraitCapture:
    photo: Image  # the 358×441 ID photo
    frame: Image  # the frame it was cut from
    report: PortraitReport
    override_reason: str | None  # set when the frame did not pass every check


@dataclass(frozen=True)
class EncodedCapture:
    kind: MaterialKind
    doc_type: DocType
    main: EncodedImage
    thumb: EncodedImage
    original: EncodedImage
    quality: dict[str, object]  # check scores, no image or personal data
    override_reason: str | None


def make_portrait_capture(frame: Image, report: PortraitReport, *, override_reason: str | None = None,
                          geometry: IdPhotoGeometry | None = None) -> PortraitCapture:
    """Cut the ID photo from the frame the report describes. A frame that failed a check needs a reason
    (raises OverrideReasonMissing); without a face the crop is taken from the middle of the frame."""
    reason = manual_override_reason(report, override_reason)
    face = report.face
    if face is None:
        height, width = frame.shape[:2]
        side = round(height * 0.3)
        face = Face(Box(width // 2 - side // 2, round(height * 0.42) - side // 2, side, side))
    return PortraitCapture(make_id_photo(frame, face, geometry), frame, report, reason)


def encode_portrait_capture(capture: PortraitCapture) -> EncodedCapture:
    return EncodedCapture(MaterialKind.PORTRAIT, DocType.PORTRAIT, encode_portrait(capture.photo),
                          thumbnail(capture.photo, 128), encode_original(capture.frame),
                          capture.report.scores(), capture.override_reason)


def encode_document_capture(analysis: DocumentAnalysis, photo: Image, *, override_reason: str | None = None,
                            original_bytes: bytes | None = None) -> EncodedCapture:
    """Encode an analysed page. `original_bytes` (the photo file as the camera wrote it) is kept as the
    original when given, else the photo is re-encoded. Raises NoDocumentFound without an outline and
    OverrideReasonMissing for a failing page without a reason."""
    if analysis.rectified is None:
        raise NoDocumentFound()
    reason = None
    if not analysis.passed:
        reason = (override_reason or "").strip()[:500]
        if not reason:
            raise OverrideReasonMissing()
    main = encode_document(analysis.rectified.page, analysis.spec)
    if original_bytes is not None:
        original = EncodedImage(original_bytes, _sniff_mime(original_bytes), photo.shape[1], photo.shape[0],
                                0, photo.ndim == 3)
    else:
        original = encode_original(photo)
    quality = {**analysis.scores(), "colour": main.colour, "jpeg_quality": main.quality}
    return EncodedCapture(MaterialKind.DOCUMENT, analysis.doc_type, main, thumbnail(analysis.rectified.page),
                          original, quality, reason)


def _sniff_mime(data: bytes) -> str:
    if data[:2] == b"\xff\xd8":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
