"""Checks on image bytes BEFORE they are decoded: size of the file, a known format, the dimensions its
header declares, and that the file is complete.

Why before: a decoder allocates width × height × channels as soon as it has read the header. A 2 KB
PNG can declare 100000 × 100000 pixels (a decompression bomb: 30 GB of pixels), so checking the
decoded array afterwards is too late. OpenCV has its own ceiling (2^30 pixels), far above what this
program can process. A file cut off in transit is refused by OpenCV 4.14 only as "unreadable" (older
libjpeg builds decoded it with a grey lower half and a warning on stderr); here it is named for what it
is. So the header is read here, by hand, for the formats capture accepts (JPEG, PNG, BMP, TIFF, WebP);
anything else is refused with a clear message.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from counter_app.capture.errors import CaptureError, ImageTooLarge, ImageUnreadable

MAX_FILE_BYTES = 64 * 1024 * 1024  # a 50 MP phone photo is ~20 MB; a scan at 600 dpi a little more
SUPPORTED = ("JPEG", "PNG", "BMP", "TIFF", "WebP")

# JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic); not C4/C8/CC (DHT, JPG, DAC).
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length field


class ImageFileTooLarge(CaptureError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"图片文件过大（{size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB），"
                         "请使用较小的图片或降低扫描分辨率",
                         f"The image file is too large ({size} bytes, limit {limit})")


class ImageTruncated(ImageUnreadable):
    def __init__(self, what: str = "") -> None:
        CaptureError.__init__(self, "无法读取该图片：文件不完整（可能未复制完或已损坏），"
                                    "请重新拍摄或重新复制该文件",
                              "The image file is incomplete (cut off or damaged)"
                              + (f": {what}" if what else ""))


class ImageFormatUnsupported(ImageUnreadable):
    def __init__(self) -> None:
        CaptureError.__init__(self, "无法读取该图片：不是支持的图片格式，"
                                    "请使用 JPEG、PNG、BMP、TIFF 或 WebP 图片",
                              "Not a supported image; use JPEG, PNG, BMP, TIFF or WebP")


@dataclass(frozen=True)
class ImageHeader:
    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def check_image_bytes(data: bytes, *, max_pixels: int, max_bytes: int = MAX_FILE_BYTES) -> ImageHeader:
    """The header of `data` if it may be decoded; raises ImageFileTooLarge, ImageTooLarge (declared
    dimensions), ImageTruncated, ImageFormatUnsupported or ImageUnreadable (all with Chinese messages)."""
    if len(data) > max_bytes:
        raise ImageFileTooLarge(len(data), max_bytes)
    if not data:
        raise ImageUnreadable("empty file")
    header = read_header(data)
    if header.width <= 0 or header.height <= 0:
        raise ImageUnreadable(f"{header.format} declares {header.width}x{header.height}")
    if header.pixels > max_pixels:
        raise ImageTooLarge(header.pixels, max_pixels)
    return header


def read_header(data: bytes) -> ImageHeader:
    try:
        if data[:3] == b"\xff\xd8\xff":
            return _jpeg(data)
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            return _png(data)
        if data[:2] == b"BM":
            return _bmp(data)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
    except (struct.error, IndexError):
        raise ImageTruncated("header") from None
    raise ImageFormatUnsupported()


def _jpeg(data: bytes) -> ImageHeader:
    pos, size = 2, len(data)
    header: ImageHeader | None = None
    while True:
        while pos < size and data[pos] != 0xFF:
            pos += 1  # tolerate junk between segments, as decoders do
        while pos < size and data[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos >= size:
            raise ImageTruncated("no image data")
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:
            raise ImageTruncated("end before image data")
        (length,) = struct.unpack(">H", data[pos:pos + 2])
        if length < 2 or pos + length > size:
            raise ImageTruncated("segment")
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[pos + 3:pos + 7])
            header = ImageHeader("JPEG", width, height)
        if marker == 0xDA:  # start of scan: entropy-coded data follows up to the EOI marker
            if header is None:
                raise ImageUnreadable("JPEG without a frame header")
            # Inside the scan every 0xFF byte is stuffed (FF 00) or a restart marker, so FF D9 is the end
            # of the image; a file cut off in transit has none. (Data after EOI, e.g. a motion photo's
            # video, is allowed.)
            if data.find(b"\xff\xd9", pos + length) < 0:
                raise ImageTruncated("no end-of-image marker")
            return header
        pos += length


def _png(data: bytes) -> ImageHeader:
    pos, size = 8, len(data)
    header: ImageHeader | None = None
    while pos + 8 <= size:
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length  # length, type, data, CRC
        if end > size:
            raise ImageTruncated("chunk")
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[pos + 8:pos + 16])
            header = ImageHeader("PNG", width, height)
        elif header is None:
            raise ImageUnreadable("PNG without IHDR")
        if kind == b"IEND":
            return header
        pos = end
    raise ImageTruncated("no IEND chunk")


def _bmp(data: bytes) -> ImageHeader:
    (declared,) = struct.unpack("<I", data[2:6])
    if declared > len(data):
        raise ImageTruncated("shorter than its header says")
    (dib,) = struct.unpack("<I", data[14:18])
    if dib == 12:  # BITMAPCOREHEADER
        width, height = struct.unpack("<HH", data[18:22])
    else:
        width, height = struct.unpack("<ii", data[18:26])
    return ImageHeader("BMP", width, abs(height))


def _tiff(data: bytes) -> ImageHeader:
    order = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
    values: dict[int, int] = {}
    for i in range(count):
        entry = ifd + 2 + 12 * i
        tag, kind = struct.unpack(order + "HH", data[entry:entry + 4])
        if tag in (256, 257):  # ImageWidth, ImageLength: SHORT or LONG
            fmt = order + ("H" if kind == 3 else "I")
            values[tag] = struct.unpack(fmt, data[entry + 8:entry + 8 + struct.calcsize(fmt)])[0]
    if 256 not in values or 257 not in values:
        raise ImageUnreadable("TIFF without dimensions")
    return ImageHeader("TIFF", values[256], values[257])


def _webp(data: bytes) -> ImageHeader:
    (riff_size,) = struct.unpack("<I", data[4:8])
    if riff_size + 8 > len(data):
        raise ImageTruncated("shorter than its header says")
    chunk = data[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return ImageHeader("WebP", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        (bits,) = struct.unpack("<I", data[21:25])
        return ImageHeader("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageHeader("WebP", width, height)
    raise ImageUnreadable("unknown WebP chunk")
