"""The build helpers: version resource, icon file and licence list the Windows and Linux builds use."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

from installer import build_support


def test_version_tuple_pads_and_ignores_suffixes() -> None:
    assert build_support.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert build_support.version_tuple("1.2.3rc1") == (1, 2, 3, 1)
    assert build_support.version_tuple("2") == (2, 0, 0, 0)


def test_version_info_is_a_valid_pyinstaller_resource() -> None:
    text = build_support.version_info("1.4.2")
    # PyInstaller evaluates the file as a Python expression over its versioninfo classes (which need
    # pefile, a Windows-only install): evaluate it over recorders of the same names instead.
    def record(kind: str) -> Callable[..., dict[str, object]]:
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    parsed = eval(text, {name: record(name) for name in names})
    assert parsed["ffi"]["filevers"] == parsed["ffi"]["prodvers"] == (1, 4, 2, 0)
    table = parsed["kids"][0]["args"][0][0]
    assert table["args"][0] == "080404b0"  # Simplified Chinese, Unicode
    strings = {entry["args"][0]: entry["args"][1] for entry in table["args"][1]}
    assert strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "counter-app.exe"


def test_ico_directory_points_at_each_png() -> None:
    pngs = [(16, b"\x89PNG-small"), (256, b"\x89PNG-large-image")]
    data = build_support.ico_from_pngs(pngs)
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 2)
    for index, (size, png) in enumerate(pngs):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        width, height, _, _, planes, bits, length, offset = entry
        assert width == height == (0 if size == 256 else size)
        assert (planes, bits) == (1, 32)
        assert data[offset:offset + length] == png


def test_licence_list_covers_the_runtime_closure_only(tmp_path: Path) -> None:
    names = {re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
             for dist in build_support.runtime_distributions()}
    assert {"pyside6-essentials", "opencv-python-headless", "reportlab", "cryptography", "fastapi",
            "starlette", "pydantic-core"} <= names  # direct and transitive run-time dependencies
    assert not names & {"pytest", "hypothesis", "mypy", "pyinstaller", "counter-app"}  # tools, ourselves
    build_support.write_licences(tmp_path)
    text = (tmp_path / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8")
    assert text.startswith("# Third-party software in the counter-app bundle")
    assert "| PySide6_Essentials |" in text or "| PySide6-Essentials |" in text
    assert (tmp_path / "LICENSE-wqy-microhei.txt").exists()
    assert any(p.is_dir() and p.name.lower().startswith("cryptography-") for p in tmp_path.iterdir())


def test_licence_list_leaves_out_what_the_bundle_excluded(tmp_path: Path) -> None:
    from importlib import metadata

    assert "cv2" in build_support.top_level_names(metadata.distribution("opencv-python-headless"))
    assert "PySide6" in build_support.top_level_names(metadata.distribution("PySide6-Essentials"))
    # What the spec passes: top-level names of modules, libraries and data in the bundle.
    build_support.write_licences(tmp_path, {"cv2", "PySide6", "shiboken6", "reportlab"})
    table = (tmp_path / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8").split("(generated)")[1]
    assert "| opencv-python-headless |" in table and "| reportlab |" in table
    assert "psycopg" not in table and "| numpy |" not in table
