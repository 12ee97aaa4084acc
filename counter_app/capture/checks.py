"""The result of one quality check, shared by the portrait gate and the document checks."""

from __future__ import annotations

from dataclasses import dataclass

# Check name -> (label zh, label en): what the overlay lists next to each check's state.
CHECK_LABELS: dict[str, tuple[str, str]] = {
    # portrait
    "face_count": ("单人正脸", "One face"),
    "centred": ("居中", "Centred"),
    "face_size": ("距离", "Distance"),
    "frontal": ("正视镜头", "Facing the camera"),
    "exposure": ("亮度", "Exposure"),
    "contrast": ("光线均匀", "Even lighting"),
    "sharpness": ("清晰", "Sharp"),
    "highlights": ("无反光", "No glare"),
    "head_uncovered": ("未戴帽子", "No hat"),
    "background": ("背景干净", "Plain background"),
    "background_light": ("背景明亮", "Light background"),
    # documents
    "outline": ("文件边缘", "Page outline"),
    "cut_off": ("完整入画", "Whole page visible"),
    "resolution": ("分辨率", "Resolution"),
    "page_sharpness": ("文字清晰", "Sharp text"),
    "glare": ("无反光", "No glare"),
    "page_exposure": ("亮度", "Exposure"),
}


@dataclass(frozen=True)
class CheckResult:
    name: str  # stable key (see CHECK_LABELS)
    passed: bool
    score: float | None  # the measured value (None when not evaluated)
    hint_zh: str = ""  # what to do, when failed
    hint_en: str = ""
    evaluated: bool = True

    @property
    def label_zh(self) -> str:
        return CHECK_LABELS.get(self.name, (self.name, self.name))[0]

    @property
    def label_en(self) -> str:
        return CHECK_LABELS.get(self.name, (self.name, self.name))[1]

    def hint(self, language: str = "zh") -> str:
        return self.hint_en if language.startswith("en") else self.hint_zh

    def line(self, language: str = "zh") -> str:
        """One printable line, e.g. "✓ 清晰 (116.6)" or "✗ 亮度 (62.5) 光线过暗…"."""
        mark = "✓" if self.passed else ("–" if not self.evaluated else "✗")
        label = self.label_en if language.startswith("en") else self.label_zh
        score = "" if self.score is None else f" ({self.score:.3g})"
        hint = "" if self.passed or not self.evaluated else f"  {self.hint(language)}"
        return f"{mark} {label}{score}{hint}"


def ok(name: str, score: float) -> CheckResult:
    return CheckResult(name, True, score)


def fail(name: str, score: float, zh: str, en: str) -> CheckResult:
    return CheckResult(name, False, score, zh, en)


def skipped(name: str) -> CheckResult:
    return CheckResult(name, False, None, evaluated=False)
