#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/counter-app/counter-app (+ _internal/, licenses/).
#
#   bash installer/build_linux.sh            build into dist/ (git-ignored)
#   bash installer/build_linux.sh --smoke    build, then run the frozen binary's self-test offscreen
#
# Environment: COUNTER_APP_VENV (default .venv, created with python3.11 if missing), COUNTER_APP_DIST
# (default dist), COUNTER_APP_BUILD (PyInstaller's work folder, default build/pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${COUNTER_APP_VENV:-.venv}"
DIST="${COUNTER_APP_DIST:-dist}"
WORK="${COUNTER_APP_BUILD:-build/pyinstaller}"
PY="$VENV/bin/python"
SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1

if [ ! -x "$PY" ]; then
  echo "[build] creating $VENV"
  python3.11 -m venv "$VENV"
fi
# PyInstaller comes from the project's [installer] extra (its version range is pinned there).
if ! "$PY" -c "import PyInstaller, counter_app" >/dev/null 2>&1; then
  echo "[build] installing the project with its [installer] extra into $VENV"
  "$PY" -m pip install --quiet --upgrade pip
  "$PY" -m pip install --quiet -e ".[installer]"
fi

started=$(date +%s)
echo "[build] PyInstaller $("$PY" -m PyInstaller --version), version $("$PY" installer/build_support.py version)"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  installer/counter_app.spec
# pyenv (and some distributions) build libpython with debug information: about 18 MB nobody reads.
if command -v strip >/dev/null 2>&1; then
  for lib in "$DIST"/counter-app/_internal/libpython3*.so*; do
    [ -f "$lib" ] && strip --strip-debug "$lib"
  done
fi
# A trim in the spec that went too far shows up as a library nothing provides. Libraries the system must
# provide (Qt's xcb set, README "Running") are reported too, as a warning: they are not bundled.
missing=$(cd "$DIST/counter-app/_internal" && find . -name "*.so*" -type f -print0 |
  xargs -0 -n 50 env LD_LIBRARY_PATH="$PWD:$PWD/PySide6/Qt/lib" ldd 2>/dev/null |
  awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
  echo "[build] warning: libraries neither bundled nor installed here: $missing"
fi
echo "[build] built in $(( $(date +%s) - started )) s: $DIST/counter-app"
echo "[build] bundle size: $(du -sh "$DIST/counter-app" | cut -f1) ($(find "$DIST/counter-app" -type f | wc -l) files)"

if [ "$SMOKE" = 1 ]; then
  echo "[build] frozen smoke test"
  smoke_started=$(date +%s%N)
  QT_QPA_PLATFORM=offscreen "$DIST/counter-app/counter-app" --smoke
  echo "[build] smoke test took $(( ($(date +%s%N) - smoke_started) / 1000000 )) ms"
fi
