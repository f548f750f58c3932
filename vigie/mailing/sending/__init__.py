"""Sending: what is due (one delivery row per reader and edition or alert), the ledger that
makes each message leave exactly once, the run lock, and the SMTP conversation."""
