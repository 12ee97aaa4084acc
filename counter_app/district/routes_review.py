"""/v1/review/… (the review workspace) and /v1/cases/{id}/deferred/{slot} (the counter supplies a 容缺
item). Roles are enforced by the services: reviewers decide, administrators only reassign, clerks only
supply deferred items."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select

from counter_app.district.auth import require_role
from counter_app.district.deps import Caller, Runtime
from counter_app.district.routes_cases import _case_id
from counter_app.district.stats import review_stats
from counter_app.district.tables import Township as TownshipRow
from counter_app.domain.status import Role
from counter_app.sync.review_protocol import (
    ApproveRequest,
    DeferredSupply,
    DispatchRequest,
    ExtensionRequest,
    QueuePage,
    ReassignRequest,
    RefuseRequest,
    ReturnPhrase,
    ReturnRequest,
    ReviewCaseDetail,
    ReviewState,
    ReviewStats,
    TownshipName,
)

router = APIRouter(prefix="/v1", tags=["review"])
Township = Annotated[str | None, Query(pattern=r"^[0-9]{9}$")]
MAX_QUEUE_OFFSET = 10_000_000


@router.get("/review/queue", response_model=QueuePage, summary="The review queue, least time left first")
def get_queue(runtime: Runtime, caller: Caller, township: Township = None,
              status: Annotated[list[str] | None, Query()] = None,
              deadline: Literal["past", "near", "ok"] | None = None, deferred: bool | None = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 100,
              # Bounded: a 64-bit overflow in the database driver would be a 500 (found by fuzzing).
              offset: Annotated[int, Query(ge=0, le=MAX_QUEUE_OFFSET)] = 0) -> QueuePage:
    return runtime.queue.listing(caller, township=township, statuses=status or (), deadline=deadline,
                              deferred=deferred, limit=limit, offset=offset)


@router.post("/review/claim-next", response_model=ReviewState, summary="Claim the most urgent free case")
def post_claim_next(runtime: Runtime, caller: Caller, township: Township = None) -> ReviewState:
    return runtime.queue.claim_next(caller, township=township)


@router.get("/review/phrases", response_model=list[ReturnPhrase], summary="Standard return phrases")
def get_phrases(runtime: Runtime, caller: Caller) -> list[ReturnPhrase]:
    return runtime.rules.phrase_list()


@router.get("/review/stats", response_model=ReviewStats, summary="Review statistics")
def get_stats(runtime: Runtime, caller: Caller, township: Township = None) -> ReviewStats:
    return review_stats(runtime.db, caller, township)


@router.get("/review/townships", response_model=list[TownshipName],
            summary="The district's townships (code and name)")
def get_townships(runtime: Runtime, caller: Caller) -> list[TownshipName]:
    require_role(caller, Role.REVIEWER, Role.ADMIN)
    with runtime.db.read() as session:
        rows = session.execute(select(TownshipRow.code, TownshipRow.name).order_by(TownshipRow.code))
        return [TownshipName(code=code, name=name) for code, name in rows]


@router.get("/review/cases/{case_id}", response_model=ReviewCaseDetail,
            summary="The full case for a decision (personal data; audited)")
def get_detail(case_id: str, runtime: Runtime, caller: Caller) -> ReviewCaseDetail:
    return runtime.decisions.detail(caller, _case_id(case_id))


@router.get("/review/cases/{case_id}/state", response_model=ReviewState,
            summary="Review state (no personal data)")
def get_state(case_id: str, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.decisions.state(caller, _case_id(case_id))


@router.post("/review/cases/{case_id}/claim", response_model=ReviewState, summary="Claim a case")
def post_claim(case_id: str, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.queue.claim(caller, _case_id(case_id))


@router.post("/review/cases/{case_id}/release", response_model=ReviewState, summary="Release a claim")
def post_release(case_id: str, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.queue.release(caller, _case_id(case_id))


@router.post("/review/cases/{case_id}/reassign", response_model=ReviewState,
             summary="Give a case to another reviewer (administrators)")
def post_reassign(case_id: str, body: ReassignRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.queue.reassign(caller, _case_id(case_id), body.username)


@router.post("/review/cases/{case_id}/approve", response_model=ReviewState,
             summary="Approve (issues the USCC)")
def post_approve(case_id: str, body: ApproveRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.decisions.approve(caller, _case_id(case_id), body)


@router.post("/review/cases/{case_id}/return", response_model=ReviewState, summary="Return for correction")
def post_return(case_id: str, body: ReturnRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.decisions.return_for_correction(caller, _case_id(case_id), body)


@router.post("/review/cases/{case_id}/refuse", response_model=ReviewState, summary="Refuse registration")
def post_refuse(case_id: str, body: RefuseRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.decisions.refuse(caller, _case_id(case_id), body)


@router.post("/review/cases/{case_id}/extension", response_model=ReviewState,
             summary="Extend the legal limit by 3 working days")
def post_extension(case_id: str, body: ExtensionRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.followups.extend(caller, _case_id(case_id), body)


@router.post("/review/cases/{case_id}/dispatch", response_model=ReviewState,
             summary="Record licence printing and dispatch")
def post_dispatch(case_id: str, body: DispatchRequest, runtime: Runtime, caller: Caller) -> ReviewState:
    return runtime.followups.dispatch(caller, _case_id(case_id), body)


@router.post("/cases/{case_id}/deferred/{slot}", response_model=ReviewState,
             summary="The counter supplies a deferred (容缺) item")
def post_deferred(case_id: str, slot: str, body: DeferredSupply, runtime: Runtime,
                  caller: Caller) -> ReviewState:
    return runtime.followups.supply_deferred(caller, _case_id(case_id), slot, body)
