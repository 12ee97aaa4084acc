"""Logging for the client: a rotating file in the data folder, and the console for warnings.

Log records name cases by their id or number only; personal data (names, ID numbers, phones,
addresses) is never passed to a logger — issue 7 adds a test that scans every log file for it.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from counter_app.logging_scrub import ScrubbingFormatter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    """Send INFO (DEBUG when verbose) to data_dir/logs/counter-app.log; WARNING and up also to stderr."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "counter-app.log"
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=5_000_000, backupCount=5,
                                                        encoding="utf-8")
    # Scrubbed: an exception's text may quote an ID or phone number (counter_app.logging_scrub).
    file_handler.setFormatter(ScrubbingFormatter(LOG_FORMAT))
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(ScrubbingFormatter(LOG_FORMAT))
    root.addHandler(file_handler)
    root.addHandler(console)
    # Alembic announces every plugin at INFO on each start; only its warnings matter to us.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file
