"""How big the next upload chunk should be.

Each chunk costs a request's overhead h (headers both ways, a turn-around of the link), and a connection
that breaks costs the part of the chunk in flight that the server did not keep. With faults every D
bytes on average and a fraction f of a chunk lost per fault (on average half a chunk when the server
keeps nothing of a cut-off chunk, little when it keeps what arrived, as the district does), the bytes
wasted per byte sent are f·c/(2D) + h/c, smallest at c = sqrt(2·D·h / f).

D is estimated from what the link did: an exponentially weighted mean of the bytes delivered between two
faults, never less than what got through since the last one (a link that stopped failing earns larger
chunks). f is learnt the same way from what the server says it holds after each fault (HEAD).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_MIN_LOSS = 0.05  # never assume a fault is free: buffers in flight are lost whatever the server keeps


@dataclass
class ChunkSizer:
    minimum: int
    maximum: int
    overhead: int
    initial: int
    smoothing: float = 0.3
    _between_faults: float | None = None  # EWMA of bytes delivered between two faults
    _since_fault: int = 0
    _loss: float = 0.5  # EWMA of the fraction of a cut-off chunk that was lost (until learnt: half)

    def next_size(self) -> int:
        return max(self.minimum, min(self.maximum, self._optimum()))

    def batch_size(self, limit: int) -> int:
        """How many bytes of small whole blobs to put in one batch request: the same optimum as a chunk
        (a batch cut off is lost whole, like a chunk the server keeps nothing of), without the chunk cap
        — a link that has not failed for a long while earns batches up to `limit`."""
        return max(self.minimum, min(limit, self._optimum()))

    def _optimum(self) -> int:
        if self._between_faults is None:
            mean = max(float(self._since_fault), self._initial_distance())
        else:
            mean = max(self._between_faults, float(self._since_fault))
        return int(math.sqrt(2.0 * mean * self.overhead / max(self._loss, _MIN_LOSS)))

    def delivered(self, size: int) -> None:
        self._since_fault += size

    def fault(self) -> None:
        """A chunk was cut off by a broken connection."""
        sample = float(self._since_fault)
        if self._between_faults is None:
            self._between_faults = sample
        else:
            self._between_faults += self.smoothing * (sample - self._between_faults)
        self._since_fault = 0

    def kept(self, attempted: int, retained: int) -> None:
        """After a fault: of the `attempted` bytes of the cut-off chunk, the server kept `retained`.

        How much of the chunk actually crossed the link before the cut is unknown (the rest was never
        sent, which costs nothing), so the estimate is coarse: a server that kept part of the chunk keeps
        what arrives (only bytes in flight are lost); one that kept nothing loses on average half a chunk."""
        if attempted <= 0:
            return
        lost = 0.0 if retained > 0 else 0.5
        self._loss += self.smoothing * (lost - self._loss)
        self._since_fault += max(0, retained)

    def _initial_distance(self) -> float:
        # The distance between faults that makes `initial` the optimal chunk at the initial loss.
        return self.initial * self.initial * self._loss / (2.0 * self.overhead)
