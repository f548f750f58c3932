"""Subscribers and e-mail, in three parts: ``subscribing`` (the pages and forms of double
opt-in, preferences, signed links), ``composing`` (which items a reader gets and the bytes of
each message) and ``sending`` (planning what is due, the exactly-once ledger, SMTP)."""
