"""Signed links: to confirm, to manage preferences, to unsubscribe; and links to Vigie pages.

A token is ``<handle>.<made>.<signature>``:

- ``handle``: the subscriber's public random identifier (``Subscriber.key``, never the
  database id); it says whose link it is and proves nothing;
- ``made``: when the link was made (seconds, base 62);
- ``signature``: HMAC-SHA256, under a key derived from SECRET_KEY and the link's purpose, of
  the handle, the time and the subscriber's ``secret`` — random, kept in the database, never
  in a link, an export or a log.

Making a link takes both SECRET_KEY and the subscriber's secret: even with the published
development key, what an unsubscribe link carries gives nothing to forge a management link
with. Each purpose has its own derived key, so a link made for one never serves another, and
its own lifetime (VIGIE_CONFIRM_MAX_AGE_DAYS, VIGIE_MANAGE_MAX_AGE_DAYS,
VIGIE_UNSUBSCRIBE_MAX_AGE_DAYS: 7, 60 and 365 days). Signatures made with a key of
SECRET_KEY_FALLBACKS are still accepted (rotation of the key, README « Sécurité du
déploiement »); a new secret revokes every link of one subscriber (``revoke``).

Links sent before this scheme (``handle:signature``, Django's Signer over the handle, which
anyone could make with the published key) are refused for managing and confirming; their
unsubscribe links still unsubscribe — only that — until ``Subscriber.legacy_links_until``,
which the migration set to a year after it ran. The addresses themselves come from
``vigie.web.addresses`` (absolute: they start with VIGIE_SITE_URL).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.utils import timezone

from vigie.mailing.models import Subscriber, new_secret
from vigie.web import addresses

CONFIRM, MANAGE, UNSUBSCRIBE = "confirm", "manage", "unsubscribe"
_DAY = 86400
_SKEW = 300  # a link « made » up to 5 minutes ahead (clocks of two servers) is accepted
# What ``make_token`` writes for the time: base 62 seconds, 6 digits until the year 3769. A
# damaged link (empty, or too long to be a time) is refused before decoding it.
_MADE = re.compile(r"[0-9A-Za-z]{1,8}")
# What ``Subscriber.key`` holds (``models.new_key``: URL-safe base 64). A handle of any other
# character (a NUL, which PostgreSQL refuses in a query) is refused before any query.
_HANDLE = re.compile(r"[0-9A-Za-z_-]{1,32}")


@dataclass(frozen=True)
class Holder:
    """Whose links: a subscriber's public handle and secret (what signing needs)."""

    handle: str
    secret: str


def holder_of(subscriber: Subscriber) -> Holder:
    return Holder(subscriber.key, subscriber.secret)


@lru_cache(maxsize=32)
def _purpose_mac(purpose: str, secret_key: str) -> hmac.HMAC:
    # Derived once per purpose and key: two links per message of a send run.
    derived = hashlib.sha256(f"vigie.mailing.links.{purpose}:{secret_key}".encode()).digest()
    return hmac.new(derived, digestmod=hashlib.sha256)


def _signature(purpose: str, secret_key: str, handle: str, made: str, secret: str) -> str:
    mac = _purpose_mac(purpose, secret_key).copy()
    mac.update(f"{handle}.{made}.{secret}".encode())
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def make_token(holder: Holder, purpose: str) -> str:
    made = signing.b62_encode(int(time.time()))
    signature = _signature(purpose, settings.SECRET_KEY, holder.handle, made, holder.secret)
    return f"{holder.handle}.{made}.{signature}"


def max_age_days(purpose: str) -> float:
    return {CONFIRM: settings.VIGIE_CONFIRM_MAX_AGE_DAYS,
            MANAGE: settings.VIGIE_MANAGE_MAX_AGE_DAYS,
            UNSUBSCRIBE: settings.VIGIE_UNSUBSCRIBE_MAX_AGE_DAYS}[purpose]


def _fresh(made: str, purpose: str) -> bool:
    if not _MADE.fullmatch(made):
        return False
    when = signing.b62_decode(made)
    age = time.time() - when
    return -_SKEW <= age <= max_age_days(purpose) * _DAY


def signed_by(holder: Holder, token: str, purpose: str) -> bool:
    """Whether ``token`` is a link of ``holder`` for ``purpose``, unexpired, signed with the
    current key or a former one still accepted."""
    handle, made, signature = (token.split(".") + ["", ""])[:3]
    if handle != holder.handle or not signature or not _fresh(made, purpose):
        return False
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(hmac.compare_digest(_signature(purpose, key, handle, made, holder.secret),
                                   signature) for key in keys)


def _legacy_unsubscribe(token: str) -> Subscriber | None:
    """A subscriber named by an unsubscribe link of the former scheme, while still honoured."""
    try:
        handle = signing.Signer(salt="vigie.mailing.unsubscribe").unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(key=handle,
                                     legacy_links_until__gt=timezone.now()).first()


def open_link(token: str, purpose: str) -> Subscriber | None:
    """The subscriber whose valid link ``token`` is for ``purpose``; None otherwise."""
    if token.count(".") == 2:
        handle = token.split(".", 1)[0]
        if not _HANDLE.fullmatch(handle):
            return None
        subscriber = Subscriber.objects.filter(key=handle).first()
        if subscriber is not None and signed_by(holder_of(subscriber), token, purpose):
            return subscriber
        return None
    return _legacy_unsubscribe(token) if purpose == UNSUBSCRIBE else None


def revoke(subscriber: Subscriber) -> None:
    """Make every link sent to this subscriber so far invalid (a new secret)."""
    subscriber.secret = new_secret()
    subscriber.legacy_links_until = None
    Subscriber.objects.filter(pk=subscriber.pk).update(secret=subscriber.secret,
                                                       legacy_links_until=None)


def confirm_url(holder: Holder) -> str:
    return addresses.absolute(addresses.confirm_path(make_token(holder, CONFIRM)))


def manage_path(holder: Holder) -> str:
    return addresses.manage_path(make_token(holder, MANAGE))


def manage_url(holder: Holder) -> str:
    return addresses.absolute(manage_path(holder))


def unsubscribe_path(holder: Holder) -> str:
    return addresses.unsubscribe_path(make_token(holder, UNSUBSCRIBE))


def unsubscribe_url(holder: Holder) -> str:
    return addresses.absolute(unsubscribe_path(holder))


def item_url(uid: str) -> str:
    return addresses.absolute(addresses.text_path(uid))


def edition_url(day: date | str, departement: str) -> str:
    return addresses.absolute(addresses.edition_path(day, departement))
