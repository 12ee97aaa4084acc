"""The queue's copies on `cases` (migration 0007: the current committed due date and "容缺 outstanding")
stay equal to the records they copy, and every queue filter answers what the records say, after each
kind of change: submission (first version, with and without 容缺), claim, release, extension, 容缺
supply (partly, fully), return, resubmission, refusal, approval, dispatch and the transition hook. On
both databases, over real HTTP. The expected answers are computed here from review_cases and
review_deferred, not from the copies."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from alembic import command
from sqlalchemy import select, text

from counter_app.district.accounts import NewUser, add_user
from counter_app.district.db import create_district_engine
from counter_app.district.migrate import alembic_config, upgrade_to_head
from counter_app.district.review_state import china_today
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.seed import DEMO_PASSWORD
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import CaseRow, DeferredRow, ReviewRow
from counter_app.domain.status import Role
from counter_app.store.db import writing
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, blob_bytes, sha, submission
from tests.district.test_review_decisions import approve, claim, post

OPEN = ("submitted", "in_review")
FILTERS: list[dict[str, Any]] = [
    {}, {"township": "510411001"}, {"township": "510411002"}, {"status": "submitted"},
    {"status": "in_review"}, {"status": ["submitted", "in_review"]}, {"deadline": "past"},
    {"deadline": "near"}, {"deadline": "ok"}, {"deferred": "true"}, {"deferred": "false"},
    {"township": "510411001", "deadline": "past"}, {"township": "510411001", "deferred": "true"},
    {"status": "in_review", "deadline": "ok"},
]


def records(runtime: DistrictRuntime) -> list[tuple[str, str, str, date, bool]]:
    """(case id, status, township, committed due, 容缺 outstanding) of every case, from the records."""
    with runtime.db.read() as session:
        outstanding = set(session.scalars(select(DeferredRow.case_id)
                                          .where(DeferredRow.supplied_sha256.is_(None))))
        rows = session.execute(select(CaseRow.case_id, CaseRow.status, CaseRow.township_code,
                                      ReviewRow.committed_due)
                               .join(ReviewRow, ReviewRow.case_id == CaseRow.case_id)).all()
    return [(c, s, t, due, c in outstanding) for c, s, t, due in rows]


def expected(runtime: DistrictRuntime, params: dict[str, Any]) -> tuple[list[str], dict[str, int]]:
    today = china_today()
    near = runtime.queue.rules.calendar.add_working_days(today, 1).due
    statuses = params.get("status", OPEN)
    statuses = [statuses] if isinstance(statuses, str) else statuses
    keep = []
    for case_id, status, township, due, pending in records(runtime):
        deadline = "past" if due < today else "near" if due <= near else "ok"
        if status in statuses and params.get("township", township) == township \
                and params.get("deadline", deadline) == deadline \
                and params.get("deferred", str(pending).lower()) == str(pending).lower():
            keep.append((due, case_id, status))
    keep.sort()
    counts: dict[str, int] = {}
    for _, _, status in keep:
        counts[status] = counts.get(status, 0) + 1
    return [case_id for _, case_id, _ in keep], counts


def check(runtime: DistrictRuntime, client: httpx.Client, reviewer: Auth, moment: str) -> None:
    with runtime.db.read() as session:
        copies = {c: (due, flag) for c, due, flag in session.execute(
            select(CaseRow.case_id, CaseRow.queue_due, CaseRow.deferred_outstanding))}
        slots: dict[str, list[str]] = {}
        for case_id, slot in session.execute(select(DeferredRow.case_id, DeferredRow.slot).where(
                DeferredRow.supplied_sha256.is_(None)).order_by(DeferredRow.slot)):
            slots.setdefault(case_id, []).append(slot)
    truth = {c: (due, pending) for c, _s, _t, due, pending in records(runtime)}
    assert copies == truth, moment
    for params in FILTERS:
        response = client.get(rp.PATH_REVIEW_QUEUE, headers=reviewer.headers, params=params)
        assert response.status_code == 200, response.text
        page = rp.QueuePage.model_validate(response.json())
        ids, counts = expected(runtime, params)
        assert ([i.case_id for i in page.items], page.counts, page.total) == (ids, counts, len(ids)), \
            f"{moment}: {params}"
        assert {i.case_id: i.deferred_outstanding for i in page.items} == {
            case_id: slots.get(case_id, []) for case_id in ids}, f"{moment}: {params}"


def submit(api: Api, clerk: Auth, sub: p.CaseSubmission) -> p.CaseSubmission:
    response = api.submit(clerk, sub)
    assert response.status_code == 201, response.text
    return sub


def with_deferred(sub: p.CaseSubmission, *slots: str, **update: Any) -> p.CaseSubmission:
    items = [p.DeferredItem(slot=slot, delivery="counter", due_date=date(2026, 12, 31)) for slot in slots]
    return sub.model_copy(update={"status": "accepted_with_deferrals", "deferred": items, **update})


def ok(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text


def test_queue_copies_follow_every_kind_of_change(api: Api, client: httpx.Client, clerk_a: Auth,
                                                  clerk_b: Auth, reviewer: Auth,
                                                  runtime: DistrictRuntime) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=20)  # accepted at the counter, then weeks in the outbox
    a1 = submit(api, clerk_a, submission(number="A1").model_copy(update={"submitted_at": long_ago}))
    a2 = submit(api, clerk_a, with_deferred(submission(number="A2"), "premises_proof"))
    a3 = submit(api, clerk_a, with_deferred(submission(number="A3"), "premises_proof", "lease"))
    b1 = submit(api, clerk_b, submission(number="B1", township="510411002").model_copy(
        update={"submitted_at": datetime.now(UTC) - timedelta(days=1)}))
    check(runtime, client, reviewer, "submitted")

    claim(client, reviewer, a1.case_id)
    check(runtime, client, reviewer, "claimed")
    ok(post(client, reviewer, rp.review_case_path(a1.case_id, "release")))
    check(runtime, client, reviewer, "released")
    ok(post(client, reviewer, rp.review_case_path(a2.case_id, "extension"), {"reason": "需核实前置审批"}))
    check(runtime, client, reviewer, "extended")

    proof, lease = blob_bytes(1500, seed=21), blob_bytes(1600, seed=22)
    for material in (proof, lease):
        api.upload(clerk_a, material)
    ok(post(client, clerk_a, rp.deferred_supply_path(a3.case_id, "premises_proof"), {"sha256": sha(proof)}))
    check(runtime, client, reviewer, "one of two 容缺 items supplied")
    ok(post(client, clerk_a, rp.deferred_supply_path(a3.case_id, "lease"), {"sha256": sha(lease)}))
    check(runtime, client, reviewer, "all 容缺 items supplied")

    claim(client, reviewer, a1.case_id)
    item = {"target": "field", "path": "operator.phone", "phrase": "incomplete", "text": "请补充手机号"}
    ok(post(client, reviewer, rp.review_case_path(a1.case_id, "return"), {"items": [item]}))
    check(runtime, client, reviewer, "returned")
    # The resubmission restarts the clock (today, not 20 days ago) and brings a 容缺 item of its own.
    submit(api, clerk_a, with_deferred(a1, "lease", version=2, submitted_at=datetime.now(UTC)))
    check(runtime, client, reviewer, "resubmitted")

    claim(client, reviewer, b1.case_id)
    ok(post(client, reviewer, rp.review_case_path(b1.case_id, "refuse"), {"reasons": ["名称不符合规定"]}))
    check(runtime, client, reviewer, "refused")
    claim(client, reviewer, a3.case_id)
    approve(client, reviewer, a3.case_id)
    check(runtime, client, reviewer, "approved")
    ok(post(client, reviewer, rp.review_case_path(a3.case_id, "dispatch"), {"method": "hand"}))
    check(runtime, client, reviewer, "dispatched")
    claim(client, reviewer, a2.case_id)
    assert api.transition(reviewer, a2.case_id, "returned", "退回").status_code == 200
    check(runtime, client, reviewer, "transition hook")
    assert expected(runtime, {})[0] == [a1.case_id]  # only the resubmission is left


def test_migration_0007_fills_the_copies(settings: DistrictSettings) -> None:
    engine = create_district_engine(settings)
    try:
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = writing(connection) if engine.dialect.name == "sqlite" \
                else connection
            command.upgrade(config, "0006")
            connection.commit()
        now = datetime(2026, 11, 20, 2, 0)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO townships (code, name, created_at) VALUES "
                                    "('510411001', '仁和镇', :now)"), {"now": now})
            for case_id, due in (("c1", "2026-11-25"), ("c2", "2026-11-30"), ("c3", "2026-12-01")):
                connection.execute(text(
                    "INSERT INTO cases (case_id, township_code, case_number, status, version, "
                    "submission_status, created_at, updated_at) VALUES (:id, '510411001', :id, 'submitted', "
                    "1, 'accepted', :now, :now)"), {"id": case_id, "now": now})
                connection.execute(text(
                    "INSERT INTO review_cases (case_id, accepted_on, committed_due, legal_due) "
                    "VALUES (:id, '2026-11-20', :due, :due)"), {"id": case_id, "due": due})
            # c1: one item outstanding; c2: its only item supplied; c3: none.
            connection.execute(text("INSERT INTO review_deferred (case_id, slot, due_date, supplied_sha256) "
                                    "VALUES ('c1', 'a', '2026-12-31', NULL), ('c1', 'b', '2026-12-31', :s), "
                                    "('c2', 'a', '2026-12-31', :s)"), {"s": "f" * 64})
        upgrade_to_head(engine)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT case_id, queue_due, deferred_outstanding FROM cases "
                                           "ORDER BY case_id")).all()
        assert [(c, str(due), bool(flag)) for c, due, flag in rows] == [
            ("c1", "2026-11-25", True), ("c2", "2026-11-30", False), ("c3", "2026-12-01", False)]
    finally:
        engine.dispose()


def test_concurrent_claim_next_never_shares_a_case_nor_answers_409(
        api: Api, client: httpx.Client, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    """Four reviewers take cases as fast as they can until the queue is empty: each case goes to exactly
    one of them, and none is ever told "claimed by another reviewer" (a concurrent claim of the case it
    was about to get must make claim-next move on to the next case, not fail)."""
    with runtime.db.write() as session:
        for n in range(3):
            add_user(session, runtime.passwords, NewUser(f"racer-{n}", Role.REVIEWER, None, f"审核员{n}"),
                     DEMO_PASSWORD)
    reviewers = [api.sign_in("demo-reviewer", township=None)]
    reviewers += [api.sign_in(f"racer-{n}", township=None) for n in range(3)]
    ids = {submit(api, clerk_a, submission(number=f"R{n}")).case_id for n in range(24)}
    barrier = threading.Barrier(len(reviewers))
    got: list[list[str]] = [[] for _ in reviewers]
    failures: list[str] = []

    def take_all(i: int) -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=60) as own:
            barrier.wait()
            while True:
                answer = post(own, reviewers[i], rp.PATH_REVIEW_CLAIM_NEXT)
                if answer.status_code == 404:
                    return
                if answer.status_code != 200:
                    failures.append(answer.text)
                    return
                got[i].append(answer.json()["case_id"])

    threads = [threading.Thread(target=take_all, args=(i,)) for i in range(len(reviewers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    taken = [case_id for mine in got for case_id in mine]
    assert sorted(taken) == sorted(ids)  # every case once, none twice
