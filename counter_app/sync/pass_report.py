"""What one pass of the outbox did: the engine fills it in, the worker decides from it when to try again."""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.store.change_feed import AppliedChange
from counter_app.sync.errors import SyncError, TransientSyncError


class Stopped(Exception):
    """The worker was asked to stop between two requests."""


@dataclass
class PassReport:
    error: SyncError | None = None  # what ended the pass early (transient or credentials), if anything
    progressed: bool = False
    bytes_sent: int = 0  # request bodies put on the wire: chunks and case data
    submitted: int = 0  # case data accepted by the district in this pass
    delivered: int = 0  # submissions completely on the server
    refused: int = 0
    changes: list[AppliedChange] = field(default_factory=list)

    @property
    def reached_server(self) -> bool:
        return not (isinstance(self.error, TransientSyncError) and self.error.offline)
