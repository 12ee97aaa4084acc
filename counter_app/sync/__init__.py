"""Counter <-> district synchronisation: the wire protocol (`protocol`, shared with the district service),
the HTTP client, the outbox engine and the status feed. No Qt here."""
