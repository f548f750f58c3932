"""From a claimed delivery row to the bytes of its message, reusing all that can be reused.

Editions (with their items), each reader profile's selection and the drafts (subject and
bodies before the personal footer) are kept in small LRU caches: ten thousand readers of a
morning share about as many drafts as there are distinct selections, and the caches are
bounded so memory stays flat whatever the number of readers. ``message`` raises ``Nothing``,
with the reason, when there is nothing to send (empty digest with VIGIE_EMPTY_DIGEST=none, an
alert whose item is no longer urgent, a reader who left).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from django.conf import settings

from vigie.editions.content import EditionContent
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.editions.text import NOBODY, Reader
from vigie.mailing.composing import drafts, notices, selection
from vigie.mailing.composing.blocks import Blocks, Section
from vigie.mailing.composing.cache import LRU
from vigie.mailing.composing.mime import Outgoing, assemble, sender_domain
from vigie.mailing.models import Delivery, Subscriber
from vigie.mailing.subscribing import links
from vigie.mailing.subscribing.profiles import profile_of
from vigie.reference.places import departement_label


class Nothing(Exception):  # noqa: N818 — not an error: a reason to send nothing
    """Nothing to send for this row; the message says why (kept in ``last_error``)."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def list_id(departement: str) -> tuple[str, str]:
    """(name, identifier) of the list of a département's readers (RFC 2919)."""
    domain = sender_domain(settings.VIGIE_MAIL_FROM)
    return (f"Vigie — {departement_label(departement)}",
            f"departement-{departement.lower()}.{domain}")


def _eligible(delivery: Delivery) -> bool:
    s = delivery.subscriber
    if delivery.kind == Delivery.CONFIRM:
        return s.status == Subscriber.PENDING
    if delivery.kind == Delivery.ACCESS:  # asked from the web: even a suspended address
        return s.status != Subscriber.PENDING
    return s.receives


