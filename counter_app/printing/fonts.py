"""Fonts for printed documents: an embedded CJK TrueType font, a per-character fallback, and a refusal
instead of a blank box.

ReportLab's built-in STSong-Light is not embedded (architecture.md): on a machine without CJK fonts every
Chinese character silently vanishes. So every document embeds a subset of WenQuanYi Micro Hei, bundled in
resources/fonts. That font has no CJK Extension A or supplementary-plane characters (䶮 U+4DAE, 𠮷
U+20BB7), which do occur in names (生僻字); each such character is drawn with the first font that has it:
the bundled HanaMinA subset, then the system's fonts (HanaMinB, BabelStone Han, Windows' SimSun-ExtB...).
A character no font draws raises MissingGlyph, naming it, before anything is printed.

Fonts are registered with ReportLab once per process (ReportLab keeps a global registry), under a lock
because documents are built on worker threads.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.errors import UserFacingError
from counter_app.printing.sfnt import FaceInfo, FontFileError, read_faces
from counter_app.resource_paths import resource_path

log = logging.getLogger(__name__)

PRIMARY_FONT_FILE = "wqy-microhei.ttc"  # face 0: WenQuanYi Micro Hei (face 1 is the Mono variant)
BUNDLED_FALLBACK_FILES = ("hanamina-ext-subset.ttf",)
# Fonts known to cover the supplementary ideographic plane, tried before any other system font.
PREFERRED_SYSTEM_FONTS = (
    "hanaminb.ttf", "hanamina.ttf", "babelstonehan.ttf", "simsunb.ttf", "simsun-extg.ttf",
    "mingliub.ttc", "jigmo2.ttf", "jigmo3.ttf", "jigmo.ttf", "th-tshyn-p2.ttf", "th-tshyn-p1.ttf",
    "th-tshyn-p0.ttf", "th-tshyn-p16.ttf",
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")

# Never drawn: variation selectors (a name may carry an ideographic variation sequence; the base
# character prints), joiners, BOM, soft hyphen.
_IGNORABLE_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x200B, 0x200F), (0xFEFF, 0xFEFF),
                     (0x00AD, 0x00AD), (0x2060, 0x2064))


class MissingGlyph(UserFacingError):
    """No available font can draw a character of the document."""

    def __init__(self, char: str) -> None:
        code = f"U+{ord(char):04X}"
        super().__init__(
            f"无法打印：字符“{char}”({code}) 没有可用字体，打印出来会是空白。"
            "请在本机安装包含该字符的字体（如花园明朝 HanaMinB、BabelStone Han）后重试，或联系管理员。",
            f"Cannot print: no available font has the character “{char}” ({code}); it would print as a "
            "blank box. Install a font that has it (e.g. HanaMinB or BabelStone Han) and try again.")
        self.char = char


class FontUnavailable(UserFacingError):
    """The bundled primary font is missing or damaged (a broken installation)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"无法打印：找不到或无法读取内置中文字体 {path.name}，请重新安装本程序",
                         f"Cannot print: the bundled Chinese font {path.name} is missing or damaged; "
                         "reinstall the program")


def is_ignorable(char: str) -> bool:
    cp = ord(char)
    if any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES):
        return True
    return unicodedata.category(char) in ("Cc", "Cf") and char not in "\n\t"


