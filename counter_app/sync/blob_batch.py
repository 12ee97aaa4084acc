"""POST /v1/blobs/batch: several small whole blobs in one request (protocol v1 addition).

Every request costs the district a fixed amount of framework and authentication work, whatever its body;
a case's thumbnails (and its typical page images) are small, so the counter sends them together. The
body is a plain length-prefixed framing, no multipart parsing:

    <sha256 hex> <length>\\n<length raw bytes>  … repeated, one frame per blob

Each blob is verified against its SHA-256 on its own, stored once (content-addressed, fsynced before the
answer) and answered on its own line of the result: a bad hash refuses that blob only. A batch is all or
nothing only in the sense that a body cut short stores nothing; the blobs then go by the resumable path
(HEAD + chunked PUT), which remains the way for anything large or already partly sent.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

PATH_BLOB_BATCH = "/v1/blobs/batch"
BATCH_CONTENT_TYPE = "application/octet-stream"  # the framing below; the OpenAPI tools know this type
# Server limits: the whole body (checked from Content-Length before a byte is read), one blob in it, and
# the number of blobs. A larger blob goes by the resumable path.
BATCH_MAX_BYTES = 4 * 1024 * 1024
BATCH_BLOB_MAX = 1024 * 1024
BATCH_MAX_ITEMS = 64
# What the counter puts in one batch at most (the chunk sizer may allow less on a poor link).
BATCH_TARGET_BYTES = 1024 * 1024

_HEADER = re.compile(rb"^([0-9a-f]{64}) (\d{1,10})$")
_HEADER_MAX = 64 + 1 + 10 + 1


class PendingBlob(Protocol):
    """What the grouping needs of an outbox blob."""

    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def confirmed(self) -> int: ...
    @property
    def complete(self) -> bool: ...


B = TypeVar("B", bound=PendingBlob)


def batch_groups(blobs: Sequence[B], *, budget: int, sent: Collection[str]) -> list[list[B]]:
    """Groups of two or more blobs, in order, for batch requests: whole blobs never sent before (`sent`:
    those resume by HEAD; `confirmed`: the server holds part of it), each and together within `budget`
    bytes (what the chunk sizer would risk on this link). One blob alone goes by a plain PUT, as cheap."""
    groups: list[list[B]] = [[]]
    used = 0
    for blob in blobs:
        if (blob.complete or blob.confirmed or blob.sha256 in sent or blob.size > budget
                or blob.size > BATCH_BLOB_MAX):
            continue
        if used + blob.size > budget or len(groups[-1]) >= BATCH_MAX_ITEMS:
            groups.append([])
            used = 0
        groups[-1].append(blob)
        used += blob.size
    return [group for group in groups if len(group) > 1]


class BatchFormatError(ValueError):
    """The body is not a well-formed batch (or breaks a limit: `too_large`)."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


class BatchItemResult(BaseModel):
    """One blob's answer: stored and verified (complete, size) or refused (code and messages)."""

    model_config = ConfigDict(extra="ignore")

    sha256: str
    complete: bool
    offset: int = 0  # bytes the server holds of this blob (== size when complete)
    size: int | None = None
    code: str | None = None  # a ProblemCode when this blob was refused, e.g. blob.hash_mismatch
    message_zh: str | None = None
    message_en: str | None = None


class BlobBatchResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    results: list[BatchItemResult]


def encode_batch(blobs: Sequence[tuple[str, bytes]]) -> bytes:
    parts: list[bytes] = []
    for sha256, data in blobs:
        parts.append(f"{sha256} {len(data)}\n".encode("ascii"))
        parts.append(data)
    return b"".join(parts)


def decode_batch(body: bytes, *, max_items: int = BATCH_MAX_ITEMS,
                 max_blob: int = BATCH_BLOB_MAX) -> list[tuple[str, bytes]]:
    """The (sha256, bytes) frames of `body`, in order. Raises BatchFormatError."""
    frames: list[tuple[str, bytes]] = []
    view = memoryview(body)
    at = 0
    while at < len(body):
        if len(frames) >= max_items:
            raise BatchFormatError(f"more than {max_items} blobs in one batch", too_large=True)
        end = body.find(b"\n", at, at + _HEADER_MAX)
        match = _HEADER.match(body[at:end]) if end >= 0 else None
        if match is None:
            raise BatchFormatError(f"malformed frame header at byte {at}")
        length = int(match.group(2))
        if length > max_blob:
            raise BatchFormatError(f"a blob of {length} bytes is over the batch limit of {max_blob}",
                                   too_large=True)
        start = end + 1
        if start + length > len(body):
            raise BatchFormatError(f"frame at byte {at} is longer than the body")
        frames.append((match.group(1).decode("ascii"), bytes(view[start:start + length])))
        at = start + length
    if not frames:
        raise BatchFormatError("empty batch")
    return frames
