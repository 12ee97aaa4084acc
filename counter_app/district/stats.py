"""GET /v1/review/stats: cases per township and status, median time to decision, share decided within
the committed limit, returns by standard phrase. Codes and counts only (no personal data)."""

from __future__ import annotations

import json
import statistics
from collections import Counter

from sqlalchemy import func, select

from counter_app.district.auth import require_role
from counter_app.district.db import DistrictDb
from counter_app.district.principal import Principal
from counter_app.district.tables import CaseRow, CaseVersionRow, DecisionRow
from counter_app.domain.status import Role
from counter_app.sync.review_protocol import ReviewStats, TownshipStatusCount

DECISION_OUTCOMES = ("approved", "returned", "refused")


def review_stats(db: DistrictDb, principal: Principal, township: str | None = None) -> ReviewStats:
    require_role(principal, Role.REVIEWER, Role.ADMIN)
    with db.read() as session:
        counts = select(CaseRow.township_code, CaseRow.status, func.count()).group_by(
            CaseRow.township_code, CaseRow.status).order_by(CaseRow.township_code, CaseRow.status)
        decisions = (select(DecisionRow.outcome, DecisionRow.at, DecisionRow.data_json,
                            CaseVersionRow.received_at)
                     .join(CaseVersionRow, (CaseVersionRow.case_id == DecisionRow.case_id)
                           & (CaseVersionRow.version == DecisionRow.version))
                     .join(CaseRow, CaseRow.case_id == DecisionRow.case_id)
                     .where(DecisionRow.outcome.in_(DECISION_OUTCOMES)))
        if township:
            counts = counts.where(CaseRow.township_code == township)
            decisions = decisions.where(CaseRow.township_code == township)
        cases = [TownshipStatusCount(township_code=t, status=s, count=int(n))
                 for t, s, n in session.execute(counts).all()]
        rows = session.execute(decisions).all()
    hours: list[float] = []
    within = 0
    reasons: Counter[str] = Counter()
    for outcome, at, data_json, received_at in rows:
        data = json.loads(data_json or "{}")
        hours.append(max(0.0, (at - received_at).total_seconds() / 3600))
        within += bool(data.get("within_committed"))
        if outcome == "returned":
            reasons.update(str(item.get("phrase", "")) for item in data.get("items", []))
    return ReviewStats(cases=cases, decided=len(rows),
                       median_hours_to_decision=round(statistics.median(hours), 2) if hours else None,
                       share_within_committed=round(within / len(rows), 4) if rows else None,
                       returns_by_reason=dict(sorted(reasons.items())))
