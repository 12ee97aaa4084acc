"""`counter-app purge --data-dir D`: one retention pass (counter_app.services.retention) without the
desktop client, e.g. from a scheduled task. Prints what was purged; never prints personal data."""

from __future__ import annotations

import sys
from pathlib import Path

from counter_app.errors import UserFacingError


def run_purge(data_dir: Path) -> int:
    from counter_app.context import AppContext

    try:
        context = AppContext.open(data_dir, sync=False)
    except UserFacingError as exc:
        print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
        return 2
    try:
        assert context.retention is not None
        report = context.retention.run()
    finally:
        context.close()
    print(report.summary_zh())
    print(report.summary_en())
    for number in report.images_purged:
        print(f"    图片已清理 / images purged: {number}")
    for number in report.cases_purged:
        print(f"    资料已清理（保留脱敏索引）/ data purged, masked index kept: {number}")
    return 0
