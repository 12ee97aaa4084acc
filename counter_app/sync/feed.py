"""Applying the district's change feed to local cases: which transitions a reported status implies.

The feed lists every status change, so normally a reported status is one step from the local one. After
a crash or a long time offline it may be several (the counter still shows "queued" while the district
reports "in review"): the shortest path through the transitions the district or the system may make is
taken, each step checked by the status machine with that role. A status the counter cannot reach that
way (a clerk's own step, or going backwards) is recorded and not forced.
"""

from __future__ import annotations

from collections import deque

from counter_app.domain.status import TRANSITIONS, CaseStatus, Role
from counter_app.store.change_feed import FeedEntry, StatusPlan
from counter_app.sync.protocol import Change

_REMOTE_ROLES = (Role.SYSTEM, Role.REVIEWER)  # preference order: the sync engine first
_MAX_STEPS = 4


def plan_status(current: CaseStatus, target: CaseStatus) -> StatusPlan | None:
    """The steps (status, role) that take a case from `current` to `target` through district/system
    transitions, or None if there is no such path. [] when already there."""
    if current is target:
        return []
    queue: deque[tuple[CaseStatus, StatusPlan]] = deque([(current, [])])
    seen = {current}
    while queue:
        status, path = queue.popleft()
        if len(path) >= _MAX_STEPS:
            continue
        for transition in TRANSITIONS:
            if transition.source is not status or transition.target in seen:
                continue
            role = next((r for r in _REMOTE_ROLES if r in transition.roles), None)
            if role is None:
                continue
            step = [*path, (transition.target, role)]
            if transition.target is target:
                return step
            seen.add(transition.target)
            queue.append((transition.target, step))
    return None


def feed_entry(change: Change) -> FeedEntry:
    return FeedEntry(cursor=change.cursor, case_id=change.case_id.lower(), version=change.version,
                     kind=change.kind, status=change.status, at=change.at, data=dict(change.data))
