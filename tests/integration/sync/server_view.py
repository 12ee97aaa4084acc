"""What the district really holds, read from its own database and over its own API: the tests judge
"exactly once" and "every hash verified" from here, not from what the counter believes."""

from __future__ import annotations

import hashlib
from collections import Counter as Tally
from dataclasses import dataclass

import httpx
from sqlalchemy import create_engine, select

from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import BlobRow, CaseBlobRow, CaseVersionRow, ChangeRow
from counter_app.sync.client import Credentials
from counter_app.sync.protocol import blob_path


@dataclass(frozen=True)
class ServerView:
    versions: Tally[str]  # case id -> number of stored versions
    submitted_changes: Tally[str]  # case id -> "submitted" feed entries
    case_blobs: dict[str, set[str]]  # case id -> hashes its versions refer to
    complete_blobs: set[str]
    blob_totals: dict[str, int]


def server_view(settings: DistrictSettings) -> ServerView:
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            versions = Tally(connection.execute(select(CaseVersionRow.case_id)).scalars())
            submitted = Tally(connection.execute(
                select(ChangeRow.case_id).where(ChangeRow.status == "submitted")).scalars())
            case_blobs: dict[str, set[str]] = {}
            for case_id, sha in connection.execute(select(CaseBlobRow.case_id, CaseBlobRow.sha256)):
                case_blobs.setdefault(case_id, set()).add(sha)
            rows = connection.execute(select(BlobRow.sha256, BlobRow.complete, BlobRow.total)).all()
    finally:
        engine.dispose()
    return ServerView(versions, submitted, case_blobs, {r.sha256 for r in rows if r.complete},
                      {r.sha256: r.total for r in rows})


def download_and_verify(base_url: str, auth: Credentials, hashes: set[str]) -> dict[str, int]:
    """GET every blob over HTTP and check its SHA-256; returns the sizes. Fails on any mismatch."""
    sizes: dict[str, int] = {}
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for sha in sorted(hashes):
            response = client.get(blob_path(sha), headers=auth.headers())
            assert response.status_code == 200, (sha, response.status_code, response.text[:200])
            assert hashlib.sha256(response.content).hexdigest() == sha
            sizes[sha] = len(response.content)
    return sizes
