"""The intake form: one module per group of the national form, in the order a clerk fills it in."""
