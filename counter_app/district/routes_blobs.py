"""/v1/blobs/{sha256}: HEAD (offset), PUT (resumable chunk), GET (download); /v1/blobs/batch: several
small whole blobs in one request (counter_app.sync.blob_batch)."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.blobs import ByteRange, UploadSlot, check_sha, not_found, parse_content_range
from counter_app.district.deps import Caller, Runtime, as_caller, device_token, session_token
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import CaseBlobRow, CaseRow
from counter_app.domain.status import Role
from counter_app.sync.blob_batch import (
    BATCH_CONTENT_TYPE,
    BatchFormatError,
    BlobBatchResult,
    decode_batch,
)
from counter_app.sync.protocol import (
    BLOB_CONTENT_TYPE,
    HEADER_CONTENT_RANGE,
    BlobPutResult,
    BlobStatus,
    ProblemCode,
)

router = APIRouter(prefix="/v1/blobs", tags=["blobs"])


_BATCH_SUMMARY = (
    "Upload several small whole blobs in one request: each verified against its SHA-256 and stored once "
    "(content-addressed, durable before the answer), answered per blob; a body cut short stores nothing. "
    "Large or partly sent blobs use the resumable HEAD + chunked PUT instead. Clerks only.")


@router.post("/batch", response_model=BlobBatchResult, summary=_BATCH_SUMMARY,
             openapi_extra={"requestBody": {"content": {BATCH_CONTENT_TYPE: {"schema": {
                 "type": "string", "format": "binary",
                 "description": "Frames '<sha256> <length>\\n' + <length> bytes, repeated"}}},
                 "required": True}})
async def post_blob_batch(request: Request, runtime: Runtime) -> Response:
    length = _batch_length(request, runtime)
    body, disconnected = await _read_whole(request, length)
    if disconnected or len(body) != length:
        # Nothing is stored from a batch cut short: the counter resumes each blob by HEAD + PUT.
        raise ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "批量上传的内容不完整，未保存任何文件",
                           "The batch body is shorter than Content-Length; nothing was stored")

    def frames_of(caller: Principal) -> list[tuple[str, bytes]]:
        require_role(caller, Role.CLERK)
        try:
            return decode_batch(body, max_blob=runtime.blobs.batch_blob_max)
        except BatchFormatError as exc:
            if exc.too_large:
                raise _batch_too_large(runtime.blobs.batch_blob_max, str(exc)) from None
            raise ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "批量上传的格式不正确，未保存任何文件",
                               f"Malformed batch: {exc}; nothing was stored") from None

    if runtime.settings.work_on_event_loop:
        # A worker of `serve --workers N`: the caller and the rows on the event loop, the files in a
        # worker thread. Their fsyncs wait for the disk (~1 ms a blob), which would otherwise hold this
        # process's event loop — and the other counters' requests queued on it — with the CPU idle.
        frames = await as_caller(request, runtime, frames_of)
        stored = await run_in_threadpool(runtime.blobs.store_batch_files, frames)
        result = BlobBatchResult(results=runtime.blobs.record_batch(frames, stored))
    else:
        result = await as_caller(request, runtime, lambda caller: BlobBatchResult(
            results=runtime.blobs.put_batch(frames_of(caller))))
    return Response(result.model_dump_json(), media_type="application/json")


def _batch_length(request: Request, runtime: DistrictRuntime) -> int:
    """Content-Length of a batch, checked before the body is read: credentials present (401), a length
    (411), within the limit (413)."""
    device_token(request)
    session_token(request)
    raw = request.headers.get("content-length", "")
    if not raw.isascii() or not raw.isdigit():
        raise ProblemError(411, ProblemCode.BLOB_BAD_RANGE, "批量上传必须注明内容长度（Content-Length）",
                           "A batch upload needs a Content-Length")
    limit = runtime.blobs.batch_max_bytes
    if int(raw) > limit:
        raise _batch_too_large(limit, f"the body exceeds {limit} bytes")
    return int(raw)


def _batch_too_large(limit: int, why: str) -> ProblemError:
    return ProblemError(413, ProblemCode.BLOB_TOO_LARGE,
                        f"批量上传过大（上限 {limit} 字节），请把大文件单独分块上传",
                        f"The batch is too large ({why}); send large blobs by the resumable upload",
                        limit=limit)


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
async def put_blob(sha256: str, request: Request, runtime: Runtime) -> Response:
    fast = _fast_whole(request, runtime)
    if fast is not None:
        return _answer(await _put_fast(sha256, fast, request, runtime))

    def begin(caller: Principal) -> UploadSlot | BlobPutResult:
        require_role(caller, Role.CLERK)
        sha = check_sha(sha256.lower())
        return runtime.blobs.begin(sha, parse_content_range(request.headers.get(HEADER_CONTENT_RANGE)))

    started = await as_caller(request, runtime, begin)
    if isinstance(started, BlobPutResult):
        return _answer(started)  # already stored and verified: re-sending is harmless
    slot = started
    if slot.whole:
        return _answer(await _put_whole(slot, request, runtime))
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
    return _answer(await run_in_threadpool(
        lambda: runtime.blobs.finish(slot, written, disconnected=disconnected)))


def _answer(result: BlobPutResult) -> Response:
    # Serialised here, once: the declared response_model would validate and serialise it again.
    return Response(result.model_dump_json(), media_type="application/json")


def _fast_whole(request: Request, runtime: DistrictRuntime) -> ByteRange | None:
    """The range of a small whole-blob PUT (see blobs.WHOLE_FAST_MAX), else None. Checked before the
    body is read: credentials present (401), a well-formed range (400), the size limit (413)."""
    header = request.headers.get(HEADER_CONTENT_RANGE)
    if header is None:
        return None  # the ordinary path answers, after authentication
    device_token(request)  # 401 when missing (no database yet: that check comes after the body)
    session_token(request)
    rng = parse_content_range(header)
    if rng.total > runtime.blobs.max_bytes:
        raise runtime.blobs.too_large()
    return rng if runtime.blobs.fast_whole(rng) else None


async def _put_fast(sha256: str, rng: ByteRange, request: Request, runtime: DistrictRuntime) -> BlobPutResult:
    """Read the (small) body, then authenticate, check the role, verify and store in one hop."""
    sha = check_sha(sha256.lower())
    data, disconnected = await _read_whole(request, rng.length)

    if runtime.settings.work_on_event_loop:
        # A worker of `serve --workers N`: the caller on the event loop, the verified file (fsynced)
        # and its row in a worker thread, so the disk wait does not hold the other requests (as a batch).
        await as_caller(request, runtime, lambda caller: require_role(caller, Role.CLERK))
        return await run_in_threadpool(
            lambda: runtime.blobs.put_whole(sha, rng, data, disconnected=disconnected))

    def work(caller: Principal) -> BlobPutResult:
        require_role(caller, Role.CLERK)
        return runtime.blobs.put_whole(sha, rng, data, disconnected=disconnected)

    return await as_caller(request, runtime, work)


async def _read_whole(request: Request, length: int) -> tuple[bytes, bool]:
    """The body, at most `length` bytes (400 beyond), and whether the client went away before its end."""
    buffer = bytearray()
    try:
        async for piece in request.stream():
            buffer += piece
            if len(buffer) > length:
                raise _too_long()
    except ClientDisconnect:
        return bytes(buffer), True
    return bytes(buffer), False


def _too_long() -> ProblemError:
    return ProblemError(400, ProblemCode.BLOB_BAD_RANGE, "上传分块的长度与 Content-Range 不符",
                        "The body is longer than Content-Range announced")


async def _put_whole(slot: UploadSlot, request: Request, runtime: DistrictRuntime) -> BlobPutResult:
    data, disconnected = await _read_whole(request, slot.length)
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
