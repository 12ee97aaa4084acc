"""Loads a case's page images on the task runner: every thumbnail first, then the full images. A page
whose full image has not arrived at the district yet keeps its thumbnail (or the "still uploading"
placeholder) and is asked for again every few seconds while the case is open.

Workers only fetch bytes and decode them into a QImage (not a widget, safe off the GUI thread); the
results come back on the GUI thread through the runner. A generation number drops results that belong
to a case the reviewer has already left.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from counter_app.review.images import Fetched, MaterialImages
from counter_app.sync.protocol import MaterialRef
from ui.tasks import Runner

RETRY_MS = 5000


class PageState(enum.StrEnum):
    LOADING = "loading"
    THUMBNAIL = "thumbnail"  # the preview is shown; the full image is on its way or still uploading
    FULL = "full"
    UPLOADING = "uploading"  # nothing of it has reached the district yet
    FAILED = "failed"


def page_key(ref: MaterialRef) -> str:
    return f"{ref.slot}#{ref.page}"


@dataclass
class Page:
    ref: MaterialRef
    state: PageState = PageState.LOADING
    image: QImage | None = None
    full_missing: bool = False  # the full image was asked for and is not uploaded yet


def _decode(fetched: Fetched) -> tuple[Fetched, QImage | None]:
    if fetched.data is None:
        return fetched, None
    image = QImage.fromData(fetched.data)
    return fetched, None if image.isNull() else image


class CaseImages(QObject):
    """Signals:
        page_changed(str): a page's state or image changed (its key).
        progress(int, int): pages with their final image so far, pages in all.
        failed(object): a fetch failed (the exception; shown by the window).
    """

    page_changed = Signal(str)
    progress = Signal(int, int)
    failed = Signal(object)

    def __init__(self, images: MaterialImages, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images = images
        self._runner = runner
        self._generation = 0
        self.pages: dict[str, Page] = {}
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry_missing)

    def load(self, refs: list[MaterialRef]) -> None:
        self.clear()
        self.pages = {page_key(ref): Page(ref) for ref in refs}
        generation = self._generation
        for ref in refs:  # every thumbnail is queued before any full image
            self._fetch(ref, generation, full=False)
        for ref in refs:
            self._fetch(ref, generation, full=True)
        self._report()

    def clear(self) -> None:
        self._generation += 1
        self.retry_timer.stop()
        self.pages = {}

    def page(self, key: str) -> Page | None:
        return self.pages.get(key)

    def retry_missing(self) -> None:
        generation = self._generation
        for page in self.pages.values():
            if page.full_missing or page.state is PageState.FAILED:
                self._fetch(page.ref, generation, full=True)

    def done_count(self) -> int:
        return sum(1 for p in self.pages.values() if p.state is PageState.FULL)

    def _fetch(self, ref: MaterialRef, generation: int, *, full: bool) -> None:
        images = self._images

        def work() -> tuple[Fetched, QImage | None]:
            return _decode(images.full(ref) if full else images.thumbnail(ref))

        self._runner.run(work, lambda result: self._arrived(generation, result),
                         lambda exc: self._failed(generation, ref, exc))

    def _arrived(self, generation: int, result: tuple[Fetched, QImage | None]) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the image was on its way
        fetched, image = result
        page = self.pages.get(page_key(fetched.ref))
        if generation != self._generation or page is None or page.state is PageState.FULL:
            return
        if image is not None:
            page.image = image
            page.state = PageState.FULL if fetched.full else PageState.THUMBNAIL
            page.full_missing = False if fetched.full else page.full_missing
        elif fetched.full:
            page.full_missing = True
            if page.image is None:
                page.state = PageState.UPLOADING
        elif page.image is None:
            page.state = PageState.UPLOADING
        if any(p.full_missing for p in self.pages.values()) and not self.retry_timer.isActive():
            self.retry_timer.start()
        elif not any(p.full_missing for p in self.pages.values()):
            self.retry_timer.stop()
        self.page_changed.emit(page_key(fetched.ref))
        self._report()

    def _failed(self, generation: int, ref: MaterialRef, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        page = self.pages.get(page_key(ref))
        if generation != self._generation or page is None:
            return
        if page.image is None:
            page.state = PageState.FAILED
        self.page_changed.emit(page_key(ref))
        self.failed.emit(exc)
        if not self.retry_timer.isActive():
            self.retry_timer.start()

    def _report(self) -> None:
        self.progress.emit(self.done_count(), len(self.pages))