def _tounicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map writes a supplementary-plane code point as 5 hex digits (<20BB7>), which
    PDF readers reject, so copy/paste and text search lose 𠮷. A ToUnicode destination is UTF-16BE:
    write the surrogate pair instead. Otherwise the same CMap as reportlab.pdfbase.ttfonts."""

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be").hex().upper() if cp else "0000"

    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
             f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
             f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar"]
    lines += [f"<{i:02X}> <{utf16(cp)}>" for i, cp in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _tounicode_cmap  # see _tounicode_cmap; addObjects looks it up at call time


def system_font_dirs() -> list[Path]:
    """Where the operating system keeps fonts (the fontconfig defaults on Linux)."""
    home = Path.home()
    if sys.platform.startswith("win"):
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    data_home = os.environ.get("XDG_DATA_HOME", str(home / ".local" / "share"))
    dirs = [Path(data_home) / "fonts", home / ".fonts", *(Path(d) / "fonts" for d in data_dirs if d)]
    return list(dict.fromkeys(dirs))


@dataclass
class _Loaded:
    name: str  # the ReportLab font name
    font: TTFont

    def draws(self, cp: int, *, blank_ok: bool) -> bool:
        face = self.font.face
        glyph = face.charToGlyph.get(cp, 0)
        if not glyph:
            return False
        if blank_ok:
            return True
        pos = face.glyphPos
        return bool(glyph + 1 < len(pos) and pos[glyph + 1] > pos[glyph])  # an outline, not an empty glyph


_REGISTRY_LOCK = threading.RLock()
_REGISTERED: dict[tuple[str, int], _Loaded] = {}


def _register(path: Path, index: int) -> _Loaded:
    """Load a font into ReportLab once per process (parsing WenQuanYi takes ~0.1 s)."""
    key = (str(path.resolve()), index)
    with _REGISTRY_LOCK:
        loaded = _REGISTERED.get(key)
        if loaded is None:
            name = f"CounterFont{len(_REGISTERED)}-{path.stem}-{index}"
            font = TTFont(name, str(path), subfontIndex=index)
            pdfmetrics.registerFont(font)
            loaded = _REGISTERED[key] = _Loaded(name, font)
        return loaded


@dataclass(frozen=True)
class Run:
    font: str  # ReportLab font name
    text: str


class FontSet:
    """The primary font and its fallbacks. `font_for(char)` picks the font that draws a character;
    `runs(text)` cuts text into same-font runs; both raise MissingGlyph."""

    def __init__(self, primary: Path, fallbacks: Sequence[Path] = (),
                 system_dirs: Sequence[Path] = ()) -> None:
        try:
            self._primary = _register(primary, 0)
        except (OSError, TTFError) as exc:
            raise FontUnavailable(primary) from exc
        self._fallback_paths = list(fallbacks)
        self._fallbacks: list[_Loaded] | None = None  # loaded on the first rare character
        self._system_dirs = list(system_dirs)
        self._system_files: list[Path] | None = None
        self._faces: dict[Path, list[FaceInfo]] = {}
        self._chosen: dict[int, str | None] = {}
        self._lock = threading.RLock()

    @property
    def primary_name(self) -> str:
        return self._primary.name

    def font_for(self, char: str) -> str:
        cp = ord(char)
        with self._lock:
            if cp not in self._chosen:
                self._chosen[cp] = self._find(cp, blank_ok=char.isspace())
            name = self._chosen[cp]
        if name is None:
            raise MissingGlyph(char)
        return name

    def runs(self, text: str) -> list[Run]:
        out: list[Run] = []
        for char in text:
            if is_ignorable(char):
                continue
            font = self._primary.name if char in "\n\t" else self.font_for(char)
            if out and out[-1].font == font:
                out[-1] = Run(font, out[-1].text + char)
            else:
                out.append(Run(font, char))
        return out

    def require(self, text: str) -> None:
        """Raise MissingGlyph for the first character of `text` no font draws."""
        self.runs(text)

    def embedded_font_names(self) -> list[str]:
        """ReportLab names of every font loaded so far (the primary first)."""
        with _REGISTRY_LOCK:
            return [self._primary.name, *(f.name for f in self._fallbacks or [])]

    # --- lookup --------------------------------------------------------------------------------------

    def _find(self, cp: int, *, blank_ok: bool) -> str | None:
        if self._primary.draws(cp, blank_ok=blank_ok):
            return self._primary.name
        for loaded in self._bundled():
            if loaded.draws(cp, blank_ok=blank_ok):
                return loaded.name
        return self._find_in_system(cp, blank_ok=blank_ok)

    def _bundled(self) -> list[_Loaded]:
        if self._fallbacks is None:
            self._fallbacks = []
            for path in self._fallback_paths:
                try:
                    self._fallbacks.append(_register(path, 0))
                except (OSError, TTFError) as exc:  # printing still works for everything else
                    log.warning("bundled fallback font %s unusable: %s", path.name, type(exc).__name__)
        return self._fallbacks

    def _find_in_system(self, cp: int, *, blank_ok: bool) -> str | None:
        for face in self._system_faces():
            if not (face.truetype_outlines and face.charmap.covers(cp)):
                continue
            try:
                loaded = _register(face.path, face.index)
            except (OSError, TTFError) as exc:  # e.g. a font whose licence forbids embedding
                log.info("system font %s not embeddable: %s", face.path.name, type(exc).__name__)
                continue
            if loaded.draws(cp, blank_ok=blank_ok):
                if self._fallbacks is not None and loaded not in self._fallbacks:
                    self._fallbacks.append(loaded)
                # The character itself is not logged: it comes from a name or an address.
                log.info("using system font %s for a character the bundled fonts lack", face.path.name)
                return loaded.name
        return None

    def _system_faces(self) -> Iterator[FaceInfo]:
        if self._system_files is None:
            self._system_files = _font_files(self._system_dirs)
        for path in self._system_files:
            if path not in self._faces:
                try:
                    self._faces[path] = read_faces(path)
                except (OSError, FontFileError):
                    self._faces[path] = []
            yield from self._faces[path]


def _font_files(dirs: Sequence[Path]) -> list[Path]:
    """Font files under `dirs`, the fonts known to cover rare characters first."""
    found: list[Path] = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        for root, _subdirs, files in os.walk(directory):
            found.extend(Path(root) / f for f in files if f.lower().endswith(FONT_SUFFIXES))
    rank = {name: i for i, name in enumerate(PREFERRED_SYSTEM_FONTS)}
    return sorted(found, key=lambda p: (rank.get(p.name.lower(), len(rank)), str(p)))


@functools.lru_cache(maxsize=1)
def default_fonts() -> FontSet:
    """The process-wide font set: bundled fonts, then the system's. Registered on first use."""
    fonts_dir = resource_path("fonts")
    return FontSet(fonts_dir / PRIMARY_FONT_FILE, [fonts_dir / f for f in BUNDLED_FALLBACK_FILES],
                   system_font_dirs())
