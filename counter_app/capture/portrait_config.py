"""Every threshold of the portrait quality gate, in one place.

Calibrated on real photographs: scikit-image's astronaut (as is, and cut out onto plain, dark and busy
backgrounds at 640×480 to 1920×1080 and 12-55 % face height), its cameraman (turned face), and, locally
only (not redistributable, so not in the repository), faces from a group photo and a 112 px face crop;
then on degraded copies (Gaussian blur σ 1-4, exposure ×0.35 and ×1.6, one-sided light, sensor noise
σ 8, rotation, painted hats). Examples: sharpness measured 105-125 on the sharp astronaut frames, 60-82
on sharp but JPEG-soft group-photo faces, ~68 at blur σ 1 and ~40 at σ 1.5 (face 144 px), 10 at σ 3.
The limits sit between the good and the degraded values with room on the good side, because a gate that
refuses good applicants is worse than one the clerk overrides (with a recorded reason).

Scales are chosen so a threshold does not depend on the camera: face measurements are made on the face
resized to `face_size` pixels; positions and sizes are fractions of the frame.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PortraitConfig:
    # --- framing ---
    max_centre_offset_x: float = 0.12  # |face centre - frame centre| / frame width
    min_face_centre_y: float = 0.22  # face centre height / frame height: room for the head above ...
    max_face_centre_y: float = 0.62  # ... and for the shoulders below
    min_face_height_fraction: float = 0.20  # face box height / frame height: smaller is "too far"
    max_face_height_fraction: float = 0.46  # larger: the ID crop (head = 2/3 of it) leaves the frame
    min_second_face_ratio: float = 0.6  # smaller extra detections are ignored (see portrait.py)
    min_face_pixels: int = 96  # face box width in pixels; below it the 207 px ID face is mostly upscaled

    # --- pose (needs both eyes) ---
    max_eye_tilt_deg: float = 8.0  # roll: angle of the line through the eyes
    max_eye_offset: float = 0.18  # yaw: |eye midpoint - face centre| / face width
    min_eye_distance: float = 0.28  # eye distance / face width (a turned head brings the eyes together)
    max_eye_distance: float = 0.62

    # --- face image quality, measured on the face resized to face_size x face_size ---
    face_size: int = 128
    sharpness_size: int = 96  # the face box is resized to this for the sharpness measure
    min_sharpness: float = 45.0  # variance of the Laplacian after a light 3x3 Gaussian denoise
    min_face_brightness: float = 85.0  # mean gray level of the inner face (0-255)
    max_face_brightness: float = 210.0
    min_face_contrast: float = 22.0  # standard deviation of the inner face
    max_side_imbalance: float = 0.28  # |left half - right half| / mean: one-sided lighting
    highlight_level: int = 250
    max_highlight_fraction: float = 0.02  # share of blown-out face pixels (flash, glasses glare)

    # --- head and background ---
    max_hat_fraction: float = 0.45  # share of the band above the forehead unlike the hair at the
    #                                 temples, the skin and the background: a hat or head covering
    hat_colour_distance: float = 16.0  # Lab distance (lightness weighted 1/3) that still counts as alike
    min_background_brightness: float = 135.0  # median gray level beside and above the head
    max_background_texture: float = 0.06  # share of background pixels on an edge (gradient > edge_level)
    background_edge_level: float = 40.0
    max_background_std: float = 28.0

    # --- auto-capture ---
    stable_frames: int = 8  # all checks pass this many consecutive frames -> capture (~0.5 s at 15 fps)
    max_jitter: float = 0.06  # face centre movement between frames / face width; more restarts the count
