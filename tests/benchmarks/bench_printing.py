"""How long printing takes: font registration once per process, then each document as PDF bytes.

Run: .venv/bin/python -m tests.benchmarks.bench_printing [repetitions]
Prints a table; not a pass/fail test. Target: a pickup slip in <= 60 ms once the fonts are registered.
Font registration is measured in a fresh subprocess (ReportLab keeps fonts per process, so only the first
registration in a process costs anything).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from counter_app.printing.correction_notice import build_correction_notice
from counter_app.printing.deferral_notice import build_deferral_notice
from counter_app.printing.fonts import default_fonts
from counter_app.printing.layout import PaperSize, layout_for
from counter_app.printing.pickup_slip import build_pickup_slip
from counter_app.printing.receipt import build_receipt
from counter_app.printing.refusal_notice import build_refusal_notice
from tests.unit.printing import samples

_REGISTRATION = """
import time
t0 = time.perf_counter()
from counter_app.printing.fonts import default_fonts
t1 = time.perf_counter()
fonts = default_fonts()
t2 = time.perf_counter()
fonts.runs("𠮷䶮")
t3 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f} {(t3 - t2) * 1000:.1f}")
"""


def _registration_ms() -> tuple[float, float, float]:
    out = subprocess.run([sys.executable, "-c", _REGISTRATION], capture_output=True, text=True, check=True)
    imports, primary, fallback = (float(x) for x in out.stdout.split())
    return imports, primary, fallback


def _time(build: Callable[[], bytes], repetitions: int) -> tuple[float, float, float, int]:
    """Median and worst wall time, median CPU time (steadier on a shared machine), PDF size."""
    build()  # the first run also loads the fallback font and warms ReportLab's caches
    wall, cpu = [], []
    size = 0
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(build())
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), max(wall), statistics.median(cpu), size


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    runs = [_registration_ms() for _ in range(3)]
    imports, primary, fallback = (statistics.median(col) for col in zip(*runs, strict=True))
    print("Font registration (fresh process, median of 3)")
    print(f"  import ReportLab + fonts module   {imports:8.1f} ms")
    print(f"  register WenQuanYi Micro Hei      {primary:8.1f} ms")
    print(f"  first rare character (fallback)   {fallback:8.1f} ms")
    default_fonts()
    print(f"\nDocuments (median / max of {repetitions}, fonts registered; names with 𠮷䶮)")
    print(f"  {'document':<20}{'paper':<7}{'median ms':>10}{'max ms':>9}{'cpu ms':>9}{'bytes':>9}")
    cases: list[tuple[str, PaperSize, Callable[[], bytes]]] = []
    for paper in (PaperSize.A5, PaperSize.A6, PaperSize.A4):
        layout = layout_for(paper)
        cases.append(("pickup slip 领取通知单", paper,
                      lambda layout=layout: build_pickup_slip(samples.slip(), layout)))
    for paper in (PaperSize.A5, PaperSize.A4):
        layout = layout_for(paper)
        cases.append(("receipt 受理回执", paper,
                      lambda layout=layout: build_receipt(samples.receipt(), layout)))
    a4 = layout_for(PaperSize.A4)
    cases += [("deferral notice x2", PaperSize.A4, lambda: build_deferral_notice(samples.deferral(), a4)),
              ("correction notice", PaperSize.A4, lambda: build_correction_notice(samples.correction(), a4)),
              ("refusal notice", PaperSize.A4, lambda: build_refusal_notice(samples.refusal(), a4))]
    for name, paper, build in cases:
        median, worst, cpu, size = _time(build, repetitions)
        print(f"  {name:<20}{paper.value:<7}{median:>10.1f}{worst:>9.1f}{cpu:>9.1f}{size:>9}")


if __name__ == "__main__":
    main()
