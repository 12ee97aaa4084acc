"""Alembic migrations of the local store, run from code by counter_app.store.migrate."""
