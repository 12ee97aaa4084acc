"""The district reviewer's workspace, without Qt: HTTP client, connection (device + session), in-memory
images, and the case read as sections, checklist and findings. The UI is `ui.review`."""

from counter_app.review.client import QueueFilter, ReviewClient
from counter_app.review.connection import (
    DEMO_DISTRICT_CODE,
    REVIEW_DEVICE_ENTRY,
    REVIEW_SESSION_ENTRY,
    ReviewConnection,
)
from counter_app.review.images import ImageCache, MaterialImages

__all__ = ["DEMO_DISTRICT_CODE", "REVIEW_DEVICE_ENTRY", "REVIEW_SESSION_ENTRY", "ImageCache",
           "MaterialImages", "QueueFilter", "ReviewClient", "ReviewConnection"]
