"""A case as the counter really makes it — captured through the capture pipeline, accepted under 容缺 —
goes through the outbox, and the district holds the same case: its materials, thumbnails and the
deferred items recorded at acceptance."""

from __future__ import annotations

from collections.abc import Callable

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.demo import load_sample_application
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from tests.integration.sync.helpers import Counter
from tests.integration.sync.server_view import download_and_verify, server_view


def test_a_captured_case_accepted_with_deferrals_arrives_whole(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    context = counter.context
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id)
    assert context.cases.pre_review(record.case_id).passed
    plan = context.acceptance.plan(record.case_id)
    assert plan.can_accept_with_deferrals
    requests = [DeferralRequest(m.key, DeliveryMethod.POST, plan.deadlines.committed_due)
                for m in plan.materials.missing_deferrable]
    context.acceptance.accept(record.case_id, deferrals=requests, commitment_signed=True)
    assert counter.repository.get(record.case_id).status is CaseStatus.ACCEPTED_WITH_DEFERRALS  # type: ignore[union-attr]

    context.submissions.submit(record.case_id)
    status = counter.sync.run_until_idle(timeout=60)

    assert status.waiting == 0 and status.attention == 0, status
    auth = counter.sync.sessions.credentials()
    view = counter.sync.client.get_case(auth, record.case_id)
    assert view.submission_status == "accepted_with_deferrals" and view.missing_blobs == []
    assert sorted(d.slot for d in view.deferred) == sorted(r.item_key for r in requests)
    local = context.outbox.materials(record.case_id)
    assert {(m.slot, m.page, m.sha256, m.thumb_sha256) for m in local} == \
        {(m.slot, m.page, m.sha256, m.thumb_sha256) for m in view.materials}
    hashes = {m.sha256 for m in local} | {m.thumb_sha256 for m in local if m.thumb_sha256}
    assert hashes <= server_view(district.settings).complete_blobs
    download_and_verify(district.base_url, auth, hashes)
    assert counter.repository.get(record.case_id).status is CaseStatus.SUBMITTED  # type: ignore[union-attr]
