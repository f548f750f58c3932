"""The life of a delivery row, and why each message leaves once.

A message exists as a ``Delivery`` row before anything is sent: the unique key (subscriber,
kind, key) means planning twice, or after a crash, creates nothing new. Its ``message_id``
is fixed at creation, so every attempt at the same message carries the same Message-ID.

    pending ──claim──▶ sending ──250──▶ sent
       ▲                  │ 4xx, lost connection, timeout: pending again, later (backoff)
       │                  │ 5xx: failed (the address's refusals are counted)
       └──── recover ─────┘ found « en cours » with its claimer dead: the process that
                            claimed it no longer holds its lock (see ``lock.claimer``)

Outcomes are committed by the run's recorder thread (``recorder``), many per statement: the
messages accepted while its previous statement ran, a few milliseconds' worth.

The guarantee, stated honestly. SMTP has no idempotency key: between the moment the server
has received a whole message (and answers 250) and the moment our commit lands there is a
window of a few milliseconds in which a crash leaves the row « en cours » although the
message was accepted — the messages waiting for the recorder's next commit,
``recorder.AHEAD`` at most plus its statement under way. We chose to send such rows again
at restart — never skip anyone, an official notice missed is worse than one received
twice — and they go out with the same Message-ID, which lets mail clients and servers that
deduplicate by Message-ID drop the copy. A reply lost to a timeout after DATA is the same
case. Outside that window — a crash before the server accepted, between messages, while
planning or composing — every reader gets exactly one message: rows not yet accepted are
sent by the next run, rows recorded ``sent`` never again.

A web request that dies while sending a confirmation leaves a row claimed by "web"; runs
leave those alone for ``WEB_GRACE`` so as not to race a request that is still alive.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from vigie.mailing.models import Delivery, Subscriber
from vigie.mailing.sending.lock import live_claimers
from vigie.mailing.sending.smtp import Outcome

logger = logging.getLogger("vigie.mailing")
# One writer at a time within a process on SQLite: it answers concurrent writers with
# "database is locked" and a busy wait that sleeps whole milliseconds, which would stall every
# connection of a run; taking turns in Python costs microseconds. PostgreSQL needs no turns.
_SQLITE_WRITES = threading.RLock()


def writes() -> AbstractContextManager:
    return _SQLITE_WRITES if connection.vendor == "sqlite" else nullcontext()


def relaxed_commits() -> None:
    """On PostgreSQL, let this connection's commits return before the WAL reaches the disk.

    One commit per message makes the disk flush the cost of a run. Without it, a crash of
    the database server itself (not of Vigie) may lose the last fraction of a second of
    commits: those rows go back to an earlier state — « à envoyer » — and are sent again;
    nothing is ever skipped. A crash of ``vigie send`` loses nothing.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
WEB = "web"
# What composing and recording need: loading fewer columns (dates above all) is faster.
CLAIMED_FIELDS = ("kind", "key", "edition_id", "message_id", "attempts", "subscriber__key",
                  "subscriber__secret",
                  "subscriber__email", "subscriber__status", "subscriber__departement",
                  "subscriber__commune", "subscriber__commune_name", "subscriber__roles",
                  "subscriber__themes", "subscriber__frequency", "subscriber__alerts",
                  "subscriber__bounces", "subscriber__suspended_at")
WEB_GRACE = timedelta(minutes=10)


@dataclass(frozen=True)
class Claimed:
    """What recording an outcome needs to know about a claimed row."""

    delivery_id: int
    subscriber_id: int
    attempts: int
    bounces: int


def recover() -> int:
    """Put back to « à envoyer » the rows that dead claimers left « en cours »; how many.

    Safe while other runs and tasks send: a claimer holds its lock as long as it may have
    rows « en cours », so only the rows of claimers that died are taken back.
    """
    now = timezone.now()
    sending = (Delivery.objects.filter(status=Delivery.SENDING)
               .exclude(claimed_by=WEB, claimed_at__gte=now - WEB_GRACE))
    owners = set(sending.values_list("claimed_by", flat=True).distinct())
    dead = owners - live_claimers(owners - {WEB})
    if not dead:
        return 0
    return sending.filter(claimed_by__in=dead).update(status=Delivery.PENDING, claimed_by="",
                                                       next_attempt_at=now)


