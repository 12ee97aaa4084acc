"""The demo's sync step on the real embedded default: no district configured, so the app starts the
district service in-process, registers with the demo code, signs in as demo-clerk and syncs."""

from __future__ import annotations

from pathlib import Path

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.store.repository import CaseRepository
from counter_app.sync.demo_sync import sync_demo_case


def test_sync_demo_case_reports_bytes_and_the_status_that_came_back(tmp_path: Path) -> None:
    context = AppContext.open(tmp_path / "demo")
    try:
        record = context.cases.new_case(load_sample_application())
        assert context.cases.pre_review(record.case_id).passed
        CaseRepository(context.database, FieldCipher(load_data_key(tmp_path / "demo", demo_mode=True).key)) \
            .set_status(record.case_id, CaseStatus.ACCEPTED)

        lines = sync_demo_case(context, record.case_id)

        text = "\n".join(lines)
        assert "实际发送 / sent on the wire:" in text and "已送达区级" in text
        assert "from the district (change feed #" in text and "已提交 / Submitted" in text
        assert context.cases.open_case(record.case_id).status is CaseStatus.SUBMITTED
        assert (tmp_path / "demo" / "district").is_dir()  # the embedded service's own folder
        assert not any("510411198503121232" in line for line in lines)
    finally:
        context.close()
