"""Committing what the relay said, many messages per statement (a group commit).

One ``UPDATE`` per message made the database round trip, not SMTP, the cost of a sending
thread: under load the connections waited for PostgreSQL more than for the relay. The
sending threads now hand each outcome to one recorder thread per run or share, which writes
whatever has been accepted while its previous statement ran — one statement for all the
accepted messages, then the rare failures one by one (``ledger.record``). With a single
connection (VIGIE_SEND_CONCURRENCY=1) the calling thread commits each outcome itself.

What this does to the guarantee (see ``vigie.mailing.sending.ledger``): a message accepted
by the relay is « en cours » in the ledger until the recorder's next commit, a few
milliseconds later. At most ``AHEAD`` accepted messages wait for it (the sending threads
block beyond), plus the statement under way: a crash inside that window sends those again,
with the same Message-ID, at the next run; outside it nothing is sent twice or skipped.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from django.db import connections

from vigie.mailing.sending import ledger
from vigie.mailing.sending.smtp import Outcome

logger = logging.getLogger("vigie.mailing")
AHEAD = 256  # accepted messages waiting for their commit, at most
_STOP = None


class Recorder:
    """A thread committing outcomes by batches; ``count`` is told rows' new status.

    Not ``threaded`` (one SMTP connection, everything in the calling thread and its
    database connection — a test's transaction included), each outcome is committed at once.
    """

    def __init__(self, count: Callable[[str, list[int]], None], threaded: bool = True
                 ) -> None:
        self.count = count
        self.outcomes: queue.Queue[tuple[ledger.Claimed, Outcome] | None] = queue.Queue(
            maxsize=AHEAD)
        self.thread: threading.Thread | None = None
        if threaded:
            self.thread = threading.Thread(target=self._run, name="vigie-record", daemon=True)
            self.thread.start()

    def add(self, row: ledger.Claimed, outcome: Outcome) -> None:
        if self.thread is None:
            self._write([(row, outcome)])
        else:
            self.outcomes.put((row, outcome))

    def flush(self) -> None:
        """Wait until every outcome handed over is committed."""
        self.outcomes.join()

    def close(self) -> None:
        if self.thread is not None:
            self.outcomes.put(_STOP)
            self.thread.join()

    def _next_batch(self) -> tuple[list[tuple[ledger.Claimed, Outcome]], bool]:
        """What is waiting (at least one item, blocking for it); and whether to stop."""
        item = self.outcomes.get()
        batch = []
        while item is not _STOP:
            batch.append(item)
            try:
                item = self.outcomes.get_nowait()
            except queue.Empty:
                return batch, False
        return batch, True

    def _run(self) -> None:
        ledger.relaxed_commits()
        try:
            while True:
                batch, stop = self._next_batch()
                try:
                    self._write(batch)
                except Exception:  # never lose the thread: the rows stay « en cours »
                    logger.exception("enregistrement de %d envois : erreur inattendue",
                                     len(batch))
                finally:
                    for _ in range(len(batch) + stop):
                        self.outcomes.task_done()
                if stop:
                    return
        finally:
            connections.close_all()  # this thread's database connection

    def _write(self, batch: list[tuple[ledger.Claimed, Outcome]]) -> None:
        sent = [row for row, outcome in batch if outcome.status == "sent"]
        if sent:
            ledger.record_sent(sent)
            self.count(ledger.Delivery.SENT, [row.delivery_id for row in sent])
        for row, outcome in batch:
            if outcome.status != "sent":
                self.count(ledger.record(row, outcome), [row.delivery_id])
