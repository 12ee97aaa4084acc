"""The core must never import Qt (architecture.md; style.md habit 1). Two independent proofs:
import-linter's contract passes here and fails on a planted violation, and every core module imports
with PySide6 made unimportable."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": str(LINT_IMPORTS.parent)}, timeout=300)


def test_contract_holds_on_the_project() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_contract_fails_when_the_core_imports_qt(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "counter_app", tmp_path / "counter_app",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ui", tmp_path / "ui", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "counter_app" / "domain" / "sneaky.py").write_text(
        "from PySide6.QtCore import QObject\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "counter_app.domain.sneaky" in result.stdout


def test_every_core_module_imports_without_pyside6() -> None:
    script = textwrap.dedent("""
        import importlib, pkgutil, sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"PySide6", "shiboken6", "ui"}:
                    raise ImportError("Qt is not available to the core: " + name)
                return None

        sys.meta_path.insert(0, NoQt())
        import counter_app
        count = 0
        for info in pkgutil.walk_packages(counter_app.__path__, "counter_app."):
            if ".migrations" in info.name:
                continue
            importlib.import_module(info.name)
            count += 1
        print(count)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10
