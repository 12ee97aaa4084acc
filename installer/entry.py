"""The frozen build's entry script: PyInstaller needs a file, the app's entry point is a function.

Kept out of the packages so that `counter_app.cli` stays importable without side effects.
"""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
