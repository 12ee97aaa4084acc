"""Where the capture dialogs get their pictures: the settings' camera for the portrait, the same camera
(or, in demo mode without a camera, a bundled sample photo of that kind of page) for documents, and one
still frame grabbed from a camera for a document photo. Runs on worker threads; no widgets here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counter_app.capture.document import DocumentAnalysis, analyse_document
from counter_app.capture.errors import CameraDisconnected, ImageUnreadable, SourceNotFound
from counter_app.capture.images import Image, decode_image
from counter_app.capture.sources import FrameSource, SimulatedCamera, StillImageSource, source_for_settings
from counter_app.config import Settings
from counter_app.domain.materials import DocType, MaterialSlot
from counter_app.resource_paths import resource_path
from ui.capture.qt_images import downscaled

DISPLAY_SIDE = 1600  # long side of the copy of a document photo shown on screen
PREVIEW_SIDE = 900  # long side of the rectified page preview
GRAB_FRAMES = 6  # frames read before keeping one: auto-exposure and focus settle meanwhile
MAX_FILE_BYTES = 60 * 1024 * 1024  # a phone photo is 3-12 MB; larger is not a photo

FrameSourceFactory = Callable[[], FrameSource]

# Demo mode without a camera: the bundled photo of a page of that kind (resources/capture/documents).
_DEMO_DOCUMENTS = {
    DocType.ID_CARD: "id_front.jpg",
    DocType.A4: "a4_form.jpg",
    DocType.CERTIFICATE_A4: "a4_certificate.jpg",
    DocType.CERTIFICATE_A3: "a4_certificate.jpg",
    DocType.BOOKLET: "a4_certificate.jpg",
    DocType.OTHER: "a4_form.jpg",
}


def portrait_source_factory(settings: Settings) -> FrameSourceFactory:
    """Reads the settings when the dialog opens the camera, so a change in 设置 → 摄像头 applies next time."""
    return lambda: source_for_settings(settings)


def document_source_factory(settings: Settings, slot: MaterialSlot) -> FrameSourceFactory:
    def make() -> FrameSource:
        source = source_for_settings(settings)
        if isinstance(source, SimulatedCamera):  # demo mode without a camera: a sample document photo
            name = "id_back.jpg" if slot.key.endswith("_id_back") else _DEMO_DOCUMENTS.get(slot.doc_type,
                                                                                           "a4_form.jpg")
            return StillImageSource(resource_path("capture", "documents", name))
        return source
    return make


def grab_frame(factory: FrameSourceFactory) -> Image:
    """Open the source, let it settle for a few frames, keep the last, close it. Raises NoCameraError
    (or CameraDisconnected when it opens but delivers nothing)."""
    frame: Image | None = None
    with factory() as source:
        for _ in range(GRAB_FRAMES):
            latest = source.read()
            if latest is None:
                break
            frame = latest
    if frame is None:
        raise CameraDisconnected()
    return frame


@dataclass(frozen=True)
class LoadedPhoto:
    """A document photo ready for the corner editor: the full photo, its file bytes (kept as the
    original when it came from a file), a downscaled copy for the screen, and the first analysis."""

    photo: Image
    original_bytes: bytes | None
    display: Image
    analysis: DocumentAnalysis
    preview: Image | None  # the rectified page, downscaled; None when nothing was found


def read_photo_file(path: Path) -> tuple[Image, bytes]:
    """Raises ImageUnreadable / ImageTooLarge / SourceNotFound (all with Chinese messages)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImageUnreadable(path.name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceNotFound(path.name) from None
    except OSError:
        raise ImageUnreadable(path.name) from None
    return decode_image(data), data


def prepare(photo: Image, original_bytes: bytes | None, doc_type: DocType) -> LoadedPhoto:
    """Everything the view needs after a new photo, computed off the GUI thread."""
    display, _ = downscaled(photo, DISPLAY_SIDE)
    analysis = analyse_document(photo, doc_type)
    return LoadedPhoto(photo, original_bytes, display, analysis, page_preview(analysis))


def page_preview(analysis: DocumentAnalysis) -> Image | None:
    if analysis.rectified is None:
        return None
    return downscaled(analysis.rectified.page, PREVIEW_SIDE)[0]
