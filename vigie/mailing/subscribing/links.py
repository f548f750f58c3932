"""Signed links: to confirm, to manage preferences, to unsubscribe; and links to Vigie pages.

A token signs the subscriber's random ``key`` (never its database id) with the site's secret
key and a salt per purpose, so that a link made for one purpose cannot serve another and
nothing in a link can be guessed. Confirmation and management links expire
(VIGIE_CONFIRM_MAX_AGE_DAYS, VIGIE_MANAGE_MAX_AGE_DAYS); unsubscribe links never do, so
that an old message can always be used to leave. The addresses themselves come from
``vigie.web.addresses`` (absolute: they start with VIGIE_SITE_URL).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core import signing

from vigie.web import addresses

CONFIRM, MANAGE, UNSUBSCRIBE = "confirm", "manage", "unsubscribe"
_SALT = "vigie.mailing.{}"
_DAY = 86400


class _Keyed:
    """Django's signature, with the derived HMAC key computed once rather than per call.

    ``salted_hmac`` hashes the salt and the secret key at every signature; two tokens per
    message make that a measurable share of a send run. The result is the same bytes (a
    test compares with Django's own signer), and reading tokens stays Django's.
    """

    def signature(self, value: str, key: str | None = None) -> str:
        if key is not None and key != self.key:
            return super().signature(value, key)  # type: ignore[misc]
        mac = self._mac.copy()
        mac.update(value.encode("utf-8"))
        return signing.b64_encode(mac.digest()).decode()


class _FastSigner(_Keyed, signing.Signer):
    pass


class _FastTimestampSigner(_Keyed, signing.TimestampSigner):
    pass


@lru_cache(maxsize=16)
def _signer(purpose: str, secret: str) -> signing.Signer:
    kind = _FastSigner if purpose == UNSUBSCRIBE else _FastTimestampSigner
    signer = kind(key=secret, salt=_SALT.format(purpose))
    derived = hashlib.sha256(f"{signer.salt}signer{secret}".encode()).digest()
    signer._mac = hmac.new(derived, digestmod=hashlib.sha256)
    return signer


def make_token(key: str, purpose: str) -> str:
    return _signer(purpose, settings.SECRET_KEY).sign(key)


def read_token(token: str, purpose: str) -> str | None:
    """The subscriber key a valid, unexpired token carries; None otherwise."""
    try:
        if purpose == UNSUBSCRIBE:
            return signing.Signer(salt=_SALT.format(purpose)).unsign(token)
        days = (settings.VIGIE_CONFIRM_MAX_AGE_DAYS if purpose == CONFIRM
                else settings.VIGIE_MANAGE_MAX_AGE_DAYS)
        return signing.TimestampSigner(salt=_SALT.format(purpose)).unsign(
            token, max_age=days * _DAY)
    except signing.BadSignature:  # also SignatureExpired
        return None


def confirm_url(key: str) -> str:
    return addresses.absolute(addresses.confirm_path(make_token(key, CONFIRM)))


def manage_path(key: str) -> str:
    return addresses.manage_path(make_token(key, MANAGE))


def manage_url(key: str) -> str:
    return addresses.absolute(manage_path(key))


def unsubscribe_path(key: str) -> str:
    return addresses.unsubscribe_path(make_token(key, UNSUBSCRIBE))


def unsubscribe_url(key: str) -> str:
    return addresses.absolute(unsubscribe_path(key))


def item_url(uid: str) -> str:
    return addresses.absolute(addresses.text_path(uid))


def edition_url(day: date | str, departement: str) -> str:
    return addresses.absolute(addresses.edition_path(day, departement))
