"""How long local search takes over 10,000 cases (names are encrypted, so search decrypts summaries).

Run: .venv/bin/python -m tests.benchmarks.bench_search [number_of_cases]
Prints timings; not a pass/fail test. The UI budget for a search keystroke is ~200 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher, aad_for
from counter_app.store.db import Database
from counter_app.store.repository import APPLICATION_FIELD, SUMMARY_FIELD, CaseRepository
from counter_app.store.search import SummaryData
from counter_app.store.tables import CaseRow
from tests.support.applications import complete_application

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈单")
GIVEN = "三伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌"


def _populate(db: Database, cipher: FieldCipher, count: int) -> None:
    rng = random.Random(42)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    with db.write() as session:
        for i in range(count):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            id_number = f"510411{1960 + i % 40}0101{i % 10000:04d}"[:17] + rng.choice("0123456789X")
            application = complete_application(name=name, id_number=id_number,
                                               business_name=f"攀枝花市仁和区{name}便利店")
            case_id = str(uuid.uuid4())
            when = start + timedelta(minutes=i)
            session.add(CaseRow(
                case_id=case_id, case_number=f"510411-{when:%Y%m%d}-{i:05d}", township_code="510411",
                status=rng.choice(list(CaseStatus)).value, version=1, created_at=when, updated_at=when,
                created_by="bench",
                application_enc=cipher.encrypt_json(application.to_dict(),
                                                    aad=aad_for(case_id, APPLICATION_FIELD)),
                summary_enc=cipher.encrypt_json(SummaryData.from_application(application).to_dict(),
                                                aad=aad_for(case_id, SUMMARY_FIELD)),
                row_version=1))


def _time(label: str, fn: Callable[[], object], runs: int = 7) -> None:
    durations, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        durations.append((time.perf_counter() - t0) * 1000)
    hits = len(result) if isinstance(result, list) else "-"
    print(f"{label:<34} median {statistics.median(durations):7.1f} ms   min {min(durations):7.1f} ms   "
          f"hits {hits}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp))
        cipher = FieldCipher(os.urandom(32))
        t0 = time.perf_counter()
        _populate(db, cipher, count)
        print(f"{count} cases written in {time.perf_counter() - t0:.1f} s")
        # A fresh repository has no decrypted summaries yet: its first search decrypts all of them.
        _time("first search (cold)", lambda: CaseRepository(db, cipher).search("zs"), runs=3)
        repo = CaseRepository(db, cipher)
        repo.search("")  # warm, as after the case list was first shown
        _time("list_summaries()", repo.list_summaries)
        _time("list_summaries(status=draft)", lambda: repo.list_summaries(status=CaseStatus.DRAFT))
        _time("search('zs')", lambda: repo.search("zs"))
        _time("search('zhangwei')", lambda: repo.search("zhangwei"))
        _time("search('张')", lambda: repo.search("张"))
        _time("search('002x')", lambda: repo.search("002x"))
        _time("search(case number)", lambda: repo.search("510411-20260105-00042"))
        _time("search('nothing-matches')", lambda: repo.search("nothing-matches"))
        db.close()


if __name__ == "__main__":
    main()
