"""Encoding for a poor uplink: sizes within the targets, grayscale unless colour matters, and the 8 pt
print still legible after the whole chain (photo -> detect -> rectify -> flatten -> JPEG), judged against
the page rendered directly at the same resolution: structural similarity of the 8 pt text block and the
contrast of its strokes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from counter_app.capture.document import analyse_document
from counter_app.capture.document_types import spec_for
from counter_app.capture.encoding import (
    colour_fraction,
    encode_document,
    needs_colour,
    thumbnail,
    white_balance,
)
from counter_app.capture.pipeline import encode_document_capture
from counter_app.capture.rectify import rectify
from counter_app.domain.materials import DocType
from tests.unit.capture.pages import SMALL_TEXT_BOX_MM, a4_page, id_card, photograph

W, H = 4000, 3000


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity (Wang et al. 2004; Gaussian window σ 1.5), on 8-bit grayscale."""
    x, y = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    blur = lambda image: cv2.GaussianBlur(image, (11, 11), 1.5)  # noqa: E731
    mx, my = blur(x), blur(y)
    sxx, syy, sxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    value = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return float(value.mean())


def text_block(gray: np.ndarray, dpi: int = 200) -> np.ndarray:
    x0, y0, x1, y1 = (round(v / 25.4 * dpi) for v in SMALL_TEXT_BOX_MM)
    return gray[y0:y1, x0:x1]


def decode(data: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)


@pytest.fixture(scope="module")
def a4_capture():  # type: ignore[no-untyped-def]
    photo = photograph(a4_page(300), size=(W, H), seed=11)
    analysis = analyse_document(photo.image, DocType.A4)
    assert analysis.passed
    return photo, analysis


def test_a4_page_is_grayscale_and_under_250_kb(a4_capture) -> None:  # type: ignore[no-untyped-def]
    photo, analysis = a4_capture
    encoded = encode_document_capture(analysis, photo.image)
    assert encoded.main.size <= 250_000 and not encoded.main.colour
    page = decode(encoded.main.data)
    assert page.ndim == 2 and page.shape == (2339, 1654)  # 200 dpi
    assert max(encoded.thumb.width, encoded.thumb.height) == 256
    assert encoded.quality["colour"] is False


def test_8pt_text_stays_legible(a4_capture) -> None:  # type: ignore[no-untyped-def]
    photo, _ = a4_capture
    # Rectify with the true corners so the comparison measures the imaging chain, not the detection.
    page = rectify(photo.image, photo.corners, spec_for(DocType.A4)).page
    encoded = encode_document(page, spec_for(DocType.A4))
    result = text_block(decode(encoded.data))
    reference = text_block(cv2.cvtColor(a4_page(200), cv2.COLOR_BGR2GRAY))
    assert result.shape == reference.shape
    similarity = ssim(result, reference)
    assert similarity >= 0.75, similarity
    # The strokes stay dark on white paper: the contrast a reader needs.
    assert np.percentile(result, 2) < 90 and np.percentile(result, 60) > 235
    # A blurred photograph of the same page falls well below (the measure can tell).
    blurred = photograph(a4_page(300), size=(W, H), seed=11, blur=3.0)
    soft = rectify(blurred.image, blurred.corners, spec_for(DocType.A4)).page
    soft_block = text_block(decode(encode_document(soft, spec_for(DocType.A4)).data))
    assert ssim(soft_block, reference) < similarity - 0.15


def test_seal_and_red_header_keep_colour() -> None:
    photo = photograph(a4_page(300, seal=True, red_header=True), size=(W, H), seed=12)
    analysis = analyse_document(photo.image, DocType.CERTIFICATE_A4)
    encoded = encode_document_capture(analysis, photo.image)
    assert encoded.main.colour and encoded.main.size <= 250_000
    page = decode(encoded.main.data)
    assert page.ndim == 3
    b, g, r = (page[:, :, c].astype(int) for c in range(3))
    assert ((r - g > 80) & (r - b > 80)).sum() > 1000  # the seal is still red


def test_a_yellow_desk_lamp_does_not_make_a_page_coloured() -> None:
    page = cv2.cvtColor(cv2.cvtColor(a4_page(200), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR).astype(np.float32)
    tinted = np.clip(page * np.array([0.55, 0.8, 1.0], np.float32), 0, 255).astype(np.uint8)  # warm light
    assert colour_fraction(tinted) > 0.002  # without white balance it would look coloured
    assert not needs_colour(white_balance(tinted), spec_for(DocType.A4))


def test_id_card_is_colour_at_300_dpi_and_small() -> None:
    card = id_card("front")
    corners = np.array([[900, 700], [3050, 760], [3020, 2120], [880, 2060]], float)
    photo = photograph(card, size=(W, H), corners=corners, seed=6)
    analysis = analyse_document(photo.image, DocType.ID_CARD)
    encoded = encode_document_capture(analysis, photo.image)
    assert encoded.main.colour and (encoded.main.width, encoded.main.height) == (1011, 638)
    assert encoded.main.size <= 120_000


def test_original_photo_bytes_are_kept_as_given(a4_capture) -> None:  # type: ignore[no-untyped-def]
    photo, analysis = a4_capture
    _, data = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    encoded = encode_document_capture(analysis, photo.image, original_bytes=bytes(data))
    assert encoded.original.data == bytes(data) and encoded.original.mime == "image/jpeg"


def test_thumbnail_keeps_the_aspect() -> None:
    thumb = thumbnail(np.zeros((2339, 1654), np.uint8))
    assert (thumb.width, thumb.height) == (181, 256)
