"""Sync status in the desktop client: the status-bar indicator and per-case sync state texts."""
