#!/usr/bin/env python3
"""One-file bootstrap: `python3.11 dev.py run` starts the app, `python3.11 dev.py test` runs every check.

Standard library only, so it works on a fresh machine before anything is installed. It creates `.venv`
beside this file, installs the project into it (again only when pyproject.toml changed), then runs the
requested command inside it. Works the same on Windows (`py -3.11 dev.py run`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COUNTER_APP_VENV", ROOT / ".venv"))
STAMP = VENV / ".installed-from"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _tool(name: str) -> str:
    return str(BIN / (f"{name}.exe" if os.name == "nt" else name))


def ensure_venv() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"需要 Python 3.11（当前为 {sys.version.split()[0]}）。/ Python 3.11 is required.")
    if not PY.exists():
        print(f"[dev] creating virtual environment in {VENV}", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            sys.exit("无法创建虚拟环境，请先安装 python3.11-venv"
                     "（Debian/Ubuntu: apt-get install python3.11-venv）。"
                     f"\nCould not create the virtual environment ({exc}); install python3.11-venv.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("[dev] installing the project and its test tools into the virtual environment", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run_app(args: list[str]) -> int:
    return subprocess.call([_tool("counter-app"), *args])


def run_tests(args: list[str]) -> int:
    """Everything CI checks: lint, types, the no-Qt-in-core contract, the test suite, the headless demo."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    steps: list[tuple[str, list[str]]] = [
        ("ruff", [_tool("ruff"), "check", "counter_app", "ui", "tests", "dev.py"]),
        ("mypy", [_tool("mypy")]),
        ("import contract", [_tool("lint-imports")]),
    ]
    with tempfile.TemporaryDirectory(prefix="counter-demo-") as demo_dir:
        steps.append(("demo", [_tool("counter-app"), "demo", "--data-dir", demo_dir]))
        steps.append(("pytest", [str(PY), "-m", "pytest", *args]))  # last, so its summary closes the run
        for name, cmd in steps:
            print(f"\n[dev] === {name} ===", flush=True)
            code = subprocess.call(cmd, cwd=ROOT, env=env)
            if code != 0:
                print(f"[dev] {name} failed (exit {code})", flush=True)
                return code
    print("\n[dev] all checks passed", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        print("usage: python3.11 dev.py run [counter-app options] | test [pytest options] | setup")
        return 2
    ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "run":
        return run_app(rest)
    if command == "test":
        return run_tests(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
