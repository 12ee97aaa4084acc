"""Backup and restore of a counter's local store, so that a replaced PC gets its unsynced cases back.

One encrypted file (counter_app.backup.archive) holds a consistent snapshot of the database (SQLite's
online backup API, safe while the app runs), the encrypted image folder, the settings and the data key.
It is encrypted with the counter's backup key, which is escrowed with the district service for the
township (counter_app.backup.keys): the old PC's keyring is gone with the old PC, the escrow is not.
"""