# (first, last) row id: a sending task's share. Rows are planned subscriber by subscriber,
# département by département, so a range of rows is a group of neighbouring readers who share
# editions and drafts — composing stays as cheap as in one process.
Scope = tuple[int, int]


def _due(scope: Scope | None):
    rows = Delivery.objects.filter(status=Delivery.PENDING)
    if scope is not None:
        rows = rows.filter(id__gte=scope[0], id__lte=scope[1])
    return rows


class Ranges:
    """Cuts the rows to send into ranges of ``size`` rows, in planning order, while planning
    goes on: ``cut`` hands out (``hand_out``) each full range among the rows planned so far,
    ``cut(last=True)`` also what is left. A worker may then send the first readers while the
    others are being planned. Rows below the last range handed out are never read again."""

    def __init__(self, size: int, hand_out: Callable[[Scope], None]) -> None:
        self.size, self.hand_out, self.after = size, hand_out, 0

    def cut(self, last: bool = False) -> None:
        ids = _due(None).filter(id__gt=self.after).order_by("id").values_list("id", flat=True)
        first = previous = None
        count = 0
        for sid in ids.iterator(chunk_size=5000):
            first, previous, count = first or sid, sid, count + 1
            if count == self.size:
                self._out(first, sid)
                first, count = None, 0
        if last and first is not None and previous is not None:
            self._out(first, previous)

    def _out(self, first: int, last: int) -> None:
        self.after = last
        self.hand_out((first, last))


def due_ranges(size: int) -> list[Scope]:
    """The rows to send, in planning order, cut into ranges of ``size`` rows."""
    ranges: list[Scope] = []
    Ranges(size, ranges.append).cut(last=True)
    return ranges


def claim(run_id: str, size: int, scope: Scope | None = None) -> list[Delivery]:
    """Mark up to ``size`` due rows (of ``scope``'s subscribers) as « en cours » for this
    run and return them. Under concurrent claims a row goes to one claimer only: the update
    re-checks « à envoyer » row by row, and only the rows it changed are returned."""
    now = timezone.now()
    # In creation order after priority: the planner creates rows département by
    # département, so that readers sharing editions and drafts follow one another.
    due = (_due(scope).filter(next_attempt_at__lte=now).order_by("priority", "id")
           .values_list("id", flat=True)[:size])
    if connection.vendor == "postgresql":
        ids = _claim_at_once(due, run_id, now)
    else:
        with writes(), transaction.atomic():
            ids = list(due)
            if ids:
                Delivery.objects.filter(id__in=ids, status=Delivery.PENDING).update(
                    status=Delivery.SENDING, claimed_by=run_id, claimed_at=now)
    if not ids:
        return []
    # PostgreSQL: the ids as one array parameter — a query of two hundred placeholders is
    # parsed anew by the driver at each claim: 7 % of a sending worker's samples (py-spy).
    chosen = (RawSQL("SELECT unnest(%s::bigint[])", (ids,))
              if connection.vendor == "postgresql" else ids)
    return list(Delivery.objects.filter(id__in=chosen, status=Delivery.SENDING,
                                        claimed_by=run_id)
                .select_related("subscriber").only(*CLAIMED_FIELDS).order_by("priority", "id"))


def _claim_at_once(due: QuerySet, run_id: str, now: datetime) -> list[int]:
    """PostgreSQL: choose and mark in one statement, one round trip. Rows another claimer
    is marking are skipped (SKIP LOCKED) rather than waited for; the outer condition
    re-checks « à envoyer » on the locked row."""
    chosen, params = due.query.sql_with_params()
    table = Delivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_by = %s, claimed_at = %s "
            f"WHERE status = %s AND id IN ({chosen} FOR UPDATE SKIP LOCKED) RETURNING id",
            [Delivery.SENDING, run_id, now, Delivery.PENDING, *params])
        return [row[0] for row in cursor.fetchall()]


def next_due(scope: Scope | None = None) -> datetime | None:
    """When the earliest row waiting for a retry falls due."""
    return (_due(scope).order_by("next_attempt_at")
            .values_list("next_attempt_at", flat=True).first())


