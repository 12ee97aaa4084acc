"""`counter-app --smoke`: prove in a few seconds that an installed or frozen build works, end to end.

A PyInstaller bundle fails in ways the test suite cannot see: a data file or a hidden import left out, a
native library that does not load, Alembic not finding its scripts. This run touches each of those once,
on a temporary demo data folder that is deleted afterwards (nothing goes to the OS keyring):

    resources → data folder (store migrations) → sample case → main window (Qt, offscreen in CI) →
    portrait through the quality gate in the capture dialog → document photos → 受理 → receipt PDF
    (ReportLab, fonts, pdfium) → embedded district service (district migrations, argon2, uvicorn)

It prints each step with its time and exits 0, or 1 with the failing step and its error. The window
part lives in `ui.smoke` and is loaded by name, like the GUI itself, so the core never imports Qt.
"""

from __future__ import annotations

import base64
import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.context import DEMO_CLERK, AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.model import DeliveryMethod
from counter_app.resource_paths import resource_path, resources_root
from counter_app.security.crypto import KEY_BYTES
from counter_app.security.keystore import DEMO_KEY_FILE

T = TypeVar("T")

EXIT_FAILED = 1
# Every file the app reads from resources/ at run time; a bundle missing one fails here, not at a counter.
REQUIRED_RESOURCES = (
    ("fonts", "wqy-microhei.ttc"), ("fonts", "LICENSE-wqy-microhei.txt"),
    ("fonts", "hanamina-ext-subset.ttf"), ("fonts", "LICENSE-hanazono.txt"),
    ("translations", "counter_app_zh_CN.qm"),
    ("catalogue", "business_scope.json"), ("catalogue", "name_rules.json"), ("catalogue", "regions.json"),
    ("samples", "demo_application.json"),
    ("capture", "documents", "id_front.jpg"), ("capture", "documents", "a4_form.jpg"),
    ("capture", "portrait_frames", "frame_00.jpg"),
    ("icons", "app.svg"), ("styles", "app.qss"),
)


class SmokeFailed(Exception):
    pass


@dataclass
class SmokeRun:
    """Runs the steps in order, timing each and printing one line per step (plus its detail lines)."""

    started: float = field(default_factory=time.perf_counter)
    timings: list[tuple[str, float]] = field(default_factory=list)

    def step(self, title: str, action: Callable[[], T],
             describe: Callable[[T], list[str]] | None = None) -> T:
        print(f"[{len(self.timings) + 1}] {title} ...", end=" ", flush=True)
        began = time.perf_counter()
        try:
            result = action()
        except BaseException:
            print("失败 / FAILED", flush=True)
            raise
        elapsed = time.perf_counter() - began
        self.timings.append((title, elapsed))
        print(f"完成 / ok ({elapsed * 1000:.0f} ms)", flush=True)
        for line in describe(result) if describe else []:
            print(f"    {line}", flush=True)
        return result

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise SmokeFailed(message)


def process_age() -> float | None:
    """Seconds since this process started (bootloader and interpreter start-up included), or None where
    the platform does not say. Used for the "start-up to main window" figure."""
    try:
        if sys.platform.startswith("linux"):
            ticks = os.sysconf("SC_CLK_TCK")
            stat = Path("/proc/self/stat").read_text()
            start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: starttime
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return uptime - start_ticks / ticks
        if sys.platform == "win32":
            return _windows_process_age()
    except (OSError, ValueError, IndexError):
        return None
    return None


def _windows_process_age() -> float | None:
    import ctypes  # only here: the Windows API is reached through ctypes, nothing to install
    from ctypes import wintypes

    creation, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(creation),
                                    ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)):
        return None
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(value: wintypes.FILETIME) -> int:
        return (int(value.dwHighDateTime) << 32) | int(value.dwLowDateTime)

    return (ticks(now) - ticks(creation)) / 10_000_000  # FILETIME counts 100 ns


def check_resources() -> list[str]:
    missing = [os.path.join(*parts) for parts in REQUIRED_RESOURCES if not resource_path(*parts).is_file()]
    if missing:
        raise SmokeFailed(f"资源文件缺失 / bundled resources missing under {resources_root()}: {missing}")
    frames = len(list(resource_path("capture", "portrait_frames").glob("*.jpg")))
    return [f"{resources_root()} ({len(REQUIRED_RESOURCES)} files checked, {frames} camera frames)"]


