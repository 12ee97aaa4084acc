"""The change feed: cursor paging, per township, every status change / decision / dispatch."""

from __future__ import annotations

import httpx

from counter_app.sync import protocol as p
from tests.district.helpers import Api, Auth, assert_problem, submission


def _walk_to_dispatch(api: Api, reviewer: Auth, case_id: str) -> None:
    for target in ("in_review", "approved", "licence_dispatched"):
        assert api.transition(reviewer, case_id, target, "核准").status_code == 200


def test_feed_has_every_event_with_its_kind(api: Api, clerk_a: Auth, reviewer: Auth) -> None:
    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    _walk_to_dispatch(api, reviewer, sub.case_id)
    changes = api.all_changes(clerk_a)
    assert [(c.kind, c.status) for c in changes] == [
        ("status", "submitted"), ("status", "in_review"), ("decision", "approved"),
        ("dispatch", "licence_dispatched")]
    assert all(c.case_id == sub.case_id and c.case_number == sub.case_number for c in changes)
    assert changes[2].data["reason"] == "核准"
    cursors = [int(c.cursor) for c in changes]
    assert cursors == sorted(cursors) and len(set(cursors)) == 4


def test_cursor_paging(api: Api, clerk_a: Auth, reviewer: Auth) -> None:
    ids = []
    for _ in range(5):
        sub = submission()
        assert api.submit(clerk_a, sub).status_code == 201
        ids.append(sub.case_id)
    page1 = api.changes(clerk_a, limit=2)
    assert len(page1.changes) == 2 and page1.more
    page2 = api.changes(clerk_a, page1.next_cursor, limit=2)
    page3 = api.changes(clerk_a, page2.next_cursor, limit=2)
    assert len(page3.changes) == 1 and not page3.more
    assert [c.case_id for c in page1.changes + page2.changes + page3.changes] == ids
    # Nothing new: an empty page keeps the cursor.
    empty = api.changes(clerk_a, page3.next_cursor)
    assert empty.changes == [] and empty.next_cursor == page3.next_cursor and not empty.more
    # A later decision shows up after the old cursor.
    assert api.transition(reviewer, ids[0], "in_review").status_code == 200
    later = api.changes(clerk_a, page3.next_cursor)
    assert [(c.case_id, c.status) for c in later.changes] == [(ids[0], "in_review")]
    # Starting over ("0" or no cursor) replays everything.
    assert len(api.all_changes(clerk_a)) == 6
    assert len(api.changes(clerk_a, "0").changes) == 6


def test_feed_is_per_township(api: Api, clerk_a: Auth, clerk_b: Auth, reviewer: Auth) -> None:
    a, b = submission(township="510411001"), submission(township="510411002")
    assert api.submit(clerk_a, a).status_code == 201
    assert api.submit(clerk_b, b).status_code == 201
    assert api.transition(reviewer, a.case_id, "in_review").status_code == 200
    assert {c.case_id for c in api.all_changes(clerk_a)} == {a.case_id}
    assert {c.case_id for c in api.all_changes(clerk_b)} == {b.case_id}
    assert {c.case_id for c in api.all_changes(reviewer)} == {a.case_id, b.case_id}


def test_admin_has_no_feed_and_bad_cursors_are_refused(client: httpx.Client, admin: Auth,
                                                       clerk_a: Auth) -> None:
    assert_problem(client.get(p.PATH_CHANGES, headers=admin.headers), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    for cursor in ("abc", "-1", "1.5", "9" * 40):
        assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers, params={"after": cursor}), 422,
                       p.ProblemCode.REQUEST_INVALID)
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers, params={"limit": 501}), 422,
                   p.ProblemCode.REQUEST_INVALID)
