"""Sign-ups and requests for a link: recorded by the page, handled after the answer.

The pages (``views``) record a ``PendingRequest`` and answer at once: the same work, so the
same time, for a known and an unknown address (the « lien de gestion » form once answered
in 0.3 s for a known address and 5 ms for an unknown one: the e-mail went inside the
request). What the address is owed is decided here, after the response has gone
(``vigie.mailing.afterwards``, in the process that answered), or by ``vigie send`` for
whatever is left (a crash, a busy database):

- a sign-up registers the request (a new address, or a former reader consenting anew) and
  owes a confirmation; an address already subscribed is owed a link to manage it instead,
  its preferences unchanged (anyone could post the form);
- a request for a link owes a management link to a known address (a confirmation if it is
  still unconfirmed), nothing to an unknown one.

A mailbox is owed at most ``throttle.MESSAGES_PER_ADDRESS`` such messages per window, its
``+tag`` variants included. Each row is handled in one transaction, serialised per mailbox,
which deletes it: two processes never handle it twice, and concurrent sign-ups of one
address never race to create it.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from vigie.mailing.models import Delivery, PendingRequest, Subscriber
from vigie.mailing.sending import ledger, planner
from vigie.mailing.subscribing import throttle

_recorded = threading.local()  # whether this thread's request recorded one


def record(kind: str, email: str, preferences: dict[str, Any] | None = None) -> None:
    """Keep a request for after the answer (the page's only write, whatever the address)."""
    PendingRequest.objects.create(kind=kind, email=email, preferences=preferences or {})
    _recorded.flag = True


def take_recorded() -> bool:
    """Whether this thread recorded a request since the last call (then forgotten)."""
    flag = getattr(_recorded, "flag", False)
    _recorded.flag = False
    return flag


def _register(email: str, preferences: dict[str, Any]) -> tuple[Subscriber, str]:
    """Record a sign-up; the subscriber and the kind of message owed."""
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        return Subscriber.objects.create(email=email, **preferences), Delivery.CONFIRM
    if subscriber.status == Subscriber.ACTIVE:
        return subscriber, Delivery.ACCESS
    for name, value in preferences.items():
        setattr(subscriber, name, value)
    subscriber.status = Subscriber.PENDING  # a former reader consents anew
    subscriber.save()
    return subscriber, Delivery.CONFIRM


def _owed(row: PendingRequest) -> tuple[Subscriber, str] | None:
    if row.kind == PendingRequest.SUBSCRIBE:
        return _register(row.email, row.preferences)
    subscriber = Subscriber.objects.filter(email=row.email).first()
    if subscriber is None:
        return None
    return subscriber, (Delivery.CONFIRM if subscriber.status == Subscriber.PENDING
                        else Delivery.ACCESS)


def _owe(subscriber: Subscriber, kind: str, web: bool) -> Delivery:
    """The delivery row of the message: claimed by this web process to send it now, or
    waiting for the dispatch of a send run."""
    now = timezone.now()
    delivery = Delivery.objects.create(
        subscriber=subscriber, kind=kind, key=uuid.uuid4().hex,
        priority=Delivery.PRIORITY[kind], message_id=planner.new_message_id(),
        status=Delivery.SENDING if web else Delivery.PENDING,
        claimed_by=ledger.WEB if web else "", claimed_at=now if web else None,
        next_attempt_at=now)
    delivery.subscriber = subscriber
    return delivery


def handle(row_id: int, web: bool) -> Delivery | None:
    """Handle one recorded request; the delivery it created, if any."""
    with ledger.writes(), transaction.atomic():
        row = PendingRequest.objects.filter(pk=row_id).first()
        if row is None:
            return None
        throttle.serialise(throttle.address_bucket(row.email))
        if not PendingRequest.objects.filter(pk=row_id).delete()[0]:
            return None  # handled meanwhile by another process
        owed = _owed(row)
        if owed is None or not throttle.allow_address(row.email):
            return None
        return _owe(*owed, web=web)


def handle_all(web: bool) -> list[Delivery]:
    """Handle every recorded request, oldest first; the deliveries created."""
    ids = list(PendingRequest.objects.order_by("id").values_list("id", flat=True))
    created = [d for d in (handle(row_id, web) for row_id in ids) if d is not None]
    if ids:
        throttle.forget_old()
    return created
