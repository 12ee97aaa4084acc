"""Administrator tools of the counter client: the audit trail (view, verify, export)."""
