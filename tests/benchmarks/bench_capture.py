"""Capture timings and sizes: portrait analysis per frame, the 12-megapixel document pipeline, and the
bytes of each encoded kind.

Run: .venv/bin/python -m tests.benchmarks.bench_capture [repeats]
Prints a table; not a pass/fail test. Targets (issue 3): portrait analysis ≤ 15 ms per 1280×720 frame,
12 MP document ≤ 250 ms, portrait ≤ 40 KB, A4 ≤ 250 KB. Wall time depends on what else the machine runs,
so the process CPU time per run is printed too (it does not count time spent waiting for a core).
"""

from __future__ import annotations

import functools
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from counter_app.capture.document import analyse_document
from counter_app.capture.encoding import encode_document
from counter_app.capture.face_detect import HaarFaceDetector
from counter_app.capture.images import decode_image
from counter_app.capture.pipeline import encode_portrait_capture, make_portrait_capture
from counter_app.capture.portrait import PortraitAnalyzer
from counter_app.domain.materials import DocType
from tests.unit.capture.pages import a4_page, id_card, photograph
from tests.unit.capture.portraits import portrait_frame


def measure(fn: Callable[[], Any], repeats: int) -> tuple[float, float, float]:
    """(median wall ms, 90th percentile wall ms, mean CPU ms) over `repeats` runs after one warm-up."""
    fn()
    walls, cpu_start = [], time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        walls.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / repeats
    return statistics.median(walls), float(np.percentile(walls, 90)), cpu


def _live(frames: list[np.ndarray], repeats: int) -> tuple[float, float, float]:
    """A preview stream: one tracking analyser fed the frames in turn."""
    tracking = PortraitAnalyzer()  # what the live preview uses
    position = iter(range(10**9))
    return measure(lambda: tracking.analyse(frames[next(position) % len(frames)]), repeats)


def row(label: str, values: tuple[float, float, float], target: str = "") -> None:
    median, p90, cpu = values
    print(f"{label:<52} {median:>9.1f} {p90:>9.1f} {cpu:>9.1f}   {target}")


def main(repeats: int = 30) -> None:
    print(
        f"cv2 {cv2.__version__}, {os.cpu_count()} CPU(s), cv2 threads {cv2.getNumThreads()}, "
        f"load average {os.getloadavg()[0]:.2f}, {repeats} runs each"
    )
    print(f"{'':<52} {'median ms':>9} {'p90 ms':>9} {'CPU ms':>9}   target")

    for width, height in ((640, 480), (1280, 720)):
        frames = [portrait_frame(width, height, cx=0.5 + 0.002 * (i % 3 - 1), seed=i) for i in range(8)]
        target = "<= 15 ms at 1280x720" if width == 1280 else ""
        row(f"portrait analysis {width}x{height} (live, tracking)", _live(frames, repeats), target)
        full = PortraitAnalyzer(detector=HaarFaceDetector())
        row(
            f"portrait analysis {width}x{height} (full search)",
            measure(functools.partial(full.analyse, frames[0]), max(5, repeats // 3)),
        )

    photo = photograph(a4_page(300), size=(4000, 3000), seed=21)
    _, jpeg = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    data = bytes(jpeg)
    image = decode_image(data)
    analysis = analyse_document(image, DocType.A4)
    assert analysis.rectified is not None
    stages = max(5, repeats // 3)
    row("document 12 MP: decode JPEG", measure(lambda: decode_image(data), stages))
    row(
        "document 12 MP: detect + rectify + checks",
        measure(lambda: analyse_document(image, DocType.A4), stages),
    )
    row(
        "document 12 MP: encode (flatten, gray, JPEG)",
        measure(lambda: encode_document(analysis.rectified.page, analysis.spec), stages),
    )  # type: ignore[union-attr]

    def pipeline() -> None:
        decoded = decode_image(data)
        result = analyse_document(decoded, DocType.A4)
        assert result.rectified is not None
        encode_document(result.rectified.page, result.spec)

    row("document 12 MP: whole pipeline", measure(pipeline, stages), "<= 250 ms")

    print()
    print(f"{'encoded sizes':<52} {'bytes':>9} {'pixels':>11}   target")
    frame = portrait_frame(1280, 720)
    analyzer = PortraitAnalyzer(detector=HaarFaceDetector())
    portrait = encode_portrait_capture(make_portrait_capture(frame, analyzer.analyse(frame)))
    print(f"{'portrait (ID photo JPEG)':<52} {portrait.main.size:>9} {'358x441':>11}   <= 40 KB")
    thumb_size = f"{portrait.thumb.width}x{portrait.thumb.height}"
    print(f"{'portrait thumbnail':<52} {portrait.thumb.size:>9} {thumb_size:>11}")
    a4 = encode_document(analysis.rectified.page, analysis.spec)
    print(
        f"{'A4 document, grayscale, 200 dpi':<52} {a4.size:>9} {f'{a4.width}x{a4.height}':>11}   <= 250 KB"
        f" (JPEG q{a4.quality})"
    )
    seal_photo = photograph(a4_page(300, seal=True, red_header=True), size=(4000, 3000), seed=22)
    seal = analyse_document(seal_photo.image, DocType.CERTIFICATE_A4)
    assert seal.rectified is not None
    colour = encode_document(seal.rectified.page, seal.spec)
    print(
        f"{'A4 certificate with red seal, colour, 200 dpi':<52} {colour.size:>9} "
        f"{f'{colour.width}x{colour.height}':>11}   <= 250 KB"
        f" (JPEG q{colour.quality}, colour={colour.colour})"
    )
    card_photo = photograph(
        id_card("front"),
        size=(4000, 3000),
        corners=np.array([[900, 700], [3050, 760], [3020, 2120], [880, 2060]], float),
        seed=23,
    )
    card = analyse_document(card_photo.image, DocType.ID_CARD)
    assert card.rectified is not None
    card_encoded = encode_document(card.rectified.page, card.spec)
    print(
        f"{'ID card side, colour, 300 dpi':<52} {card_encoded.size:>9} "
        f"{f'{card_encoded.width}x{card_encoded.height}':>11}   <= 120 KB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
