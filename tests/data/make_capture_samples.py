"""Regenerate the demo's bundled capture samples in resources/capture/ (run from the repository root):

    .venv/bin/python -m tests.data.make_capture_samples

Portrait frames: the public-domain astronaut photo (tests/data/astronaut.jpg, cut out with
astronaut_mask.png) walking into a plain light frame, then holding still, as the simulated camera replays
them. Document photos: specimen pages and cards typeset with ReportLab, photographed onto a real desk
texture by tests/unit/capture/pages.py. Only vendored files are used: no network, no scikit-image.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tests.unit.capture.pages import a4_page, desk, id_card, photograph
from tests.unit.capture.portraits import portrait_frame

ROOT = Path(__file__).resolve().parents[2] / "resources" / "capture"

# (face fraction of the frame height, horizontal centre): walking in from the left, then holding still.
APPROACH = [(0.20, 0.30), (0.24, 0.38), (0.27, 0.45)]
STEADY = 10


def portrait_frames() -> None:
    folder = ROOT / "portrait_frames"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jpg"):
        old.unlink()
    frames = [portrait_frame(face_fraction=f, cx=x, seed=i, jpeg=None) for i, (f, x) in enumerate(APPROACH)]
    for i in range(STEADY):  # small head movements, well inside the auto-capture jitter limit
        frames.append(portrait_frame(face_fraction=0.3, cx=0.5 + 0.002 * (i % 3 - 1), seed=10 + i, jpeg=None))
    for index, frame in enumerate(frames):
        cv2.imwrite(str(folder / f"frame_{index:02d}.jpg"), frame, [cv2.IMWRITE_JPEG_QUALITY, 82])


def _card_photo(side: str) -> np.ndarray:
    card = id_card(side)
    width, height = 1600, 1200
    cw = 0.72 * width
    ch = cw * card.shape[0] / card.shape[1]
    corners = np.array(
        [
            [width / 2 - cw / 2 + 6, height / 2 - ch / 2 + 14],
            [width / 2 + cw / 2 - 10, height / 2 - ch / 2],
            [width / 2 + cw / 2, height / 2 + ch / 2 - 8],
            [width / 2 - cw / 2, height / 2 + ch / 2],
        ]
    )
    return photograph(
        card,
        size=(width, height),
        corners=corners,
        background=desk(width, height, "brick.jpg"),
        gradient=0.15,
        jpeg=None,
        seed=4,
    ).image


def documents() -> None:
    folder = ROOT / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    samples = {
        "a4_form.jpg": photograph(
            a4_page(300, red_header=False),
            size=(2800, 2100),
            noise=1.2,
            background=desk(2800, 2100, "brick.jpg"),
            jpeg=None,
            seed=1,
        ).image,
        "a4_certificate.jpg": photograph(
            a4_page(300, seal=True, red_header=True),
            size=(2800, 2100),
            noise=1.2,
            background=desk(2800, 2100, "brick.jpg"),
            jpeg=None,
            seed=2,
        ).image,
        "id_front.jpg": _card_photo("front"),
        "id_back.jpg": _card_photo("back"),
    }
    for name, image in samples.items():
        cv2.imwrite(str(folder / name), image, [cv2.IMWRITE_JPEG_QUALITY, 70])


if __name__ == "__main__":
    portrait_frames()
    documents()
    for path in sorted(ROOT.rglob("*.jpg")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
