"""/v1/cases and /v1/changes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from counter_app.district.auth import require_role
from counter_app.district.deps import Caller, Runtime, as_caller
from counter_app.district.feed import list_changes
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.domain.status import Role
from counter_app.sync.protocol import (
    DEFAULT_CHANGES_LIMIT,
    MAX_CHANGES_LIMIT,
    CaseSubmission,
    CaseView,
    ChangesPage,
    ProblemCode,
    SubmissionReceipt,
    TransitionRequest,
)

router = APIRouter(prefix="/v1", tags=["cases"])


def _case_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ProblemError(422, ProblemCode.REQUEST_INVALID, "案件编号格式不正确",
                           "The case id is not a UUID") from None


@router.put("/cases/{case_id}/versions/{version}", response_model=SubmissionReceipt,
            status_code=201, summary="Submit a case version (idempotent)",
            responses={200: {"model": SubmissionReceipt, "description": "Replay of the identical body"}})
async def put_case_version(case_id: str, version: int, body: CaseSubmission, request: Request,
                           runtime: Runtime) -> Response:
    result = await as_caller(request, runtime,
                             lambda caller: runtime.intake.submit(caller, _case_id(case_id), version, body))
    # Serialised once, here: returned as the model, the receipt would be validated against the declared
    # response_model and serialised again (the declaration stays for the OpenAPI schema).
    return Response(result.receipt.model_dump_json(), status_code=201 if result.created else 200,
                    media_type="application/json")


@router.get("/cases/{case_id}", response_model=CaseView, summary="The server's view of a case")
def get_case(case_id: str, runtime: Runtime, caller: Caller) -> CaseView:
    return runtime.desk.view(caller, _case_id(case_id))


@router.post("/cases/{case_id}/transitions", response_model=CaseView,
             summary="Move a case along the status machine (reviewers)")
def post_transition(case_id: str, body: TransitionRequest, runtime: Runtime, caller: Caller) -> CaseView:
    return runtime.desk.transition(caller, _case_id(case_id), body)


@router.get("/changes", response_model=ChangesPage, summary="Status changes, decisions and dispatches")
async def get_changes(request: Request, runtime: Runtime, after: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_LIMIT)] = DEFAULT_CHANGES_LIMIT
                      ) -> Response:
    def work(caller: Principal) -> str:
        require_role(caller, Role.CLERK, Role.REVIEWER)
        with runtime.db.read() as session:
            page = list_changes(session, caller, after, limit)
        return page.model_dump_json()  # in the worker thread, once (see put_case_version)

    return Response(await as_caller(request, runtime, work), media_type="application/json")
