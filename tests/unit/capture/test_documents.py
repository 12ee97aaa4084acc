"""Document capture on photographed pages: a typeset A4 page, a specimen ID card and scikit-image's real
scans (page.png, text.png) laid on real desk textures (gravel, brick), photographed at 12 MP with uneven
light, noise and JPEG. Detection finds the corners, rectification forces the document's shape, and each
check fires on its defect."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from counter_app.capture.document import DocumentAnalysis, analyse_document, text_sharpness
from counter_app.capture.document_detect import detect_document, order_corners
from counter_app.capture.document_types import spec_for
from counter_app.capture.errors import InvalidCorners
from counter_app.capture.rectify import rectify
from counter_app.domain.materials import DocType
from tests.unit.capture.pages import DATA, a4_page, add_glare, desk, id_card, photograph

W, H = 3000, 2250  # 6.75 MP: an A4 page across the frame height still gives ~165 dpi
S = W / 4000  # the corner coordinates below are written for a 4000-pixel-wide frame


def failed(analysis: DocumentAnalysis) -> set[str]:
    return {c.name for c in analysis.failed}


def corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.abs(order_corners(found) - order_corners(truth)).max())


@pytest.fixture(scope="module")
def good_photo():  # type: ignore[no-untyped-def]
    return photograph(a4_page(300), size=(W, H))


@pytest.mark.parametrize("texture", ["gravel.jpg", "brick.jpg"])
def test_page_on_a_textured_desk_is_found_and_passes(texture: str) -> None:
    photo = photograph(a4_page(300), size=(W, H), background=desk(W, H, texture), seed=7)
    analysis = analyse_document(photo.image, DocType.A4)
    assert analysis.passed, [c.line() for c in analysis.checks]
    assert analysis.quad is not None
    assert corner_error(analysis.quad.points, photo.corners) < 0.001 * W  # sub-pixel line fit: ~1 px
    assert analysis.rectified is not None
    assert analysis.rectified.page.shape[:2] == (2339, 1654)  # A4 at 200 dpi, aspect forced


def test_page_on_a_real_photo_background_is_found() -> None:
    background = cv2.resize(cv2.imread(str(DATA / "coffee.jpg")), (W, H), interpolation=cv2.INTER_CUBIC)
    photo = photograph(a4_page(300), size=(W, H), background=background, seed=3)
    quad = detect_document(photo.image)
    assert quad is not None and corner_error(quad.points, photo.corners) < 0.004 * W


def _scan_photo(scan: str):  # type: ignore[no-untyped-def]
    page = cv2.imread(str(DATA / scan), cv2.IMREAD_COLOR)
    # The scans are small: enlarge them to a sheet and lay it on the desk at an angle.
    page = cv2.resize(page, None, fx=6, fy=6, interpolation=cv2.INTER_CUBIC)
    corners = np.array([[700, 500], [3300, 620], [3200, 2500], [820, 2380]], float) * S
    return photograph(page, size=(W, H), corners=corners, background=desk(W, H, "brick.jpg"), seed=2)


def test_real_scan_warped_onto_a_desk_is_found() -> None:
    photo = _scan_photo("text.png")
    quad = detect_document(photo.image)
    assert quad is not None
    assert corner_error(quad.points, photo.corners) < 0.006 * W


def test_a_corner_lost_in_shadow_is_fixed_by_the_clerk() -> None:
    # page.png's lower left lies in deep shadow, nearly as dark as the desk: three corners are found,
    # the fourth is where the clerk drags it.
    photo = _scan_photo("page.png")
    quad = detect_document(photo.image)
    assert quad is not None
    errors = np.abs(order_corners(quad.points) - order_corners(photo.corners)).max(axis=1)
    assert (errors < 0.006 * W).sum() >= 3
    corrected = analyse_document(photo.image, DocType.OTHER, corners=photo.corners)
    assert corrected.rectified is not None and "cut_off" not in failed(corrected)


def test_id_card_is_forced_to_its_shape_at_300_dpi() -> None:
    card = id_card("front")
    corners = np.array([[900, 700], [3050, 760], [3020, 2120], [880, 2060]], float) * S
    photo = photograph(card, size=(W, H), corners=corners, background=desk(W, H, "gravel.jpg"), seed=5)
    analysis = analyse_document(photo.image, DocType.ID_CARD)
    assert analysis.passed, [c.line() for c in analysis.checks]
    assert analysis.rectified is not None
    assert analysis.rectified.page.shape[:2] == (638, 1011)  # 85.6 x 54 mm at 300 dpi, landscape
    assert analysis.rectified.landscape


def test_blur_fails_sharp_text(good_photo) -> None:  # type: ignore[no-untyped-def]
    sharp = analyse_document(good_photo.image, DocType.A4)
    blurred = analyse_document(photograph(a4_page(300), size=(W, H), blur=3.0).image, DocType.A4)
    assert "page_sharpness" not in failed(sharp)
    assert "page_sharpness" in failed(blurred)
    assert "文字模糊" in blurred.hint()


def test_glare_fails() -> None:
    photo = photograph(a4_page(300), size=(W, H), seed=4)
    glared = add_glare(photo.image, (1575, 900), 120)
    analysis = analyse_document(glared, DocType.A4)
    assert "glare" in failed(analysis)
    assert analysis.hint().startswith("文件有反光")


def test_page_running_off_the_frame_is_cut_off() -> None:
    corners = np.array([[-250, 150], [1900, 100], [1980, 2950], [-200, 2900]], float) * S
    analysis = analyse_document(photograph(a4_page(300), size=(W, H), corners=corners).image, DocType.A4)
    assert "cut_off" in failed(analysis)


def test_small_far_page_fails_resolution() -> None:
    corners = np.array([[1600, 1000], [2300, 1000], [2300, 2000], [1600, 2000]], float) * S
    analysis = analyse_document(photograph(a4_page(300), size=(W, H), corners=corners).image, DocType.A4)
    assert "resolution" in failed(analysis)
    assert analysis.hint() == "文件太小或太远，请靠近拍摄"


def test_dark_photo_fails_exposure() -> None:
    analysis = analyse_document(photograph(a4_page(300), size=(W, H), light=0.3).image, DocType.A4)
    assert "page_exposure" in failed(analysis)


def test_no_page_at_all_asks_for_manual_corners() -> None:
    analysis = analyse_document(desk(2000, 1500, "gravel.jpg"), DocType.A4)
    assert analysis.quad is None and analysis.rectified is None
    assert failed(analysis) == {"outline"}
    assert "手动拖动四个角点" in analysis.hint()


def test_clerk_corrected_corners_rectify_at_full_resolution(good_photo) -> None:  # type: ignore[no-untyped-def]
    shuffled = good_photo.corners[[2, 0, 3, 1]]  # any order is accepted
    analysis = analyse_document(good_photo.image, DocType.A4, corners=shuffled)
    assert analysis.quad is not None and analysis.quad.method == "manual"
    assert analysis.passed
    turned = analyse_document(good_photo.image, DocType.A4, corners=good_photo.corners, quarter_turns=1)
    assert turned.rectified is not None and turned.rectified.page.shape[:2] == (1654, 2339)


@pytest.mark.parametrize(
    "corners",
    [
        [(0, 0), (10, 0), (10, 10)],  # three points
        [(0, 0), (100, 100), (0, 100), (100, 0)],  # crossing: fixed by ordering, but ...
        [(0, 0), (0, 0), (0, 0), (0, 0)],  # degenerate
        [(-9000, 0), (100, 0), (100, 100), (0, 100)],  # far outside the photo
    ],
)
def test_invalid_corners_are_refused(good_photo, corners: list[tuple[float, float]]) -> None:  # type: ignore[no-untyped-def]
    if corners == [(0, 0), (100, 100), (0, 100), (100, 0)]:
        result = rectify(good_photo.image, corners, spec_for(DocType.A4))  # reordered into a square
        assert result.page.shape[:2] == (2339, 1654)
        return
    with pytest.raises(InvalidCorners) as info:
        rectify(good_photo.image, corners, spec_for(DocType.A4))
    assert "角点" in info.value.message_zh


def test_free_aspect_documents_keep_their_measured_shape(good_photo) -> None:  # type: ignore[no-untyped-def]
    corners = np.array([[500, 500], [3500, 500], [3500, 2500], [500, 2500]], float) * S  # 3:2 landscape
    result = rectify(good_photo.image, corners, spec_for(DocType.BOOKLET))
    height, width = result.page.shape[:2]
    assert result.landscape and abs(width / height - 1.5) < 0.01
    assert width == round(190 / 25.4 * 300)


def test_text_sharpness_is_none_for_a_blank_page() -> None:
    assert text_sharpness(np.full((500, 400), 230, np.uint8)) is None


def test_a_grayscale_photo_works_too() -> None:
    photo = photograph(a4_page(300), size=(W, H), seed=8)
    gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY)
    analysis = analyse_document(gray, DocType.A4)
    assert analysis.passed and analysis.rectified is not None
    assert corner_error(analysis.quad.points, photo.corners) < 0.004 * W  # type: ignore[union-attr]