class Composer:
    """Composes the messages of one run (or of one web request)."""

    def __init__(self) -> None:
        self.sender = settings.VIGIE_MAIL_FROM
        self.editions = LRU(256)  # id → (Edition, its content)
        self.weeks = LRU(256)  # (département, Monday) → ids of the week's editions
        self.selections = LRU(4096)
        self.draft_cache = LRU(512)
        self.blocks = Blocks()

    def message(self, delivery: Delivery) -> bytes:
        """The message of a claimed row; raises ``Nothing`` when none is due."""
        if not _eligible(delivery):
            raise Nothing(Delivery.CANCELLED, "abonnement inactif ou suspendu")
        return assemble(self.outgoing(delivery), self.sender)

    def outgoing(self, delivery: Delivery) -> Outgoing:
        s, kind = delivery.subscriber, delivery.kind
        if kind in (Delivery.CONFIRM, Delivery.ACCESS):
            subject, text, html, leave = notices.notice(
                kind, profile_of(s), links.holder_of(s),
                confirm_days=settings.VIGIE_CONFIRM_MAX_AGE_DAYS,
                manage_days=settings.VIGIE_MANAGE_MAX_AGE_DAYS)
            return Outgoing(delivery.message_id, s.email, subject, text, html, leave)
        draft = self.alert(delivery) if kind == Delivery.ALERT else self.digest(delivery)
        if draft.empty and settings.VIGIE_EMPTY_DIGEST == "none":
            raise Nothing(Delivery.SKIPPED, "rien de nouveau pour ce lecteur")
        text, html, leave = drafts.personal(draft, profile_of(s), links.holder_of(s))
        return Outgoing(delivery.message_id, s.email, draft.subject, text, html, leave,
                        list_id(s.departement))

    def revalidate(self) -> None:
        """Keep, for a new share, only what still holds: editions whose fingerprint (their
        items, title, frame) has not changed since they were loaded — a worker then loads
        each edition once for all the shares it sends, not once per share. Selections and
        drafts are keyed by revision and chosen items, so they stay true; the weeks' lists
        are read again (an edition may have been built since)."""
        self.weeks = LRU(256)
        loaded = {pk: edition.fingerprint for pk, (edition, _) in self.editions.data.items()}
        if not loaded:
            return
        current = dict(Edition.objects.filter(pk__in=loaded).values_list("pk", "fingerprint"))
        stale = [pk for pk, fingerprint in loaded.items() if current.get(pk) != fingerprint]
        for pk in stale:
            del self.editions.data[pk]
        if stale:  # rare (an edition rebuilt between two shares): start the rest afresh too
            self.selections, self.draft_cache = LRU(4096), LRU(512)

    def edition(self, edition_id: int) -> tuple[Edition, EditionContent]:
        def load() -> tuple[Edition, EditionContent]:
            edition = Edition.objects.get(pk=edition_id)
            return edition, content_of(edition)
        return self.editions.get(edition_id, load)

    def _editions_for(self, delivery: Delivery) -> list[int]:
        departement = delivery.subscriber.departement
        if delivery.kind == Delivery.WEEKLY:
            monday = date.fromisoformat(delivery.key)
            days = (monday - timedelta(days=6), monday)
            return self.weeks.get((departement, monday), lambda: list(
                Edition.objects.filter(departement=departement, date__range=days)
                .order_by("date").values_list("pk", flat=True)))
        if delivery.edition_id:
            return [delivery.edition_id]
        return list(Edition.objects.filter(departement=departement, date=delivery.key)
                    .values_list("pk", flat=True))

    def pick(self, edition_id: int, profile: selection.Profile
             ) -> tuple[Edition, tuple[str, ...], frozenset[str]]:
        """The edition, the uids this profile gets from it, those naming its commune."""
        edition, content = self.edition(edition_id)
        chosen, local = self.selections.get(
            (edition_id, edition.revision, profile),
            lambda: selection.chosen_uids(content, profile))
        return edition, chosen, local

    def section(self, edition: Edition, chosen: tuple[str, ...], local: frozenset[str]
                ) -> Section:
        content = self.edition(edition.pk)[1].only(chosen)
        if len(chosen) < edition.items_count:
            content = replace(content, closing=drafts.closing(len(chosen), edition.items_count))
        return Section(edition, content, local, edition.items_count, chosen)

    def digest(self, delivery: Delivery) -> drafts.Draft:
        s = delivery.subscriber
        ids = self._editions_for(delivery)
        if not ids:
            raise Nothing(Delivery.SKIPPED, "aucune édition pour ce département")
        profile = selection.Profile(s.departement, s.commune, frozenset(s.roles),
                                    frozenset(s.themes))
        picks = [self.pick(i, profile) for i in ids]
        week = date.fromisoformat(delivery.key) if delivery.kind == Delivery.WEEKLY else None
        named = any(local for _, _, local in picks)
        reader = Reader(s.commune, s.commune_name) if named and s.commune else NOBODY
        key = ("digest", week, s.departement, reader,
               tuple((e.pk, e.revision, chosen, local) for e, chosen, local in picks))

        def make() -> drafts.Draft:
            sections = [self.section(*pick) for pick in picks]
            return drafts.digest_draft(self.blocks, s.departement, sections, week, reader)
        return self.draft_cache.get(key, make)

    def alert(self, delivery: Delivery) -> drafts.Draft:
        s = delivery.subscriber
        if not delivery.edition_id:
            raise Nothing(Delivery.CANCELLED, "édition disparue")
        edition, content = self.edition(delivery.edition_id)
        item = content.item(delivery.key)
        if item is None or not item.urgent:
            raise Nothing(Delivery.CANCELLED, "le texte n'est plus signalé comme urgent")
        reader = Reader(s.commune, s.commune_name) if item.names_commune(s.commune) else NOBODY
        return self.draft_cache.get(
            ("alert", edition.pk, edition.revision, item.uid, reader),
            lambda: drafts.alert_draft(self.blocks, s.departement, edition, item, reader))
