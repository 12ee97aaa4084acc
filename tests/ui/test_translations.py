"""The Chinese interface is complete: every string the client shows goes through tr(), every source string
has a finished Chinese translation, and the compiled .qm matches the .ts it claims to come from."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ui
from ui.resources import resource_path

UI_DIR = Path(ui.__file__).resolve().parent
TS_FILE = resource_path("translations", "counter_app_zh_CN.ts")
QM_FILE = resource_path("translations", "counter_app_zh_CN.qm")
PLACEHOLDER = re.compile(r"\{\w+\}")


def ts_messages() -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(TS_FILE).getroot()
    messages: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            messages[(name, message.findtext("source") or "")] = translation
    return messages


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def code_messages() -> set[tuple[str, str]]:
    """(context, source) of every self.tr("...") and QCoreApplication.translate("ctx", "...") in ui/."""
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                args = child.args
                if child.func.attr == "tr" and args and (text := _literal(args[0])) is not None:
                    assert cls is not None, f"tr() outside a class: {text!r}"
                    found.add((cls, text))
                elif child.func.attr == "translate" and len(args) >= 2:
                    context, text = _literal(args[0]), _literal(args[1])
                    assert context is not None and text is not None, "translate() needs literal arguments"
                    found.add((context, text))
            visit(child, cls)

    for path in sorted(UI_DIR.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), None)
    return found


def test_every_tr_string_in_ui_is_in_the_ts_file() -> None:
    in_code = code_messages()
    in_ts = set(ts_messages())
    assert len(in_code) > 100  # the scan really found the client's strings
    assert in_code - in_ts == set(), "run pyside6-lupdate (resources/translations/README.md)"
    assert in_ts - in_code == set(), "stale entries: run pyside6-lupdate with -no-obsolete"


def test_every_source_string_has_a_finished_chinese_translation() -> None:
    for (context, source), translation in ts_messages().items():
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        text = translation.text or ""
        assert text.strip(), f"{where} has no translation"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        assert ("&" in source) == ("&" in text), f"{where}: keyboard accelerator lost"
        if re.search(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", source)):
            assert re.search(r"[\u4e00-\u9fff]", text), f"{where} is not translated into Chinese"


def _lrelease() -> str:
    local = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    found = local or shutil.which("pyside6-lrelease")
    if found is None:
        pytest.fail("pyside6-lrelease not found (it ships with PySide6-Essentials)")
    return found


def test_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    result = subprocess.run([_lrelease(), str(TS_FILE), "-qm", str(rebuilt)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "0 unfinished" in result.stdout
    assert rebuilt.read_bytes() == QM_FILE.read_bytes(), "run pyside6-lrelease and commit the .qm"
