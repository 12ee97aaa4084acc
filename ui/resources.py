"""Where the bundled resources (fonts, translations, styles, icons) are found.

They live in the repository's top-level ``resources/`` folder; a frozen build or an unusual install points
``COUNTER_APP_RESOURCES`` at its copy. The core's own helper is used when it exists so both halves agree.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path


def resources_root() -> Path:
    env = os.environ.get("COUNTER_APP_RESOURCES")
    if env:
        return Path(env).expanduser().resolve()
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    try:
        core = importlib.import_module("counter_app.resource_paths")
    except ImportError:
        return resources_root().joinpath(*parts)
    return Path(core.resource_path(*parts))
