"""Limits on requests that send e-mail: per client (sign-ups) and per mailbox (no bombing).

Buckets are HMACs of the client address or of the mailbox with the site's secret key: the
table never holds an IP or an address, and its rows older than the window are erased
(``forget_old``). Counting and adding a hit is atomic — one transaction, serialised per bucket (a
transaction-scoped advisory lock on PostgreSQL; on SQLite the IMMEDIATE transaction holds
the database's write lock) — so that concurrent requests cannot pass a limit together.
``+tag`` variants of an address count as that address: ``Nom+x@domaine.fr`` and
``nom@domaine.fr`` are one mailbox.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from vigie.mailing.models import Throttle

MESSAGES_PER_ADDRESS = 3  # confirmations or links to one mailbox per window


def client_address(request: HttpRequest) -> str:
    header = settings.VIGIE_CLIENT_IP_HEADER
    if header:
        meta = "HTTP_" + header.upper().replace("-", "_")
        forwarded = request.META.get(meta, "")
        if forwarded:
            # The last hop is the one our own proxy added: the only one we can trust.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def mailbox(email: str) -> str:
    """The mailbox an address reaches: lower-cased, without its ``+tag``."""
    local, at, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}{at}{domain}" if at else email.strip().lower()


def bucket(kind: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def serialise(name: str) -> None:
    """Inside a transaction: wait until no other transaction works on bucket ``name``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)",
                           [int(name[:15], 16)])  # 60 bits of the HMAC: a bigint
    # SQLite: transactions begin IMMEDIATE (settings), holding the database's write lock.


def allow(name: str, limit: int, window: int | None = None) -> bool:
    """Count one request in ``name``'s bucket; False when it is over ``limit`` in the window
    (``window`` seconds, VIGIE_SIGNUP_WINDOW by default)."""
    now = timezone.now()
    start = now - timedelta(seconds=window or settings.VIGIE_SIGNUP_WINDOW)
    with transaction.atomic():
        serialise(name)
        Throttle.objects.filter(bucket=name, at__lt=start).delete()
        if Throttle.objects.filter(bucket=name, at__gte=start).count() >= limit:
            return False
        Throttle.objects.create(bucket=name, at=now)
    return True


def clear(name: str) -> None:
    """Forget the hits of one bucket (a sign-in that succeeded clears its failures)."""
    Throttle.objects.filter(bucket=name).delete()


def forget_old() -> None:
    """Erase the hits that left the window, in every bucket (after handling requests)."""
    # The longest window: the newsroom's sign-in failures are counted in this table too.
    window = max(settings.VIGIE_SIGNUP_WINDOW, getattr(settings, "VIGIE_LOGIN_WINDOW", 0))
    start = timezone.now() - timedelta(seconds=window)
    Throttle.objects.filter(at__lt=start).delete()


def allow_client(request: HttpRequest) -> bool:
    return allow(bucket("client", client_address(request)), settings.VIGIE_SIGNUP_LIMIT)


def address_bucket(email: str) -> str:
    return bucket("email", mailbox(email))


def allow_address(email: str) -> bool:
    return allow(address_bucket(email), MESSAGES_PER_ADDRESS)
