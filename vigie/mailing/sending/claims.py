"""Claiming a run's rows by batches, the next batch while the current one is sent.

With several SMTP connections, the thread that claims also composes: while it waited on
PostgreSQL for the next batch, the sending threads ran out of messages (a quarter of their
time under the bench). ``Claims`` has the next batch claimed by its own thread (its own
database connection) as soon as the current one is handed over, so the claim's round trips
overlap the composing and the sending.

Exactly once is unchanged: a batch claimed ahead is « en cours » for this claimer, whose lock
is held until the end of the run or share (``lock.claimer``), and the rows claimed ahead and
never used — the relay stopped us, an error — are given back by ``close``. A claimer that
dies leaves them to ``ledger.recover`` like any row it held.

Only on PostgreSQL with more than one connection: on SQLite, or with one connection, every
statement stays in the calling thread (and a test's transaction).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import connection, connections

from vigie.mailing.models import Delivery
from vigie.mailing.sending import ledger
from vigie.mailing.subscribing import leaving

BATCH = 200


class Claims:
    """The batches of due rows of ``scope`` for claimer ``run_id``, one ahead."""

    def __init__(self, run_id: str, scope: ledger.Scope | None) -> None:
        self.run_id, self.scope = run_id, scope
        self.ahead: ThreadPoolExecutor | None = None
        self.next: Future[list[Delivery]] | None = None
        if settings.VIGIE_SEND_CONCURRENCY > 1 and connection.vendor == "postgresql":
            self.ahead = ThreadPoolExecutor(1, thread_name_prefix="vigie-claim")
            self.ahead.submit(ledger.relaxed_commits)

    def _claim(self) -> list[Delivery]:
        if leaving.waiting():  # queued while the database was busy: before any claim
            leaving.apply_queue()
        return ledger.claim(self.run_id, BATCH, self.scope)

    def take(self) -> list[Delivery]:
        """The next batch (empty: nothing due now), starting the claim of the one after."""
        if self.ahead is None:
            return self._claim()
        batch = (self.next or self.ahead.submit(self._claim)).result()
        self.next = self.ahead.submit(self._claim) if batch else None
        return batch

    def close(self) -> None:
        """Give back the batch claimed ahead and unused; close the claiming connection."""
        if self.ahead is None:
            return
        try:
            if self.next is not None:
                for delivery in self.next.result():
                    ledger.release(delivery.pk)
        finally:
            self.next = None
            self.ahead.submit(connections.close_all).result()
            self.ahead.shutdown()
