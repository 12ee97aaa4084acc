"""Just enough of the TrueType/OpenType file format to ask "does this font draw character X?".

Looking for a fallback font means opening every font of the system (hundreds on Windows). ReportLab's own
parser reads the whole font (metrics, glyph locations) and takes about a second for a 30 MB CJK font, so
candidates are first screened here by reading only the table directory and the character map; ReportLab
loads only the one that answers yes. Fonts without TrueType outlines (no `glyf` table, e.g. CFF-based
Noto CJK) are reported as unusable because ReportLab cannot embed them.
"""

from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass
from pathlib import Path

_TTC_TAG = b"ttcf"
_SFNT_VERSIONS = {b"\x00\x01\x00\x00", b"true", b"OTTO"}


class FontFileError(ValueError):
    """The file is not a font this module can read (truncated, another format)."""


@dataclass(frozen=True)
class CharMap:
    """The Unicode character map of one face, as sorted ranges that map to a real glyph."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, codepoint: int) -> bool:
        i = bisect.bisect_right(self.starts, codepoint) - 1
        return i >= 0 and codepoint <= self.ends[i]

    @classmethod
    def from_codepoints(cls, codepoints: list[int]) -> CharMap:
        starts: list[int] = []
        ends: list[int] = []
        for cp in sorted(set(codepoints)):
            if ends and cp == ends[-1] + 1:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
        return cls(tuple(starts), tuple(ends))


@dataclass(frozen=True)
class FaceInfo:
    path: Path
    index: int  # the face's index within a .ttc collection (0 for a plain font file)
    truetype_outlines: bool
    charmap: CharMap


def read_faces(path: Path) -> list[FaceInfo]:
    """Every face of a font file with its character map. Raises FontFileError or OSError."""
    data = path.read_bytes()
    if data[:4] == _TTC_TAG:
        if len(data) < 12:
            raise FontFileError(f"{path}: truncated collection header")
        (count,) = struct.unpack_from(">I", data, 8)
        offsets = struct.unpack_from(f">{count}I", data, 12)
    else:
        offsets = (0,)
    return [_read_face(path, data, index, offset) for index, offset in enumerate(offsets)]


def _read_face(path: Path, data: bytes, index: int, offset: int) -> FaceInfo:
    try:
        if data[offset:offset + 4] not in _SFNT_VERSIONS:
            raise FontFileError(f"{path}: not a TrueType/OpenType face")
        (num_tables,) = struct.unpack_from(">H", data, offset + 4)
        tables: dict[bytes, tuple[int, int]] = {}
        for i in range(num_tables):
            tag, _checksum, table_offset, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
            tables[tag] = (table_offset, length)
        if b"cmap" not in tables:
            raise FontFileError(f"{path}: no character map")
        charmap = _read_cmap(data, tables[b"cmap"][0])
    except struct.error as exc:
        raise FontFileError(f"{path}: truncated font") from exc
    return FaceInfo(path=path, index=index, truetype_outlines=b"glyf" in tables, charmap=charmap)


def _read_cmap(data: bytes, base: int) -> CharMap:
    _version, count = struct.unpack_from(">HH", data, base)
    subtables: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, sub_offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(platform, encoding)] = base + sub_offset
    # Full-repertoire (format 12) maps first: only they reach beyond the BMP, where the rare
    # characters live; a BMP-only map would hide exactly the glyphs a fallback is wanted for.
    for key in ((3, 10), (0, 6), (0, 4)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 12:
            return _format12(data, subtables[key])
    for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 4:
            return _format4(data, subtables[key])
    return CharMap((), ())


def _format12(data: bytes, offset: int) -> CharMap:
    (groups,) = struct.unpack_from(">I", data, offset + 12)
    starts: list[int] = []
    ends: list[int] = []
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * i)
        if glyph == 0:  # a group starting at .notdef: its first character has no glyph
            start += 1
        if start <= end:
            starts.append(start)
            ends.append(end)
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return CharMap(tuple(starts[i] for i in order), tuple(ends[i] for i in order))


def _format4(data: bytes, offset: int) -> CharMap:
    (seg_x2,) = struct.unpack_from(">H", data, offset + 6)
    seg_count = seg_x2 // 2
    ends = struct.unpack_from(f">{seg_count}H", data, offset + 14)
    starts = struct.unpack_from(f">{seg_count}H", data, offset + 16 + seg_x2)
    deltas = struct.unpack_from(f">{seg_count}h", data, offset + 16 + 2 * seg_x2)
    range_base = offset + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{seg_count}H", data, range_base)
    covered: list[int] = []
    for n in range(seg_count):
        if starts[n] == 0xFFFF:
            continue
        for cp in range(starts[n], ends[n] + 1):
            if range_offsets[n] == 0:
                glyph = (cp + deltas[n]) & 0xFFFF
            else:
                at = range_base + 2 * n + range_offsets[n] + 2 * (cp - starts[n])
                if at + 2 > len(data):
                    continue
                (glyph,) = struct.unpack_from(">H", data, at)
                glyph = (glyph + deltas[n]) & 0xFFFF if glyph else 0
            if glyph:
                covered.append(cp)
    return CharMap.from_codepoints(covered)
