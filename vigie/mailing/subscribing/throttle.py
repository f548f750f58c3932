"""Limits on requests that send e-mail: per client (sign-ups) and per address (no bombing).

Buckets are HMACs of the client address or of the e-mail address with the site's secret key:
the table never holds an IP or an address, and its rows older than the window are erased
as new ones come.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from vigie.mailing.models import Throttle

MESSAGES_PER_ADDRESS = 3  # confirmations or links to one address per window


def client_address(request: HttpRequest) -> str:
    header = settings.VIGIE_CLIENT_IP_HEADER
    if header:
        meta = "HTTP_" + header.upper().replace("-", "_")
        forwarded = request.META.get(meta, "")
        if forwarded:
            # The last hop is the one our own proxy added: the only one we can trust.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def bucket(kind: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def allow(name: str, limit: int) -> bool:
    """Count one request in ``name``'s bucket; False when it is over ``limit`` in the window."""
    now = timezone.now()
    start = now - timedelta(seconds=settings.VIGIE_SIGNUP_WINDOW)
    Throttle.objects.filter(at__lt=start).delete()
    if Throttle.objects.filter(bucket=name, at__gte=start).count() >= limit:
        return False
    Throttle.objects.create(bucket=name, at=now)
    return True


def allow_client(request: HttpRequest) -> bool:
    return allow(bucket("client", client_address(request)), settings.VIGIE_SIGNUP_LIMIT)


def allow_address(email: str) -> bool:
    return allow(bucket("email", email.lower()), MESSAGES_PER_ADDRESS)
