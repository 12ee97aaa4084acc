"""Configuration of one district service process. Everything that matters lives in the database and the
blob folder, so any number of processes started with the same settings serve the same district."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

DEFAULT_MAX_BLOB_BYTES = 32 * 1024 * 1024  # a 600 dpi A4 scan as JPEG stays well below this
DEFAULT_MAX_JSON_BYTES = 2 * 1024 * 1024  # a case submission is a few KB; this is a guard, not a target
DB_FILE = "district.sqlite3"
KEY_FILE = "district-data.key"


@dataclass(frozen=True)
class DistrictSettings:
    database_url: str  # "sqlite:///path/district.sqlite3" or "postgresql+psycopg://user@host/db"
    blob_dir: Path  # objects/ (complete, encrypted) and partial/ (uploads in progress)
    key_file: Path  # the 32-byte data key that encrypts case data and images at rest (created if absent)
    district_code: str = "510411"  # 县级 area code: township codes of this district start with it
    district_name: str = "攀枝花市仁和区"
    max_blob_bytes: int = DEFAULT_MAX_BLOB_BYTES
    max_json_bytes: int = DEFAULT_MAX_JSON_BYTES
    session_ttl: timedelta = timedelta(hours=8)
    # PostgreSQL only: a schema to put every table in (tests isolate runs this way). None = default.
    db_schema: str | None = None
    db_pool_size: int = 10
    # Worker threads per process for database work (anyio's default is 40). Python runs one thread at a
    # time; 16 counters' requests in 16 threads spent more CPU handing the interpreter lock around than
    # on the requests (bench_district_ingest). Requests beyond this wait their turn, none is refused.
    worker_threads: int = 4
    # Where the hot requests' work (authentication, database, blob files: deps.as_caller) runs.
    # False: in those worker threads, so one process serves several requests at once (a single process,
    # the embedded service). True: on the process's event loop, one request's work at a time, as a
    # classic pre-forked worker does — `serve --workers N` (N > 1) sets it, because there the processes
    # already give the concurrency, and each hand-off between the loop and a worker thread costs a
    # thread switch and a contended interpreter lock. With 4 workers on 2 cores that was about a quarter
    # of the service's CPU per synced case (bench_district_ingest; issue 4's note has the figures).
    # One exception: blob files (a batch's, a small whole PUT's) still go to a worker thread
    # (routes_blobs), as their fsyncs would hold the loop idle while the disk syncs.
    work_on_event_loop: bool = False
    # PostgreSQL only. A statement that waits longer than db_lock_timeout for a lock gives up: a 503 with
    # Retry-After, which the outbox retries, instead of holding its request (in `serve --workers N`, the
    # whole event loop of its process) for as long as another session keeps the lock. A session left
    # idle inside a transaction for db_idle_in_transaction_timeout (a server process frozen or cut off
    # mid-transaction) is ended by the database, which rolls it back and frees its locks. Migrations
    # wait without limit (migrations/env.py). Zero switches a limit off.
    db_lock_timeout: timedelta = timedelta(seconds=10)
    db_idle_in_transaction_timeout: timedelta = timedelta(minutes=1)
    # argon2 parameters; tests lower them, production keeps argon2-cffi's defaults (RFC 9106 low-memory).
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    # Review workspace: the district's committed limit (承诺时限, working days, at most the legal 3), how
    # long a reviewer's claim holds without activity, and the standard phrases of a return for
    # correction (code, Chinese, English); an empty tuple means DEFAULT_RETURN_PHRASES.
    committed_days: int = 3  # = the counters' Settings.committed_days, so receipts and queue agree
    claim_ttl: timedelta = timedelta(minutes=30)
    return_phrases: tuple[tuple[str, str, str], ...] = ()
    # Retention (counter_app.district.retention): images of a decided case are removed this many days
    # after its last change by `counter-app district purge`.
    blob_retention_days: int = 180
    # Rate limits (counter_app.district.ratelimit): failures per key within the window before 429;
    # 0 switches that limit off (e.g. an office behind one NAT address with many counters).
    sign_in_user_limit: int = 5
    sign_in_address_limit: int = 20
    register_address_limit: int = 10
    rate_limit_window: timedelta = timedelta(minutes=15)

    @classmethod
    def for_data_dir(cls, data_dir: Path, **overrides: object) -> DistrictSettings:
        """SQLite database, blobs and key under `data_dir` (the embedded default and `serve`'s default)."""
        data_dir = Path(data_dir)
        values: dict[str, object] = {
            "database_url": sqlite_url(data_dir / DB_FILE),
            "blob_dir": data_dir / "blobs",
            "key_file": data_dir / KEY_FILE,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"
