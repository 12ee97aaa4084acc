"""Rebuild hanamina-ext-subset.ttf, the bundled fallback font for rare Han characters (生僻字).

Not run by the app: a maintainer runs it when the source font changes. It needs `fontTools` (a build-time
tool only) and Debian's `fonts-hanazono` package (花園明朝 HanaMinA, GlyphWiki Project, used under the
Hanazono Font License, which permits modification and redistribution; see LICENSE-hanazono.txt):

    apt-get install fonts-hanazono   # or: apt-get download fonts-hanazono && dpkg-deb -x ...
    .venv/bin/python resources/fonts/make_han_ext_subset.py /usr/share/fonts/truetype/hanazono/HanaMinA.ttf

Why a subset: WenQuanYi Micro Hei (the primary font) covers the BMP's unified ideographs but none of CJK
Extension A (e.g. 䶮 U+4DAE) nor the supplementary planes (e.g. 𠮷 U+20BB7). HanaMinA has all of
Extension A and the ~3,000 Extension B-F characters most used in names; keeping only those ranges makes
5 MB instead of 23 MB. Characters beyond it are looked up among the system's fonts at run time
(counter_app/printing/fonts.py). The outlines stay TrueType (glyf), which ReportLab can embed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).with_name("hanamina-ext-subset.ttf")
FAMILY = "Counter Han Ext"  # renamed: this is a modified version of HanaMinA
RANGES = (
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3190, 0x319F),  # kanbun
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3400, 0x4DBF),  # CJK Extension A
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FFFF),  # SIP: Extensions B-F, compatibility supplement
)


def main(source: str) -> None:
    font = TTFont(source)
    codepoints = [cp for cp in font.getBestCmap() if any(lo <= cp <= hi for lo, hi in RANGES)]
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(FAMILY.replace(" ", ""), 6, record.platformID, record.platEncID, record.langID)
    font.save(OUT)
    print(f"{OUT}: {len(codepoints)} characters, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
