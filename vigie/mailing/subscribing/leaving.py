"""Leaving, and leaving even when the database is busy: the queue of one-click unsubscribes.

RFC 8058 lets a mail client unsubscribe a reader with one POST, once: it will not try again.
When the database cannot take the write (another process holds SQLite's write lock longer
than a web request waits), the request is appended to ``unsubscribe-queue.jsonl`` in
VIGIE_DATA_DIR — a file that no lock on the database blocks — and the reader is told it is
recorded. The queue is applied at the first opportunity: after the next answer of the site,
and by ``vigie send`` before it plans or claims anything, so that nothing is sent to the
reader afterwards. Applying is idempotent and keeps the time of the request; a token that
turns out invalid is dropped (and logged).

With PostgreSQL, locks of a batch never block these writes; the queue serves only when the
database refuses them, and lives on the machine that answered (see the README).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vigie.mailing.models import Delivery, Subscriber
from vigie.mailing.subscribing import links

logger = logging.getLogger("vigie.mailing")
QUEUE = "unsubscribe-queue.jsonl"


def leave(subscriber: Subscriber, when: datetime) -> None:
    """Unsubscribe (an unconfirmed request is erased) and cancel what was still to send."""
    if subscriber.status == Subscriber.PENDING:
        Subscriber.objects.filter(pk=subscriber.pk).delete()
        return
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.ACTIVE).update(
            status=Subscriber.UNSUBSCRIBED, unsubscribed_at=when)
        Delivery.objects.filter(subscriber=subscriber, status=Delivery.PENDING).update(
            status=Delivery.CANCELLED, last_error="désabonnement")


def queue_path() -> Path:
    return Path(settings.DATA_DIR) / QUEUE


def push(token: str) -> None:
    """Record a one-click unsubscribe for later, durably (appended, flushed to disk)."""
    path = queue_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"token": token, "at": timezone.now().isoformat()}) + "\n"
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # not while another process applies the queue
        os.write(handle, line.encode())
        os.fsync(handle)
    finally:
        os.close(handle)
    logger.warning("base occupée : désabonnement mis en file d'attente")


def waiting() -> bool:
    """Whether unsubscribes wait in the queue (one stat: cheap enough after each answer)."""
    try:
        return queue_path().stat().st_size > 0
    except FileNotFoundError:
        return False


def _apply_line(line: str) -> None:
    try:
        entry = json.loads(line)
        token, when = str(entry["token"]), datetime.fromisoformat(entry["at"])
    except (ValueError, KeyError, TypeError):
        logger.warning("file des désabonnements : ligne illisible ignorée")
        return
    subscriber = links.open_link(token, links.UNSUBSCRIBE)
    if subscriber is None:
        logger.warning("file des désabonnements : lien invalide ou expiré ignoré")
        return
    leave(subscriber, when)


def apply_queue() -> int:
    """Apply the waiting unsubscribes; returns how many lines were handled.

    A database still busy raises (OperationalError) and leaves the queue whole; another
    process applying it at the same moment makes this call return 0.
    """
    try:
        handle = os.open(queue_path(), os.O_RDWR)
    except FileNotFoundError:
        return 0
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0
        with os.fdopen(os.dup(handle), "r", encoding="utf-8") as reader:
            lines = [line for line in reader.read().splitlines() if line.strip()]
        with transaction.atomic():
            for line in lines:
                _apply_line(line)
        os.ftruncate(handle, 0)
        os.fsync(handle)
        return len(lines)
    finally:
        os.close(handle)
