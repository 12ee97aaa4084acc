"""Material images for the reviewer, in memory only.

The images are sensitive personal data (portrait, ID card): they are never written to disk (the
district's encrypted store is their only home), never logged, and kept here in a bounded LRU so
flipping between pages does not download them again while a long session cannot grow without limit.
Thumbnails come first so the reviewer can start while full-resolution images are still uploading.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from counter_app.review.client import ReviewClient
from counter_app.sync.protocol import MaterialRef

DEFAULT_CACHE_BYTES = 96 * 1024 * 1024


class ImageCache:
    """Encoded image bytes by SHA-256, least recently used dropped first. Safe across threads."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, sha256: str) -> bytes | None:
        with self._lock:
            data = self._items.get(sha256)
            if data is not None:
                self._items.move_to_end(sha256)
            return data

    def put(self, sha256: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return  # larger than the whole budget: shown once, not kept
        with self._lock:
            old = self._items.pop(sha256, None)
            if old is not None:
                self._size -= len(old)
            self._items[sha256] = data
            self._size += len(data)
            while self._size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, sha256: object) -> bool:
        return sha256 in self._items


@dataclass(frozen=True)
class Fetched:
    """What one look-up found: the bytes (None: not uploaded yet) and whether they are the full image."""

    ref: MaterialRef
    data: bytes | None
    full: bool


class MaterialImages:
    """Fetches a page's thumbnail or full image through the cache. Blocking: call from a worker."""

    def __init__(self, client: ReviewClient, cache: ImageCache | None = None) -> None:
        self.client = client
        self.cache = cache or ImageCache()

    def fetch(self, sha256: str) -> bytes | None:
        cached = self.cache.get(sha256)
        if cached is not None:
            return cached
        data = self.client.blob(sha256)
        if data is not None:
            self.cache.put(sha256, data)
        return data

    def thumbnail(self, ref: MaterialRef) -> Fetched:
        """The small preview, or the full image when the page has no separate thumbnail."""
        if ref.thumb_sha256:
            return Fetched(ref, self.fetch(ref.thumb_sha256), full=False)
        return self.full(ref)

    def full(self, ref: MaterialRef) -> Fetched:
        return Fetched(ref, self.fetch(ref.sha256), full=True)
