"""How big the next upload chunk should be.

A chunk cut off by a broken connection is lost as a whole (the server keeps only complete chunks), while
every chunk costs a request's overhead (headers, a turn-around). With faults every D bytes on average,
a chunk of c bytes loses about c/2 per fault and costs h per chunk; the sum c/(2D) + h/c is smallest at
c = sqrt(2·D·h). D is estimated from what the link actually did: an exponentially weighted mean of the
bytes that got through between two faults, and never less than what has got through since the last
fault (a link that has stopped failing earns larger chunks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class ChunkSizer:
    minimum: int
    maximum: int
    overhead: int
    initial: int
    smoothing: float = 0.3
    _between_faults: float | None = None  # EWMA of bytes delivered between two faults
    _since_fault: int = 0

    def next_size(self) -> int:
        if self._between_faults is None:
            mean = max(float(self._since_fault), self._initial_distance())
        else:
            mean = max(self._between_faults, float(self._since_fault))
        size = int(math.sqrt(2.0 * mean * self.overhead))
        return max(self.minimum, min(self.maximum, size))

    def delivered(self, size: int) -> None:
        self._since_fault += size

    def fault(self) -> None:
        """A chunk was lost to a broken connection."""
        sample = float(self._since_fault)
        if self._between_faults is None:
            self._between_faults = sample
        else:
            self._between_faults += self.smoothing * (sample - self._between_faults)
        self._since_fault = 0

    def _initial_distance(self) -> float:
        # The distance between faults that makes `initial` the optimal chunk: c = sqrt(2·D·h).
        return self.initial * self.initial / (2.0 * self.overhead)
