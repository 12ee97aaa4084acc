"""No personal data in any log: the whole headless flow (`counter-app demo`: intake, capture, acceptance,
printing, sync to the embedded district over real HTTP, review, change feed, pickup), then a retention
pass a month later, all in this process with logging at DEBUG — the client, the embedded district
service, uvicorn with its access log, httpx, SQLAlchemy — and every log file and the console log are
scanned for the applicant's names (characters and pinyin), ID numbers, phone numbers and addresses, in
clear and in the other shapes a careless log line would give them. The same run then checks retention
end to end: images off the disk, case data reduced to a masked index that the case list still finds."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypinyin import lazy_pinyin

from counter_app.context import AppContext
from counter_app.demo import load_sample_application, run_demo
from counter_app.district import embedded
from counter_app.domain.masking import mask_id_number, mask_name
from counter_app.domain.status import CaseStatus
from counter_app.logging_setup import configure_logging
from counter_app.services.retention import RetentionPolicy, RetentionService
from counter_app.store.retention import RetentionStore

SAMPLE = load_sample_application()
LOUD = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "httpx", "httpcore", "sqlalchemy")


def _personal_values() -> list[str]:
    app = SAMPLE
    people = [app.operator.name, app.liaison.name, *(m.name for m in app.family_members)]
    ids = [app.operator.id_document.number, app.liaison.id_document.number,
           *(m.id_document.number for m in app.family_members)]
    phones = [app.operator.mobile, app.operator.landline, app.liaison.mobile, app.business_phone]
    addresses = [app.operator.residence, app.premises.detail,
                 app.premises.village + app.premises.detail]
    return [v for v in (*people, *ids, *phones, *addresses) if v and len(v) >= 2]


def _variants(value: str) -> set[str]:
    """The value as a log line might carry it: plain, without or with other separators, as pinyin, as
    JSON or Python escapes of its UTF-8."""
    plain = value.strip()
    out = {plain, re.sub(r"[\s\-·]", "", plain)}
    digits = re.sub(r"\D", "", plain)
    if len(digits) >= 7:
        out.add(digits)
        if len(digits) == 11:  # 138 0013 8000 / 138-0013-8000
            out.add(f"{digits[:3]} {digits[3:7]} {digits[7:]}")
            out.add(f"{digits[:3]}-{digits[3:7]}-{digits[7:]}")
        if len(digits) >= 17:  # 510411 19850312 1232
            out.add(f"{plain[:6]} {plain[6:14]} {plain[14:]}")
    if re.search(r"[\u4e00-\u9fff]", plain):
        syllables = lazy_pinyin(plain)
        if 2 <= len(plain) <= 4:  # a name: zhangsan, zhang san, ZhangSan
            out |= {"".join(syllables), " ".join(syllables), "".join(s.capitalize() for s in syllables)}
        out.add(json.dumps(plain)[1:-1])  # \u5f20\u4e09
        out.add(str(plain.encode("utf-8"))[2:-1])  # \xe5\xbc\xa0...
    return {v for v in out if len(v) >= 2}


@dataclass
class Flow:
    data_dir: Path
    log_text: str
    log_files: list[Path]
    case_numbers: list[str]
    purged_blobs: set[str]
    context_after: dict[str, Any]


def _log_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and (".log" in p.name or p.parent.name == "logs"))


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flow]:
    data_dir = tmp_path_factory.mktemp("pii") / "demo"
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    patch = pytest.MonkeyPatch()
    saved_loggers: dict[str, tuple[list[logging.Handler], bool]] = {}
    real_config = embedded.uvicorn.Config

    def loud_config(app: Any, **kwargs: Any) -> Any:
        # uvicorn's own logging config would keep its records out of our files: let them propagate,
        # at DEBUG, with the access log on.
        kwargs.update(log_level="debug", access_log=True, log_config=None)
        return real_config(app, **kwargs)

    patch.setattr(embedded.uvicorn, "Config", loud_config)
    try:
        configure_logging(data_dir, verbose=True)
        for name in LOUD:
            logger = logging.getLogger(name)
            # An earlier uvicorn in this process may have given its loggers their own handlers and cut
            # them off from the root: everything must reach our files here.
            saved_loggers[name] = (list(logger.handlers), logger.propagate)
            logger.handlers, logger.propagate = [], True
            logger.setLevel(logging.DEBUG)
        assert run_demo(data_dir) == 0
        context = AppContext.open(data_dir, sync=False)
        try:
            # The collected case first: the demo walks it to pickup (other cases it makes stop earlier).
            numbers = [s.case_number for s in context.cases.list_cases(status=CaseStatus.COLLECTED)]
            numbers += [s.case_number for s in context.cases.list_cases() if s.case_number not in numbers]
            blob_hashes = {p.parent.name + p.name for p in (data_dir / "blobs").rglob("*") if p.is_file()}
            assert context.cipher is not None
            later = datetime.now(UTC) + timedelta(days=31)
            report = RetentionService(RetentionStore(context.database, context.cipher), context.blobs,
                                      context.audit, RetentionPolicy(case_grace_days=30),
                                      clock=lambda: later).run()
            after = {"report": report, "search": {q: [s.case_number for s in context.cases.list_cases(q)]
                                                  for q in (numbers[0], SAMPLE.operator.name[0],
                                                            SAMPLE.operator.id_document.number[-4:],
                                                            SAMPLE.operator.name)},
                     "summary": context.cases.list_cases(numbers[0])[0],
                     "verify": context.audit.verify(),
                     "actions": [e.action for e in context.audit.events()]}
            left = {p.parent.name + p.name for p in (data_dir / "blobs").rglob("*") if p.is_file()}
        finally:
            context.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
        files = _log_files(data_dir)
        text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
        yield Flow(data_dir, text, files, numbers, blob_hashes - left, after)
    finally:
        patch.undo()
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
        for name, (handlers, propagate) in saved_loggers.items():
            logger = logging.getLogger(name)
            logger.handlers, logger.propagate = handlers, propagate
            logger.setLevel(logging.NOTSET)


def test_the_logs_are_real_and_cover_every_part(flow: Flow) -> None:
    assert flow.log_files, "no log file written"
    text = flow.log_text
    assert len(text) > 10_000
    for expected in ("counter_app.", "uvicorn", "HTTP Request", "GET /v1/changes", "sqlalchemy.engine"):
        assert expected in text, f"{expected!r} missing: the scan would not cover that part"
    assert any(n in text for n in flow.case_numbers)  # cases are named by number: that is allowed


def _leaks(files: list[Path], values: list[str]) -> list[str]:
    leaks = []
    for path in files:
        content = path.read_text(encoding="utf-8", errors="replace")
        for value in values:
            for variant in _variants(value):
                index = content.find(variant)
                if index >= 0:
                    leaks.append(f"{path.name}: {variant!r} in …{content[max(0, index - 120):index + 40]!r}")
    return leaks


def test_no_personal_data_in_any_log(flow: Flow) -> None:
    values = _personal_values()
    assert SAMPLE.operator.id_document.number in values and SAMPLE.operator.mobile in values
    leaks = _leaks(flow.log_files, values)
    assert not leaks, "personal data in the logs:\n" + "\n".join(leaks[:20])


@pytest.mark.parametrize("line", ["operator ZhangSan", "phone 138 0013 8000", "id 510411 19850312 1232",
                                  "name \\u5f20\\u4e09", "addr 迤沙拉大道18号附3号"])
def test_the_scan_would_find_a_leak(tmp_path: Path, line: str) -> None:
    planted = tmp_path / "planted.log"
    planted.write_text(f"2026-01-01 INFO x: {line}\n", encoding="utf-8")
    assert _leaks([planted], _personal_values())


def test_retention_after_the_real_flow(flow: Flow) -> None:
    after = flow.context_after
    report = after["report"]
    assert report.cases_purged == flow.case_numbers[:1]
    assert flow.case_numbers[0] in report.images_purged
    assert flow.purged_blobs, "no image file left the disk"
    search = after["search"]
    name, number = SAMPLE.operator.name, flow.case_numbers[0]
    assert search[number] == [number]
    # The demo's other case has the same applicant and is still in progress: it matches as well.
    assert number in search[name[0]] and number in search[SAMPLE.operator.id_document.number[-4:]]
    assert number not in search[name]  # the full name is no longer held for the purged case
    summary = after["summary"]
    assert summary.operator_name == mask_name(name)
    assert summary.id_number == mask_id_number(SAMPLE.operator.id_document.number)
    assert after["verify"].ok
    # Every kind of action issue 7 lists is in the trail of this one run (printing to paper and viewing
    # an image are GUI actions: tests/ui cover them).
    assert {"case.create", "case.view", "case.edit", "material.capture", "document.save_pdf", "case.submit",
            "case.status_from_district", "pickup.collected"} <= set(after["actions"])
    assert {"case.create", "pickup.collected", "retention.images_purged", "retention.case_purged"} \
        <= set(after["actions"])
