"""The district reviewer's workspace (issue 5): queue, case view with images, decision forms.

Entry point for the sign-in screen::

    from ui.review.launch import open_review_window
    window = open_review_window(connection, runner)   # connection: counter_app.review.ReviewConnection
    window.show()

`open_review_window(connection: ReviewConnection, runner: Runner, parent: QWidget | None = None)
-> ReviewWindow`. Tests may build `ReviewWindow(client, runner, user_display_name, username=…)`
directly. Modules: window (the controller), queue_view/queue_model, case_view/case_panels, forms,
image_loader (thumbnails first, in memory only), zoom_view (wheel zoom, drag pan, fit).
"""
