"""The update check's bar in the main window (counter_app.updates does the asking)."""
