"""Reading the case number back from a slip's QR code in a camera frame or a scanned image.

OpenCV's QR detector is used as is on the frame first; a phone-camera frame of a slip held at arm's length
often has the code small and soft, so a grey, contrast-stretched and upscaled copy is tried next. A desk
scanner that types the payload (a keyboard-wedge scanner) needs none of this: `case_number_from_text`
reads what it typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import cv2
import numpy as np
import numpy.typing as npt

# The counter's case numbers: <township>-<counter>-<YYYYMMDD>-<sequence>, e.g. 510411001-01-20261127-0001.
CASE_NUMBER = re.compile(r"[0-9]{6,12}(?:-[0-9A-Za-z]{1,8})?-[0-9]{8}-[0-9]{4,6}")


def decode_qr(frame: npt.NDArray[np.uint8]) -> str | None:
    """The payload of a QR code found in a BGR, BGRA or grey image, or None. With several codes in view
    (the slip has two) the case number's is preferred."""
    payloads = decode_all(frame, stop=lambda found: any(case_number_from_text(p) for p in found))
    for payload in payloads:
        if case_number_from_text(payload):
            return payload
    return payloads[0] if payloads else None


def decode_all(frame: npt.NDArray[np.uint8],
               stop: Callable[[list[str]], bool] | None = None) -> list[str]:
    """Every QR payload found, trying the frame as it is and then cleaned-up copies until `stop` says
    enough. OpenCV's ArUco-based detector finds small and several codes more reliably than the classic
    one; the classic one still reads some the other misses, so both are asked."""
    if frame is None or frame.size == 0:
        return []
    found: list[str] = []
    aruco = cv2.QRCodeDetectorAruco()
    classic = cv2.QRCodeDetector()
    for candidate in _candidates(frame):
        for detector in (aruco, classic):
            ok, texts, _points, _codes = detector.detectAndDecodeMulti(candidate)
            if ok:
                found.extend(str(t) for t in texts if t and str(t) not in found)
        if stop is not None and stop(found):
            break
    return found


def _candidates(frame: npt.NDArray[np.uint8]) -> list[npt.NDArray[Any]]:
    image: npt.NDArray[Any] = np.ascontiguousarray(frame, dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    grey: npt.NDArray[Any] = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    stretched: npt.NDArray[Any] = cv2.normalize(grey, np.empty_like(grey), 0, 255, cv2.NORM_MINMAX)
    out = [image, stretched]
    if max(grey.shape[:2]) < 1600:  # small codes: upscale so each module spans several pixels
        out.append(cv2.resize(stretched, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC))
    binary = cv2.adaptiveThreshold(stretched, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 51, 10)
    out.append(binary)
    return out


def case_number_from_text(text: str) -> str | None:
    """A case number from what was scanned or typed: the bare number, a link carrying `case=<number>`,
    or text containing one. None if there is none."""
    text = text.strip()
    if not text:
        return None
    if "://" in text:
        query = parse_qs(urlparse(text).query)
        for value in query.get("case", []):
            match = CASE_NUMBER.search(value)
            if match:
                return match.group(0)
    match = CASE_NUMBER.search(text)
    return match.group(0) if match else None