def settle(delivery_id: int, status: str, note: str = "") -> None:
    """Close a claimed row without sending: ``skipped`` or ``cancelled``."""
    with writes():
        Delivery.objects.filter(pk=delivery_id).update(status=status, last_error=note[:255],
                                                       claimed_by="")


def release(delivery_id: int) -> None:
    """Give a claimed, unsent row back (the run stops): due again at once, no attempt used."""
    with writes():
        Delivery.objects.filter(pk=delivery_id, status=Delivery.SENDING).update(
            status=Delivery.PENDING, claimed_by="", next_attempt_at=timezone.now())


def _mark_sent(delivery_id: int, now: datetime, attempts: int) -> None:
    # Plain SQL: a third of the ORM's cost (``send_now``, and the failures of a run).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, attempts = %s, "
            "last_error = '', claimed_by = '' WHERE id = %s",
            [Delivery.SENT, connection.ops.adapt_datetimefield_value(now), attempts,
             delivery_id])


IDS_PER_STATEMENT = 500  # SQLite: well under its 32 766 parameters


def record_sent(rows: list[Claimed]) -> None:
    """Commit « envoyé » for messages the relay accepted, in one statement (the hot path of
    a run: ``recorder``). Each row's attempts grow by one, as in ``record``: a claimed row
    is changed by its claimer only."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ids = [row.delivery_id for row in rows]
    update = (f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, "
              "attempts = attempts + 1, last_error = '', claimed_by = '' WHERE id ")
    with writes(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(update + "= ANY(%s)", [Delivery.SENT, now, ids])
        else:
            for start in range(0, len(ids), IDS_PER_STATEMENT):
                part = ids[start:start + IDS_PER_STATEMENT]
                cursor.execute(update + f"IN ({', '.join(['%s'] * len(part))})",
                               [Delivery.SENT, now, *part])
        bounced = [row.subscriber_id for row in rows if row.bounces]
        if bounced:  # a success clears the address's refusals
            Subscriber.objects.filter(pk__in=bounced).update(bounces=0)


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the n-th temporary failure: the base delay, doubled each time."""
    return timedelta(seconds=settings.VIGIE_SEND_RETRY_DELAY * (2 ** (attempts - 1)))


def record(row: Claimed, outcome: Outcome) -> str:
    """Commit what the server said; returns the row's new status."""
    with writes():
        return _record(row, outcome)


def _record(row: Claimed, outcome: Outcome) -> str:
    now = timezone.now()
    attempts = row.attempts + 1
    if outcome.status == "sent":
        _mark_sent(row.delivery_id, now, attempts)
        if row.bounces:
            Subscriber.objects.filter(pk=row.subscriber_id).update(bounces=0)
        return Delivery.SENT
    rows = Delivery.objects.filter(pk=row.delivery_id)
    if outcome.status == "temporary" and attempts < settings.VIGIE_SEND_MAX_ATTEMPTS:
        rows.update(status=Delivery.PENDING, attempts=attempts, claimed_by="",
                    next_attempt_at=now + retry_delay(attempts), last_error=outcome.error)
        logger.info("envoi %s : échec temporaire (%s), nouvel essai plus tard",
                    row.delivery_id, outcome.error)
        return Delivery.PENDING
    rows.update(status=Delivery.FAILED, attempts=attempts, claimed_by="",
                last_error=outcome.error)
    logger.warning("envoi %s : échec définitif (%s)", row.delivery_id, outcome.error)
    if outcome.status == "permanent":
        count_refusal(row.subscriber_id, now)
    return Delivery.FAILED


def count_refusal(subscriber_id: int, now: datetime) -> None:
    """One more permanent refusal; past the threshold, stop writing to this address."""
    Subscriber.objects.filter(pk=subscriber_id).update(bounces=F("bounces") + 1)
    stopped = Subscriber.objects.filter(
        pk=subscriber_id, bounces__gte=settings.VIGIE_BOUNCE_THRESHOLD, suspended_at=None,
    ).update(suspended_at=now)
    if stopped:
        logger.warning("abonné %s : trop de refus définitifs, envois suspendus", subscriber_id)
