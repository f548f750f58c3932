"""What the site does once an answer has gone: the requests the pages recorded, and the
unsubscribes that waited for a busy database.

Connected to Django's ``request_finished``, which fires when the server closes the response,
after its bytes were written: the reader does not wait for the e-mail (every answer of the
subscription pages takes the same time), and an SMTP relay that hangs delays nobody's page.
Nothing here may fail a request: errors are logged, and what is left is taken by the next
answer that records a request, or by ``vigie send``.
"""

from __future__ import annotations

import logging

from django.db import close_old_connections, connection

from vigie.mailing.sending.sender import send_now
from vigie.mailing.subscribing import leaving, outbox
from vigie.web.hardening import short_waits

logger = logging.getLogger("vigie.mailing")


def after_response(**_: object) -> None:
    recorded = outbox.take_recorded()
    queued = leaving.waiting()
    if not (recorded or queued):
        return
    try:
        with short_waits():
            if queued:
                leaving.apply_queue()
            deliveries = outbox.handle_all(web=True) if recorded else []
        for delivery in deliveries:
            send_now(delivery)
    except Exception:  # a busy database, a relay down: the next opportunity takes it
        logger.exception("traitement après la réponse interrompu")
    finally:
        if not connection.in_atomic_block:  # (the test client runs inside a transaction)
            close_old_connections()  # as Django does after each request
