"""ReviewClient against the real embedded district: queue filters and counts, claims, decisions, images."""

from __future__ import annotations

import pytest

from counter_app.review.client import QueueFilter
from counter_app.review.connection import ReviewConnection
from counter_app.review.images import ImageCache, MaterialImages
from counter_app.sync import review_protocol as rp
from counter_app.sync.errors import ProblemResponse
from tests.unit.review.district import Counter, ReviewDistrict, jpeg, sha

RP = rp.ReviewProblemCode


def test_queue_filters_counts_and_order(counter: Counter, reviewer: ReviewConnection) -> None:
    plain = counter.submit(number="RH-0001")
    deferred = counter.submit(number="RH-0002", deferred=("premises_landlord_title",))
    client = reviewer.client
    page = client.queue()
    assert page.total == 2 and page.counts == {"submitted": 2}
    assert {i.case_number for i in page.items} == {"RH-0001", "RH-0002"}
    lefts = [i.working_days_left for i in page.items]
    assert lefts == sorted(lefts)  # least time left first
    assert all(i.deadline_flag in ("ok", "near") for i in page.items)
    only_deferred = client.queue(QueueFilter(deferred=True))
    assert [i.case_id for i in only_deferred.items] == [deferred.case_id]
    assert only_deferred.items[0].deferred_outstanding == ["premises_landlord_title"]
    assert [i.case_id for i in client.queue(QueueFilter(deferred=False)).items] == [plain.case_id]
    assert client.queue(QueueFilter(deadline="past")).total == 0
    assert client.queue(QueueFilter(township="510411002")).total == 0
    assert client.queue(QueueFilter(statuses=("approved",))).total == 0

    state = client.claim(plain.case_id)
    assert state.status == "in_review" and state.claim and state.claim.claimed_by == "demo-reviewer"
    assert client.queue().counts == {"submitted": 1, "in_review": 1}
    assert client.queue(QueueFilter(statuses=("in_review",))).items[0].claimed_by == "demo-reviewer"
    assert client.release(plain.case_id).status == "submitted"


def test_claim_next_then_decisions_until_the_queue_is_empty(counter: Counter,
                                                            reviewer: ReviewConnection) -> None:
    first = counter.submit(number="RH-0101")
    second = counter.submit(number="RH-0102", deferred=("premises_landlord_title",))
    client = reviewer.client
    phrases = client.phrases()
    assert {"illegible", "incomplete"} <= {ph.code for ph in phrases}
    assert all(ph.text_zh for ph in phrases)

    taken = {client.claim_next().case_id, client.claim_next().case_id}
    assert taken == {first.case_id, second.case_id}
    with pytest.raises(ProblemResponse) as nothing:
        client.claim_next()
    assert nothing.value.code == RP.NOTHING_TO_CLAIM and "暂无" in nothing.value.message_zh

    with pytest.raises(ProblemResponse) as blocked:
        client.approve(second.case_id)
    assert blocked.value.code == RP.DEFERRED_OUTSTANDING and "容缺" in blocked.value.message_zh
    counter.supply_deferred(second.case_id, "premises_landlord_title")
    approved = client.approve(second.case_id, rp.ApproveRequest(reason="材料齐全"))
    assert approved.status == "approved" and approved.uscc and approved.uscc.startswith("92510411")
    assert approved.licence_number

    returned = client.return_for_correction(first.case_id, rp.ReturnRequest(items=[
        rp.ReturnItem(target="field", path="operator.mobile", phrase="incomplete", text="请核对手机号"),
        rp.ReturnItem(target="document", path="operator_id_front", phrase="illegible")]))
    assert returned.status == "returned"
    assert returned.decisions[-1].outcome == "returned"
    assert [i["path"] for i in returned.decisions[-1].data["items"]] == ["operator.mobile",
                                                                         "operator_id_front"]
    counter.submit(number="RH-0101", case_id=first.case_id, version=2)
    assert client.claim(first.case_id).version == 2
    extended = client.extend(first.case_id, rp.ExtensionRequest(reason="需现场核查经营场所"))
    assert extended.extended and extended.extension_reason == "需现场核查经营场所"
    refused = client.refuse(first.case_id, rp.RefuseRequest(reasons=["经营场所位于禁止经营区域"]))
    assert refused.status == "refused"
    assert "六十日" in refused.decisions[-1].data["remedies_zh"]
    assert client.state(first.case_id).status == "refused"


def test_detail_and_images_thumbnails_first_while_full_images_upload(
        counter: Counter, reviewer: ReviewConnection) -> None:
    sub = counter.submit(number="RH-0201", full_images=False)
    detail = reviewer.client.detail(sub.case_id)
    assert detail.application["operator"]["name"] == "张三"  # the full data (the server audits the read)
    assert detail.view.case_number == "RH-0201"
    assert set(detail.view.missing_blobs) == {m.sha256 for m in sub.materials}
    images = MaterialImages(reviewer.client, ImageCache(max_bytes=10_000_000))
    portrait = next(m for m in detail.view.materials if m.slot == "portrait")
    thumb = images.thumbnail(portrait)
    assert thumb.data == jpeg("astronaut.jpg", 160) and not thumb.full
    assert images.full(portrait).data is None  # still uploading: nothing cached, asked again later
    assert portrait.sha256 not in images.cache
    counter.upload_full_images()
    full = images.full(portrait)
    assert full.full and full.data is not None and sha(full.data) == portrait.sha256
    assert reviewer.client.detail(sub.case_id).view.missing_blobs == []
    assert reviewer.client.blob_status(portrait.sha256).complete


def test_image_cache_is_bounded_least_recently_used_first() -> None:
    cache = ImageCache(max_bytes=250)
    cache.put("a", b"x" * 100)
    cache.put("b", b"y" * 100)
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("c", b"z" * 100)
    assert "b" not in cache and "a" in cache and "c" in cache and cache.size == 200
    cache.put("huge", b"h" * 1000)  # over the whole budget: not kept
    assert "huge" not in cache and len(cache) == 2
    cache.clear()
    assert len(cache) == 0 and cache.size == 0


def test_a_claimed_case_is_not_handed_out_again(district: ReviewDistrict, counter: Counter,
                                                reviewer: ReviewConnection) -> None:
    sub = counter.submit(number="RH-0301")
    reviewer.client.claim(sub.case_id)
    # A second review PC (the demo has one reviewer account) asks for the next case: the claimed one is
    # not free until released or expired.
    with pytest.raises(ProblemResponse) as nothing:
        district.reviewer().client.claim_next()
    assert nothing.value.code == RP.NOTHING_TO_CLAIM
