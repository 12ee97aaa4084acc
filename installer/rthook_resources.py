"""PyInstaller runtime hook: point the app at the bundled `resources/` before any app code runs.

counter_app.resource_paths would also find `<bundle>/_internal/resources` on its own (it looks beside the
package), but saying it explicitly keeps the frozen layout and the lookup from drifting apart. A value set
by the user or an administrator is respected.
"""

import os
import sys

_bundle = getattr(sys, "_MEIPASS", None)
if _bundle:
    os.environ.setdefault("COUNTER_APP_RESOURCES", os.path.join(_bundle, "resources"))
