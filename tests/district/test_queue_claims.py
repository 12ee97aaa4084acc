"""The review queue and claims on both databases: two reviewers claiming at once never both get a case,
release, admin reassignment, expiry, filters and the time-left sort."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update

from counter_app.district.accounts import NewUser, add_user
from counter_app.district.review_state import china_today
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.seed import DEMO_PASSWORD
from counter_app.district.tables import CaseRow, ReviewRow
from counter_app.domain.status import Role
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, assert_problem
from tests.district.test_review_decisions import claim, deferred_case, post, submitted_case

RP = rp.ReviewProblemCode


def second_reviewer(runtime: DistrictRuntime, api: Api) -> Auth:
    with runtime.db.write() as session:
        add_user(session, runtime.passwords, NewUser("reviewer-2", Role.REVIEWER, None, "第二审核员"),
                 DEMO_PASSWORD)
    return api.sign_in("reviewer-2", township=None)


def race(client: httpx.Client, calls: list[tuple[Auth, str]]) -> list[httpx.Response]:
    """Fire all calls at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, auth: Auth, path: str) -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=30) as own:
            barrier.wait()
            results[i] = own.post(path, headers=auth.headers, json={})

    threads = [threading.Thread(target=run, args=(i, a, path)) for i, (a, path) in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_two_reviewers_claiming_at_once_never_both_get_it(api: Api, client: httpx.Client, clerk_a: Auth,
                                                          reviewer: Auth, runtime: DistrictRuntime) -> None:
    other = second_reviewer(runtime, api)
    for _ in range(8):
        sub = submitted_case(api, clerk_a)
        path = rp.review_case_path(sub.case_id, "claim")
        answers = race(client, [(reviewer, path), (other, path)])
        codes = sorted(r.status_code for r in answers)
        assert codes == [200, 409], [r.text for r in answers]
        loser = next(r for r in answers if r.status_code == 409)
        assert_problem(loser, 409, RP.CLAIMED_BY_OTHER)
    # Exactly one "in_review" change per case: the loser moved nothing.
    assert sum(c.status == "in_review" for c in api.all_changes(reviewer)) == 8


def test_claim_next_hands_out_each_case_once(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth,
                                             runtime: DistrictRuntime) -> None:
    other = second_reviewer(runtime, api)
    ids = {submitted_case(api, clerk_a).case_id for _ in range(6)}
    got: list[str] = []
    for _ in range(3):
        answers = race(client, [(reviewer, rp.PATH_REVIEW_CLAIM_NEXT), (other, rp.PATH_REVIEW_CLAIM_NEXT)])
        for answer in answers:
            assert answer.status_code == 200, answer.text
            got.append(answer.json()["case_id"])
    assert sorted(got) == sorted(ids)  # six distinct cases, none twice
    assert_problem(post(client, reviewer, rp.PATH_REVIEW_CLAIM_NEXT), 404, RP.NOTHING_TO_CLAIM)


def test_release_reassign_and_expiry(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth,
                                     admin: Auth, runtime: DistrictRuntime) -> None:
    other = second_reviewer(runtime, api)
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    assert_problem(post(client, other, rp.review_case_path(sub.case_id, "claim")), 409, RP.CLAIMED_BY_OTHER)
    assert_problem(post(client, other, rp.review_case_path(sub.case_id, "release")), 409, RP.CLAIM_REQUIRED)
    released = post(client, reviewer, rp.review_case_path(sub.case_id, "release"))
    assert released.status_code == 200 and released.json()["status"] == "submitted"
    assert [c.status for c in api.all_changes(clerk_a)][-2:] == ["in_review", "submitted"]

    # Administrators reassign (but never decide); reviewers may not reassign.
    reassign = rp.review_case_path(sub.case_id, "reassign")
    assert_problem(client.post(reassign, headers=reviewer.headers, json={"username": "reviewer-2"}), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(client.post(reassign, headers=admin.headers, json={"username": "demo-clerk"}), 422,
                   RP.USER_NOT_REVIEWER)
    moved = client.post(reassign, headers=admin.headers, json={"username": "reviewer-2"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["claim"]["claimed_by"] == "reviewer-2"
    assert_problem(post(client, reviewer, rp.review_case_path(sub.case_id, "approve")), 409,
                   RP.CLAIMED_BY_OTHER)

    # An expired claim may be taken over.
    with runtime.db.write() as session:
        session.execute(update(ReviewRow).where(ReviewRow.case_id == sub.case_id)
                        .values(claim_expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    taken = claim(client, reviewer, sub.case_id)
    assert taken.claim and taken.claim.claimed_by == "demo-reviewer"


def test_queue_filters_counts_and_sort(api: Api, client: httpx.Client, clerk_a: Auth, clerk_b: Auth,
                                       reviewer: Auth, admin: Auth, runtime: DistrictRuntime) -> None:
    a1 = submitted_case(api, clerk_a)
    a2 = deferred_case(api, clerk_a)
    b1 = submitted_case(api, clerk_b, township="510411002")
    today = china_today()
    # Make a2 overdue and b1 due today, a1 stays due later (the due date and the queue's copy of it).
    with runtime.db.write() as session:
        for case_id, due in ((a2.case_id, today - timedelta(days=7)), (b1.case_id, today),
                             (a1.case_id, today + timedelta(days=14))):
            session.execute(update(ReviewRow).where(ReviewRow.case_id == case_id).values(committed_due=due))
            session.execute(update(CaseRow).where(CaseRow.case_id == case_id).values(queue_due=due))
    claim(client, reviewer, a1.case_id)

    def queue(who: Auth = reviewer, **params: Any) -> rp.QueuePage:
        response = client.get(rp.PATH_REVIEW_QUEUE, headers=who.headers, params=params)
        assert response.status_code == 200, response.text
        return rp.QueuePage.model_validate(response.json())

    page = queue()
    assert [i.case_id for i in page.items] == [a2.case_id, b1.case_id, a1.case_id]  # least time left first
    assert [i.deadline_flag for i in page.items] == ["past", "near", "ok"]
    assert page.items[0].working_days_left < 0 <= page.items[1].working_days_left
    assert page.items[0].deferred_outstanding == ["premises_proof"]
    assert page.items[2].claimed_by == "demo-reviewer"
    assert page.total == 3 and page.counts == {"submitted": 2, "in_review": 1}
    assert [i.case_id for i in queue(township="510411002").items] == [b1.case_id]
    assert [i.case_id for i in queue(deadline="past").items] == [a2.case_id]
    assert [i.case_id for i in queue(deadline="near").items] == [b1.case_id]
    assert [i.case_id for i in queue(deferred="false").items] == [b1.case_id, a1.case_id]
    assert [i.case_id for i in queue(status="in_review").items] == [a1.case_id]
    assert queue(admin).total == 3  # administrators see the queue (no personal data in it)
    assert_problem(client.get(rp.PATH_REVIEW_QUEUE, headers=clerk_a.headers), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(client.get(rp.PATH_REVIEW_QUEUE, headers=reviewer.headers, params={"deadline": "soon"}),
                   422, p.ProblemCode.REQUEST_INVALID)
