"""Subscribers, their deliveries, and the counters behind the sign-up rate limit.

A ``Subscriber`` is one address with its preferences and the record of its consent. A
``Delivery`` is one message owed to one subscriber — a confirmation, a link to manage the
preferences, a digest of an edition, an alert about an urgent item — and the unique key
(subscriber, kind, key) is what makes each of them exist, and so be sent, once (see
``vigie.mailing.sending.sender`` for the states and the guarantee). ``Throttle`` keeps pseudonymous
hits (HMAC of the client or of the address), never the address or the IP itself.
``PendingRequest`` is a sign-up or a request for a link as the page recorded it, handled
after the answer (``vigie.mailing.subscribing.outbox``).
"""

from __future__ import annotations

import secrets

from django.db import models

from vigie.editions.models import Edition


def new_key() -> str:
    """The public random handle a link names its subscriber by (never the database id)."""
    return secrets.token_urlsafe(18)


def new_secret() -> str:
    """A subscriber's own secret: part of every signature of their links, never in a link."""
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An address, what it wants to receive, and when and how it consented."""

    PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"
    STATUSES = [(PENDING, "en attente de confirmation"), (ACTIVE, "abonné"),
                (UNSUBSCRIBED, "désabonné")]
    DAILY, WEEKLY, NO_DIGEST = "daily", "weekly", "none"
    FREQUENCIES = [(DAILY, "Chaque jour de parution"),
                   (WEEKLY, "Chaque semaine, le lundi"),
                   (NO_DIGEST, "Pas de résumé (alertes urgentes seulement)")]

    key = models.CharField(max_length=32, unique=True, default=new_key)  # public handle
    secret = models.CharField(max_length=64, default=new_secret)  # see subscribing.links
    # Unsubscribe links of the former scheme (before issue 13) work until then; None: never.
    legacy_links_until = models.DateTimeField(null=True, blank=True)
    email = models.EmailField(max_length=254, unique=True)  # stored lower-cased
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    departement = models.CharField(max_length=3)  # INSEE code
    commune = models.CharField(max_length=5, blank=True)  # INSEE code of the commune
    commune_name = models.CharField(max_length=100, blank=True)  # kept to write « why » lines
    authority = models.CharField(max_length=32, blank=True)  # see mailing.profiles.AUTHORITIES
    roles = models.JSONField(default=list)  # taxonomy role slugs
    themes = models.JSONField(default=list)  # taxonomy theme slugs
    frequency = models.CharField(max_length=8, choices=FREQUENCIES, default=DAILY)
    alerts = models.BooleanField(default=True)  # immediate message for each urgent item
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # date of consent
    consent_means = models.CharField(max_length=255, blank=True)  # how consent was given
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    bounces = models.IntegerField(default=0)  # permanent refusals since the last success
    suspended_at = models.DateTimeField(null=True, blank=True)  # too many refusals: no sends

    class Meta:
        indexes = [models.Index(fields=["status", "frequency"], name="subscriber_due")]

    def __str__(self) -> str:  # never the address: this may end up in logs
        return f"abonné n°{self.pk}"

    @property
    def receives(self) -> bool:
        """Whether digests and alerts may be sent to this address now."""
        return self.status == self.ACTIVE and self.suspended_at is None


class Delivery(models.Model):
    """One message owed to one subscriber, created once, sent at most once when all goes well.

    States: ``pending`` (due at ``next_attempt_at``), ``sending`` (claimed by a run or a web
    request, SMTP transaction maybe under way), ``sent`` (the server answered 250),
    ``failed`` (refused for good, or too many temporary failures), ``skipped`` (nothing to
    say: empty digest with VIGIE_EMPTY_DIGEST=none), ``cancelled`` (the subscriber left or
    was suspended before it went).
    """

    PENDING, SENDING, SENT, FAILED, SKIPPED, CANCELLED = (
        "pending", "sending", "sent", "failed", "skipped", "cancelled")
    CONFIRM, ACCESS, DAILY, WEEKLY, ALERT = "confirm", "access", "daily", "weekly", "alert"
    KINDS = [(CONFIRM, "confirmation"), (ACCESS, "lien de gestion"), (DAILY, "résumé du jour"),
             (WEEKLY, "résumé de la semaine"), (ALERT, "alerte")]
    # Lower goes first: an alert must not wait behind ten thousand digests.
    PRIORITY = {ALERT: 0, CONFIRM: 1, ACCESS: 1, DAILY: 2, WEEKLY: 2}
    # The ``last_error`` of an alert SKIPPED because the reader's digest of that day carried it.
    CARRIED = "dans le résumé du jour"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="deliveries")
    kind = models.CharField(max_length=8, choices=KINDS)
    key = models.CharField(max_length=64)  # edition date, Monday of the week, JORFTEXT…, nonce
    edition = models.ForeignKey(Edition, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    priority = models.SmallIntegerField(default=2)
    status = models.CharField(max_length=10, default=PENDING)
    message_id = models.CharField(max_length=128, unique=True)  # stable across retries
    attempts = models.IntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=40, blank=True)  # "web" or the id of a send run
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=255, blank=True)  # SMTP code and reply
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "kind", "key"],
                                               name="delivery_once")]
        # Only rows still to send are indexed: marking a row sent (once per message, the hot
        # path) then touches no index, and the index stays small as history piles up.
        indexes = [models.Index(fields=["status", "priority", "next_attempt_at"],
                                condition=models.Q(status__in=["pending", "sending"]),
                                name="delivery_due"),
                   # The failed ones, which ``/sante/`` counts (a few among millions sent).
                   models.Index(fields=["status"], condition=models.Q(status="failed"),
                                name="delivery_failed")]

    def __str__(self) -> str:
        return f"envoi n°{self.pk} ({self.kind} {self.key}, {self.status})"


class Throttle(models.Model):
    """One counted request: ``bucket`` is an HMAC of the client or of the address."""

    bucket = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)


class PendingRequest(models.Model):
    """A sign-up or a request for a management link, recorded as posted, handled later.

    The page does the same work whatever the address (it writes this row), so that its
    answer takes the same time for a known and an unknown address; what the address is owed
    — a confirmation, a management link, nothing — is decided after the answer has gone, or
    by the next ``vigie send``. The row is deleted once handled.
    """

    SUBSCRIBE, ACCESS = "subscribe", "access"

    kind = models.CharField(max_length=10)
    email = models.EmailField(max_length=254)  # lower-cased
    preferences = models.JSONField(default=dict)  # Subscriber fields of a sign-up
    created_at = models.DateTimeField(auto_now_add=True)
