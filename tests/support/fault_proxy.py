"""A loopback TCP proxy that makes a bad link on purpose: limited bandwidth and injected faults.

    proxy = FaultProxy(upstream_port=8000, bandwidth=64_000, fault_rate=0.3, seed=1)
    proxy.start()            # listens on 127.0.0.1:<proxy.port>
    ... point the client at proxy.url ...
    proxy.stop()

Faults are decided per exchange: the proxy does not parse HTTP, but a connection alternates between the
client talking (a request) and the server talking (its answer), and each time the client starts talking
again a new exchange begins. With probability `fault_rate` that exchange gets one fault:
- "drop": the connection is closed after a random number of the request's bytes went through (if the
  request is shorter, the answer is lost instead: the server did the work, the client never hears);
- "reset": the same, but with a TCP reset instead of an orderly close;
- "stall": after a random number of request bytes nothing more moves for `stall_seconds`, then the
  connection is closed (a client time-out shorter than that sees a stalled link);
- "truncate": the answer is cut off after a random number of its bytes.
Independently, `drop_every` closes whatever connection is carrying the bytes each time roughly that many
request bytes have passed (±`drop_jitter`), the way a flaky uplink drops every few minutes.
`bandwidth` (bytes per second, each direction) paces every byte through one shared pipe per direction.
Everything is bounded in time: sockets have time-outs, stalls end, `stop()` closes all. Listens on
127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FAULT_KINDS = ("drop", "reset", "stall", "truncate")
_READ = 16 * 1024
_PACED_READ = 2 * 1024  # small pieces when pacing, so the rate is smooth at 64 KB/s


class Pacer:
    """One direction of a link of `rate` bytes/s shared by every connection: bytes leave in order, each
    no earlier than the link could have carried it."""

    def __init__(self, rate: float | None) -> None:
        self.rate = rate
        self._lock = threading.Lock()
        self._free_at = 0.0

    def wait(self, size: int) -> None:
        if not self.rate:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._free_at)
            self._free_at = start + size / self.rate
            until = self._free_at
        delay = until - time.monotonic()
        if delay > 0:
            time.sleep(delay)


@dataclass
class ProxyStats:
    connections: int = 0
    exchanges: int = 0
    bytes_up: int = 0  # client -> server, what the client put on the link
    bytes_down: int = 0
    faults: Counter[str] = field(default_factory=Counter)

    @property
    def fault_count(self) -> int:
        return sum(self.faults.values())


@dataclass
class _Fault:
    kind: str
    up_left: int | None = None  # request bytes still allowed through in this exchange
    down_left: int | None = None  # answer bytes still allowed through


class _Connection:
    def __init__(self, proxy: FaultProxy, client: socket.socket, upstream: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream = upstream
        self.lock = threading.Lock()
        self.last_direction = "down"  # so the first client bytes open exchange 1
        self.fault: _Fault | None = None
        self.closed = threading.Event()

    def start(self) -> None:
        for source, target, direction in ((self.client, self.upstream, "up"),
                                          (self.upstream, self.client, "down")):
            threading.Thread(target=self._pump, args=(source, target, direction), daemon=True,
                             name=f"proxy-{direction}").start()

    def close(self, *, reset: bool = False) -> None:
        with self.lock:
            if self.closed.is_set():
                return
            self.closed.set()
        if reset:
            with contextlib.suppress(OSError):  # SO_LINGER 0: close sends RST instead of FIN
                self.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
        self.proxy._forget(self)

    def _pump(self, source: socket.socket, target: socket.socket, direction: str) -> None:
        pacer = self.proxy.pacer_up if direction == "up" else self.proxy.pacer_down
        size = _PACED_READ if pacer.rate else _READ
        try:
            while not self.closed.is_set():
                try:
                    data = source.recv(size)
                except TimeoutError:
                    continue
                if not data:
                    break
                if not self._forward(data, target, pacer, direction):
                    return
        except OSError:
            pass
        self.close()

    def _forward(self, data: bytes, target: socket.socket, pacer: Pacer, direction: str) -> bool:
        """Send `data` on, or as much of it as the exchange's fault (or the link's drop budget) allows and
        then fire that fault. False when the connection is finished."""
        up = direction == "up"
        with self.lock:
            if up and self.last_direction == "down":
                self.fault = self.proxy._new_exchange()
            elif not up and self.last_direction == "up" and self.fault is not None \
                    and self.fault.kind != "truncate":
                self.fault.down_left = 0  # the whole request got through: the answer is what is lost
            self.last_direction = direction
            fault = self.fault
        limit, reason = None, ""
        if fault is not None:
            own = fault.up_left if up else fault.down_left
            if own is not None:
                limit, reason = own, fault.kind
        if up:
            link = self.proxy._link_budget()
            if link is not None and (limit is None or link < limit):
                limit, reason = link, "link_drop"
        if limit is not None and limit < len(data):
            data = data[:limit]
        else:
            limit = None
        if fault is not None:
            if up and fault.up_left is not None:
                fault.up_left -= len(data)
            if not up and fault.down_left is not None:
                fault.down_left -= len(data)
        if data:
            pacer.wait(len(data))
            if self.closed.is_set():
                return False
            target.sendall(data)
            self.proxy._count(direction, len(data))
        if limit is None:
            return True
        self._fire(reason)
        return False

    def _fire(self, kind: str) -> None:
        self.proxy._record_fault(kind)
        if kind == "link_drop":
            self.proxy._link_dropped()
        if kind == "stall":
            self.closed.wait(self.proxy.stall_seconds)  # nothing moves; the client's time-out is tested
        self.close(reset=kind == "reset")


class FaultProxy:
    def __init__(self, upstream_port: int, *, upstream_host: str = "127.0.0.1",
                 bandwidth: float | None = None, fault_rate: float = 0.0,
                 kinds: tuple[str, ...] = FAULT_KINDS, max_fault_offset: int = 96 * 1024,
                 drop_every: int | None = None, drop_jitter: float = 0.25, stall_seconds: float = 3.0,
                 seed: int = 0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.pacer_up = Pacer(bandwidth)
        self.pacer_down = Pacer(bandwidth)
        self.fault_rate = fault_rate
        self.kinds = kinds
        self.max_fault_offset = max_fault_offset
        self.drop_every = drop_every
        self.drop_jitter = drop_jitter
        self.stall_seconds = stall_seconds
        self.stats = ProxyStats()
        self.enabled = True  # faults on/off (bandwidth stays)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._connections: set[_Connection] = set()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._link_left: int | None = None
        self._planned: list[tuple[str, int] | None] = []
        self._reset_link_budget()

    @property
    def port(self) -> int:
        assert self._listener is not None, "start() first"
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.2)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept, daemon=True, name="fault-proxy")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(5)
        if self._listener is not None:
            self._listener.close()
        self.drop_all()

    def drop_all(self) -> None:
        """Close every open connection now (e.g. the network cable was pulled)."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.close()

    def plan(self, *faults: tuple[str, int] | None) -> None:
        """Give the next exchanges these faults, in order, before any random one: (kind, offset) where
        offset counts request bytes (answer bytes for "truncate"); None lets an exchange through."""
        with self._lock:
            self._planned.extend(faults)

    def set_upstream(self, port: int, host: str = "127.0.0.1") -> None:
        self.upstream = (host, port)

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = ProxyStats()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- internals -----------------------------------------------------------------------------------

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=2.0)
            except OSError:  # the server is down: the client sees its connection closed
                with contextlib.suppress(OSError):
                    client.close()
                continue
            for sock in (client, upstream):
                sock.settimeout(0.5)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(self, client, upstream)
            with self._lock:
                self._connections.add(connection)
                self.stats.connections += 1
            connection.start()

    def _forget(self, connection: _Connection) -> None:
        with self._lock:
            self._connections.discard(connection)

    def _count(self, direction: str, size: int) -> None:
        with self._lock:
            if direction == "up":
                self.stats.bytes_up += size
                if self._link_left is not None:
                    self._link_left -= size
            else:
                self.stats.bytes_down += size

    def _new_exchange(self) -> _Fault | None:
        with self._lock:
            self.stats.exchanges += 1
            if self._planned:
                planned = self._planned.pop(0)
                if planned is None:
                    return None
                kind, offset = planned
                return _Fault(kind, down_left=offset) if kind == "truncate" else _Fault(kind, up_left=offset)
            if not self.enabled or self._rng.random() >= self.fault_rate:
                return None
            kind = self._rng.choice(self.kinds)
            offset = self._rng.randrange(0, self.max_fault_offset)
        if kind == "truncate":
            return _Fault(kind, down_left=self._rng.randrange(0, 400))  # answers are small: cut early
        return _Fault(kind, up_left=offset)

    def _link_budget(self) -> int | None:
        with self._lock:
            if not self.enabled or self._link_left is None:
                return None
            return max(0, self._link_left)

    def _link_dropped(self) -> None:
        with self._lock:
            self._reset_link_budget()

    def _reset_link_budget(self) -> None:
        if self.drop_every is None:
            self._link_left = None
            return
        spread = self.drop_every * self.drop_jitter
        self._link_left = int(self._rng.uniform(self.drop_every - spread, self.drop_every + spread))

    def _record_fault(self, kind: str) -> None:
        with self._lock:
            self.stats.faults[kind] += 1
