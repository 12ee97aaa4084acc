"""The ID-photo crop of domain.md §5 (GA 461 geometry), so the portrait can be compared with the ID-card
photo: 358×441 px, face width about 207±14 px, head about 2/3 of the height, background kept.

The crop is one affine transform of the frame (scale, the roll that levels the eyes, translation); where
it reaches past the frame edge the edge colour is repeated rather than leaving black borders.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from counter_app.capture.face_detect import Face
from counter_app.capture.images import Image


@dataclass(frozen=True)
class IdPhotoGeometry:
    width: int = 358  # 26 mm at 350 dpi
    height: int = 441  # 32 mm at 350 dpi
    face_width: float = 207.0
    face_width_tolerance: float = 14.0
    head_top: float = 31.0  # the crown of the head sits this far below the top edge (about 7 %)
    # How the detector's face box relates to the head (measured on the Haar frontal-face box): the box
    # is about as wide as the face, and the crown lies 0.42 box heights above the box.
    box_to_face_width: float = 1.0
    crown_above_box: float = 0.42
    max_roll_correction_deg: float = 15.0

    @property
    def head_height(self) -> float:
        """Crown to chin: about 2/3 of the photo."""
        return self.height * 2 / 3


def _roll_degrees(face: Face) -> float:
    if face.left_eye is None or face.right_eye is None:
        return 0.0
    (lx, ly), (rx, ry) = face.left_eye, face.right_eye
    return math.degrees(math.atan2(ry - ly, rx - lx))


def crop_transform(face: Face, geometry: IdPhotoGeometry | None = None) -> npt.NDArray[np.float64]:
    """The 2×3 affine matrix taking frame coordinates to ID-photo coordinates."""
    g = geometry or IdPhotoGeometry()
    box = face.box
    scale = g.face_width / (box.w * g.box_to_face_width)
    roll = _roll_degrees(face)
    if abs(roll) > g.max_roll_correction_deg:
        roll = 0.0  # a wildly tilted eye line is a detection error, not a head to straighten
    out_box_h = box.h * scale
    target_x = g.width / 2
    target_y = g.head_top + g.crown_above_box * out_box_h + out_box_h / 2
    matrix = cv2.getRotationMatrix2D((box.cx, box.cy), roll, scale)
    matrix[0, 2] += target_x - box.cx
    matrix[1, 2] += target_y - box.cy
    return np.asarray(matrix, dtype=np.float64)


def crop_corners_in_frame(face: Face, geometry: IdPhotoGeometry | None = None) -> npt.NDArray[np.float64]:
    """The ID photo's four corners (tl, tr, br, bl) in frame coordinates: the overlay's target frame."""
    g = geometry or IdPhotoGeometry()
    inverse = cv2.invertAffineTransform(crop_transform(face, g))
    corners = np.array([[0, 0, 1], [g.width, 0, 1], [g.width, g.height, 1], [0, g.height, 1]], np.float64)
    return np.asarray(corners @ inverse.T, dtype=np.float64)


def make_id_photo(frame: Image, face: Face, geometry: IdPhotoGeometry | None = None) -> Image:
    """The 358×441 BGR ID photo cut from `frame` around `face`."""
    g = geometry or IdPhotoGeometry()
    matrix = crop_transform(face, g)
    scale = float(np.hypot(matrix[0, 0], matrix[0, 1]))
    # Shrinking a large face: smooth first so the resampled photo does not alias (INTER_AREA cannot rotate).
    source = frame
    if scale < 0.7:
        sigma = 0.5 / scale
        source = np.asarray(cv2.GaussianBlur(frame, (0, 0), sigma), np.uint8)
    photo = cv2.warpAffine(source, matrix, (g.width, g.height), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(photo, dtype=np.uint8)
