"""When to try again after a failure: exponential backoff with full jitter, and the server's Retry-After.

Full jitter ("AWS Architecture Blog: Exponential Backoff And Jitter") spreads a thousand counters that
lost the link at the same moment over the whole window instead of bringing them back in waves. The
count of failures in a row resets whenever a pass makes progress, so a link that drops every few minutes
resumes almost at once while one that stays down backs off towards the cap.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float
    cap: float
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0  # in a row, since the last progress

    def window(self) -> float:
        """The upper bound of the next wait."""
        return min(self.cap, self.base * (2.0 ** min(self.failures, 62)))

    def failed(self, retry_after: float | None = None) -> float:
        """Record one more failure and return how long to wait. A Retry-After from the server is a
        floor (429/503 say "not before"); the jitter goes on top of it so not everyone returns at once."""
        delay = self.rng.uniform(0.0, self.window())
        self.failures += 1
        if retry_after is not None and retry_after > 0:
            return retry_after + min(delay, retry_after)
        return delay

    def progressed(self) -> None:
        self.failures = 0
