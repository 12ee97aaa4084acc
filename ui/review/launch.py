"""The reviewer workspace's entry point for the sign-in screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.review.connection import ReviewConnection
from counter_app.review.errors import ReviewSignInRequired
from ui.review.window import ReviewWindow
from ui.tasks import Runner


def open_review_window(connection: ReviewConnection, runner: Runner,
                       parent: QWidget | None = None) -> ReviewWindow:
    """A ReviewWindow for the connection's signed-in reviewer; it loads the queue by itself. Raises
    ReviewSignInRequired when no reviewer is signed in. The caller shows it and closes the connection
    after the window is gone."""
    user = connection.user
    if user is None:
        raise ReviewSignInRequired()
    return ReviewWindow(connection.client, runner, user.display_name or user.username,
                        username=user.username, parent=parent)
