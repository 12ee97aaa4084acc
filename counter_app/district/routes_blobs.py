"""/v1/blobs/{sha256}: HEAD (offset), PUT (resumable chunk), GET (download)."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.blobs import UploadSlot, check_sha, not_found, parse_content_range
from counter_app.district.deps import Caller, Runtime, as_caller
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import CaseBlobRow, CaseRow
from counter_app.domain.status import Role
from counter_app.sync.protocol import (
    BLOB_CONTENT_TYPE,
    HEADER_CONTENT_RANGE,
    BlobPutResult,
    BlobStatus,
    ProblemCode,
)

router = APIRouter(prefix="/v1/blobs", tags=["blobs"])


@router.head("/{sha256}", summary="How many bytes of this blob the server holds")
async def head_blob(sha256: str, request: Request, runtime: Runtime) -> Response:
    def work(caller: Principal) -> BlobStatus:
        require_role(caller, Role.CLERK, Role.REVIEWER)
        return runtime.blobs.status(check_sha(sha256.lower()))

    status = await as_caller(request, runtime, work)
    return Response(status_code=200, headers={**status.to_headers(), "Cache-Control": "no-store"})


@router.put("/{sha256}", response_model=BlobPutResult, summary="Append a chunk (Content-Range)",
            openapi_extra={"requestBody": {"content": {BLOB_CONTENT_TYPE: {"schema": {
                "type": "string", "format": "binary"}}}, "required": True}})
async def put_blob(sha256: str, request: Request, runtime: Runtime) -> BlobPutResult:
    def begin(caller: Principal) -> UploadSlot | BlobPutResult:
        require_role(caller, Role.CLERK)
        sha = check_sha(sha256.lower())
        return runtime.blobs.begin(sha, parse_content_range(request.headers.get(HEADER_CONTENT_RANGE)))

    started = await as_caller(request, runtime, begin)
    if isinstance(started, BlobPutResult):
        return started  # already stored and verified: re-sending is harmless
    slot = started
    if slot.whole:
        return await _put_whole(slot, request, runtime)
    too_long = _too_long()
    written, disconnected = 0, False
    fd = runtime.blobs.partial.open(slot.sha256, slot.salt)
    try:
        # Streamed straight to the (encrypted) partial file: when the link drops mid-chunk, what arrived
        # is kept and the next HEAD reports it, so a poor link still makes progress.
        async for piece in request.stream():
            if not piece:
                continue
            if written + len(piece) > slot.length:
                raise too_long
            runtime.blobs.partial.write_at(fd, slot.sha256, slot.salt, slot.start + written, piece)
            written += len(piece)
    except ClientDisconnect:
        disconnected = True
    finally:
        os.close(fd)
    # A body shorter than announced (connection dropped, proxy cut it) keeps its bytes: the answer, or
    # the next HEAD, gives the true offset.
    return await run_in_threadpool(lambda: runtime.blobs.finish(slot, written, disconnected=disconnected))


def _too_long() -> ProblemError:
    return ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "上传分块的长度与 Content-Range 不符",
                        "The body is longer than Content-Range announced")


async def _put_whole(slot: UploadSlot, request: Request, runtime: DistrictRuntime) -> BlobPutResult:
    buffer = bytearray()
    disconnected = False
    try:
        async for piece in request.stream():
            buffer += piece
            if len(buffer) > slot.length:
                raise _too_long()
    except ClientDisconnect:
        disconnected = True
    data = bytes(buffer)
    return await run_in_threadpool(lambda: runtime.blobs.finish_whole(slot, data, disconnected=disconnected))


@router.get("/{sha256}", summary="Download a blob", response_class=Response,
            responses={200: {"content": {BLOB_CONTENT_TYPE: {}}}})
def get_blob(sha256: str, runtime: Runtime, caller: Caller) -> Response:
    require_role(caller, Role.CLERK, Role.REVIEWER)
    sha = check_sha(sha256.lower())
    with runtime.db.write() as session:
        if caller.role is Role.CLERK:
            # A clerk may download only images of their own township's cases.
            owned = session.scalar(select(CaseBlobRow.case_id)
                                   .join(CaseRow, CaseRow.case_id == CaseBlobRow.case_id)
                                   .where(CaseBlobRow.sha256 == sha,
                                          CaseRow.township_code == (caller.township_code or ""))
                                   .limit(1))
            if owned is None:
                raise not_found()
        audit.record(session, caller, "blob_read", detail=sha)
    data = runtime.blobs.read(sha)
    return Response(content=data, media_type=BLOB_CONTENT_TYPE, headers={"Cache-Control": "no-store"})
