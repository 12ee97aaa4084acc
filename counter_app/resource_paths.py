"""Where the bundled resources (catalogues, fonts, translations, samples) live.

`resources/` sits at the top of the repository, beside the packages, not inside one, so
`importlib.resources` cannot find it. A frozen build (PyInstaller) unpacks it elsewhere and says where
through the COUNTER_APP_RESOURCES environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COUNTER_APP_RESOURCES"


def resources_root() -> Path:
    """The `resources/` directory: $COUNTER_APP_RESOURCES if set, else the one beside `counter_app/`."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside `resources/`, e.g. ``resource_path("catalogue", "business_scope.json")``.

    Read at call time (not import time) so tests and the frozen build can set the variable late.
    """
    return resources_root().joinpath(*parts)
