"""Composing: which items of an edition a reader gets, and the bytes of each message (digests,
alerts, confirmation and management notices), built from pieces rendered once per run."""
