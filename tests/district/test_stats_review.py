"""GET /v1/review/stats after real decisions, on both databases."""

from __future__ import annotations

import httpx
from sqlalchemy import update

from counter_app.district.review_state import china_today
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import ReviewRow
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, assert_problem
from tests.district.test_review_decisions import approve, claim, post, submitted_case


def test_stats_count_decisions_deadlines_and_returns(api: Api, client: httpx.Client, clerk_a: Auth,
                                                     clerk_b: Auth, reviewer: Auth, admin: Auth,
                                                     runtime: DistrictRuntime) -> None:
    approved, returned, late = (submitted_case(api, clerk_a) for _ in range(3))
    pending = submitted_case(api, clerk_b, township="510411002")
    for sub in (approved, returned, late):
        claim(client, reviewer, sub.case_id)
    approve(client, reviewer, approved.case_id)
    items = [{"target": "field", "path": "business.name", "phrase": "name_not_allowed", "text": ""},
             {"target": "field", "path": "operator.phone", "phrase": "incomplete", "text": ""}]
    assert post(client, reviewer, rp.review_case_path(returned.case_id, "return"),
                {"items": items}).status_code == 200
    # `late` is decided after its committed limit.
    with runtime.db.write() as session:
        session.execute(update(ReviewRow).where(ReviewRow.case_id == late.case_id)
                        .values(committed_due=china_today().replace(year=2020)))
    assert post(client, reviewer, rp.review_case_path(late.case_id, "refuse"),
                {"reasons": ["不符合规定"]}).status_code == 200

    response = client.get(rp.PATH_REVIEW_STATS, headers=admin.headers)
    assert response.status_code == 200, response.text
    stats = rp.ReviewStats.model_validate(response.json())
    per = {(c.township_code, c.status): c.count for c in stats.cases}
    assert per == {("510411001", "approved"): 1, ("510411001", "returned"): 1,
                   ("510411001", "refused"): 1, ("510411002", "submitted"): 1}
    assert stats.decided == 3
    assert stats.share_within_committed is not None and abs(stats.share_within_committed - 2 / 3) < 0.001
    assert stats.median_hours_to_decision is not None and 0 <= stats.median_hours_to_decision < 1
    assert stats.returns_by_reason == {"incomplete": 1, "name_not_allowed": 1}
    only_b = rp.ReviewStats.model_validate(client.get(rp.PATH_REVIEW_STATS, headers=reviewer.headers,
                                                     params={"township": "510411002"}).json())
    assert only_b.decided == 0 and only_b.median_hours_to_decision is None
    assert [(c.status, c.count) for c in only_b.cases] == [("submitted", 1)]
    assert pending.case_id
    assert_problem(client.get(rp.PATH_REVIEW_STATS, headers=clerk_a.headers), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_ROLE)


def test_phrases_are_listed(client: httpx.Client, reviewer: Auth) -> None:
    phrases = [rp.ReturnPhrase.model_validate(x)
               for x in client.get(rp.PATH_REVIEW_PHRASES, headers=reviewer.headers).json()]
    assert {"illegible", "incomplete", "other"} <= {x.code for x in phrases}
    assert all(x.text_zh and x.text_en for x in phrases)
