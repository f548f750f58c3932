"""From a claimed delivery row to the bytes of its message, reusing all that can be reused.

Editions, the communes their items name, each reader profile's selection and the drafts
(subject and bodies before the personal footer) are kept in small LRU caches: ten thousand
readers of a morning share about as many drafts as there are distinct selections, and the
caches are bounded so memory stays flat whatever the number of readers. ``job`` raises
``Nothing``, with the reason, when there is nothing to send (empty digest with
VIGIE_EMPTY_DIGEST=none, an alert whose item is no longer urgent, a reader who left).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from vigie.editions.models import Edition
from vigie.mailing import compose, notices, selection
from vigie.mailing.blocks import Blocks, Section
from vigie.mailing.cache import LRU
from vigie.mailing.ledger import Claimed
from vigie.mailing.mime import Outgoing, assemble
from vigie.mailing.models import Delivery, Subscriber
from vigie.mailing.planner import sender_domain
from vigie.mailing.profiles import profile_of
from vigie.reference.places import departement_label


@dataclass
class Job:
    """A composed message and what recording its outcome needs."""

    row: Claimed
    to: str
    data: bytes


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
        self.editions = LRU(256)  # id → (Edition, communes named by each item)
        self.weeks = LRU(256)  # (département, Monday) → ids of the week's editions
        self.selections = LRU(4096)
        self.drafts = LRU(512)
        self.blocks = Blocks()

    def job(self, delivery: Delivery) -> Job:
        """The message of a claimed row; raises ``Nothing`` when none is due."""
        s = delivery.subscriber
        if not _eligible(delivery):
            raise Nothing(Delivery.CANCELLED, "abonnement inactif ou suspendu")
        row = Claimed(delivery.pk, s.pk, delivery.attempts, s.bounces)
        message = self.outgoing(delivery)
        return Job(row, s.email, assemble(message, self.sender))

    def outgoing(self, delivery: Delivery) -> Outgoing:
        s, kind = delivery.subscriber, delivery.kind
        if kind in (Delivery.CONFIRM, Delivery.ACCESS):
            subject, text, html, leave = notices.notice(
                kind, profile_of(s), s.key, confirm_days=settings.VIGIE_CONFIRM_MAX_AGE_DAYS,
                manage_days=settings.VIGIE_MANAGE_MAX_AGE_DAYS)
            return Outgoing(delivery.message_id, s.email, subject, text, html, leave)
        draft = self.alert(delivery) if kind == Delivery.ALERT else self.digest(delivery)
        if draft.empty and settings.VIGIE_EMPTY_DIGEST == "none":
            raise Nothing(Delivery.SKIPPED, "rien de nouveau pour ce lecteur")
        text, html, leave = compose.personal(draft, profile_of(s), s.key)
        return Outgoing(delivery.message_id, s.email, draft.subject, text, html, leave,
                        list_id(s.departement))

    def edition(self, edition_id: int) -> tuple[Edition, dict[str, frozenset[str]]]:
        def load() -> tuple[Edition, dict[str, frozenset[str]]]:
            edition = Edition.objects.get(pk=edition_id)
            return edition, selection.named_communes(selection.edition_uids(edition.content))
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
        edition, communes = self.edition(edition_id)
        chosen, local = self.selections.get(
            (edition_id, edition.revision, profile),
            lambda: selection.chosen_uids(edition.content, profile, communes))
        return edition, chosen, local

    @staticmethod
    def section(edition: Edition, chosen: tuple[str, ...], local: frozenset[str]) -> Section:
        content = selection.filtered(edition.content, chosen)
        if len(chosen) < edition.items_count:
            content["closing"] = compose.closing(len(chosen), edition.items_count)
        return Section(edition, content, local, edition.items_count, chosen)

    def digest(self, delivery: Delivery) -> compose.Draft:
        s = delivery.subscriber
        ids = self._editions_for(delivery)
        if not ids:
            raise Nothing(Delivery.SKIPPED, "aucune édition pour ce département")
        profile = selection.Profile(s.departement, s.commune, frozenset(s.roles),
                                    frozenset(s.themes))
        picks = [self.pick(i, profile) for i in ids]
        week = date.fromisoformat(delivery.key) if delivery.kind == Delivery.WEEKLY else None
        commune = s.commune_name if any(local for _, _, local in picks) else ""
        key = ("digest", week, s.departement, commune,
               tuple((e.pk, e.revision, chosen, local) for e, chosen, local in picks))

        def make() -> compose.Draft:
            sections = [self.section(*pick) for pick in picks]
            return compose.digest_draft(self.blocks, s.departement, sections, week, commune)
        return self.drafts.get(key, make)

    def alert(self, delivery: Delivery) -> compose.Draft:
        s = delivery.subscriber
        if not delivery.edition_id:
            raise Nothing(Delivery.CANCELLED, "édition disparue")
        edition, communes = self.edition(delivery.edition_id)
        item = next((i for i in selection.iter_items(edition.content)
                     if i["uid"] == delivery.key), None)
        if item is None or not item["urgent"]:
            raise Nothing(Delivery.CANCELLED, "le texte n'est plus signalé comme urgent")
        names = s.commune_name if s.commune and s.commune in communes.get(item["uid"], ()) else ""
        return self.drafts.get(("alert", edition.pk, edition.revision, item["uid"], names),
                               lambda: compose.alert_draft(self.blocks, s.departement, edition,
                                                           item, names))