def write_demo_key(data_dir: Path) -> None:
    """A fresh demo key file: an existing key file always wins over the keyring (security.keystore), so
    the smoke run never leaves an entry in the OS keyring of the PC it runs on."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DEMO_KEY_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# counter-app smoke test key (temporary folder)\n")
        fh.write(base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii") + "\n")


def run_smoke(*, gui: bool = True) -> int:
    """The whole smoke run on a temporary data folder; returns the process exit code. `gui=False` leaves
    the window steps out (a machine without Qt's system libraries)."""
    run = SmokeRun()
    print(f"counter-app 冒烟测试 / smoke test (frozen={bool(getattr(sys, 'frozen', False))})", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="counter-smoke-", ignore_cleanup_errors=True) as tmp:
            _run_steps(run, Path(tmp) / "data", gui=gui)
    except SmokeFailed as exc:
        print(f"\n冒烟测试失败 / SMOKE TEST FAILED: {exc}", file=sys.stderr, flush=True)
        return EXIT_FAILED
    except Exception as exc:  # any error at all is a failed smoke test with its trace, never a hang
        traceback.print_exc()
        print(f"\n冒烟测试失败 / SMOKE TEST FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return EXIT_FAILED
    total = time.perf_counter() - run.started
    print(f"\n冒烟测试通过 / smoke test passed: {len(run.timings)} steps in {total:.2f} s", flush=True)
    return 0


def _run_steps(run: SmokeRun, data_dir: Path, *, gui: bool) -> None:
    run.step("检查随附资源 / bundled resources", check_resources, lambda lines: lines)
    write_demo_key(data_dir)
    context = run.step("打开演示数据目录（数据库迁移）/ open a demo data folder (migrations)",
                       lambda: AppContext.open(data_dir, clerk=DEMO_CLERK, sync=False),
                       lambda ctx: [f"{data_dir} (mode {ctx.settings.mode.value})"])
    try:
        _with_context(run, context, data_dir, gui=gui)
    finally:
        context.close()
    run.step("启动并停止内置区级服务 / embedded district service", lambda: _district(data_dir),
             lambda lines: lines)


def _with_context(run: SmokeRun, context: AppContext, data_dir: Path, *, gui: bool) -> None:
    record = run.step("新建样例案件 / sample case", lambda: context.cases.new_case(load_sample_application()),
                      lambda rec: [f"case number {rec.case_number}"])
    if gui:
        # Loaded by name, like cli.py loads the GUI: the core must not import Qt (import-linter).
        ui_smoke = importlib.import_module("ui.smoke")
        ui_smoke.run_window_smoke(run, context, record.case_id, process_age)
    lines = run.step("采集材料（人像质量门与文档矫正）/ capture portrait and documents",
                     lambda: capture_demo_materials(context, record.case_id), lambda found: found[:1])
    run.check(bool(lines), "no capture result")
    run.step("受理（容缺）/ accept (with 容缺)", lambda: _accept(context, record.case_id),
             lambda due: [f"committed decision date {due}"])
    out_dir = data_dir / "smoke-documents"
    run.step("生成受理回执 PDF 并用 pdfium 渲染 / receipt PDF, rendered back with pdfium",
             lambda: _receipt(context, record.case_id, out_dir), lambda lines: lines)


def _accept(context: AppContext, case_id: str) -> str:
    review = context.cases.pre_review(case_id)
    if not review.passed:
        raise SmokeFailed("初审未通过 / pre-review failed: " + "; ".join(i.message_en for i in review.errors))
    plan = context.acceptance.plan(case_id)
    deferrals = [DeferralRequest(m.key, DeliveryMethod.COUNTER, plan.deadlines.committed_due)
                 for m in plan.materials.missing_deferrable]
    accepted = context.acceptance.accept(case_id, deferrals=deferrals, commitment_signed=bool(deferrals))
    return f"{accepted.committed_due:%Y-%m-%d}"


def _receipt(context: AppContext, case_id: str, out_dir: Path) -> list[str]:
    from counter_app.printing.render import render_pages  # pypdfium2's native library, loaded here
    from counter_app.services.printing import OutputAction

    document = context.printing.receipt(case_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / document.filename()
    path.write_bytes(document.pdf)
    pages = list(render_pages(document.pdf, dpi=50))
    context.printing.record_output(document, OutputAction.SAVE_PDF, target=path.name, pages=len(pages))
    if not pages or not pages[0].pixels.any():
        raise SmokeFailed("回执渲染为空 / the receipt rendered empty")
    return [f"{path.name}: {len(document.pdf) / 1024:.0f} KB, {len(pages)} page(s), "
            f"{pages[0].pixels.shape[1]}×{pages[0].pixels.shape[0]} px at 50 dpi"]


def _district(data_dir: Path) -> list[str]:
    from counter_app.district.embedded import start_embedded  # the server stack, as the client loads it

    began = time.perf_counter()
    district = start_embedded(data_dir)
    try:
        started = time.perf_counter() - began
        response = httpx.get(f"{district.base_url}/v1/health", timeout=10)
        if response.status_code != 200:
            raise SmokeFailed(f"区级服务健康检查失败 / district health check: HTTP {response.status_code}")
    finally:
        district.shutdown()
    return [f"{district.base_url} answered /v1/health, started in {started * 1000:.0f} ms"]
