"""What the EU synchronisation (``eu_sync``) reads of the acts already stored: which listed
acts are stored with their publication (and whether their French title is known), how many
acts a span of days already holds (the cap, ``VIGIE_CELLAR_MAX_ACTS``, counts the acts to
fetch, not those), and the acts that wait for their French version.

An act whose work Cellar gave but not yet its French expression is stored, named in French by
its kind and number; it waits for its French version while its publication is less than
``VIGIE_CELLAR_FRENCH_DAYS`` days old, and each run asks for it again, its day read again or
not (Cellar may add an expression days after the act: an act asked only while its day was
within the three days read again kept its designation for good). Past that, it is given up:
said once, as an anomaly (``GIVEN_UP`` names it), never asked again.

Nothing is kept beside the acts and the anomalies: an act waits while its document, written
by the synchronisation (its delivery is one of the sync's notices), has a publication and no
French title; it is given up once its anomaly is recorded. A run killed anywhere leaves
nothing to mend, and two runs (one waits for the other) find the same state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from vigie.documents.eu_store import EU_FLOW, RUBRIC, act_uid
from vigie.documents.models import Anomaly, Document
from vigie.parsing.cellar_listing import Listed
from vigie.reference.french import french_date

GIVEN_UP = "plus redemandée"  # in the anomaly of an act given up, and only there


@dataclass(frozen=True)
class Waiting:
    """The acts stored without their French version: still asked, and those to give up."""

    asked: list[Listed]  # published less than VIGIE_CELLAR_FRENCH_DAYS days ago
    overdue: list[tuple[Listed, str]]  # older, not given up yet, with the name they keep


def stored_states(celexes: Iterable[str]) -> dict[str, bool]:
    """The acts among ``celexes`` stored with their publication: CELEX number → whether their
    French title is known (an act stored without publication is to fetch again)."""
    found = Document.objects.filter(uid__in=[act_uid(c) for c in celexes]).values_list(
        "number", "details")
    return {number: bool(details.get("title_fr")) for number, details in found
            if isinstance(details, dict) and details.get("published")}


def stored_in_span(start: date, end: date) -> int:
    """How many acts are stored on the days from ``start`` to ``end``: a listing of the span
    holds them as well as the acts to fetch."""
    return Document.objects.filter(rubric=RUBRIC, flow=EU_FLOW,
                                   date_publi__range=(start, end)).count()


def oldest_asked(today: date) -> date:
    """The earliest publication whose act still waits for its French version."""
    return today - timedelta(settings.VIGIE_CELLAR_FRENCH_DAYS)


def waiting_french(today: date) -> Waiting:
    """The acts the synchronisation stored without their French version, in order of
    publication; those given up (their anomaly recorded) left out."""
    rows = (Document.objects.filter(rubric=RUBRIC, flow=EU_FLOW, details__title_fr="")
            .exclude(date_publi=None).order_by("date_publi", "number")
            .values_list("number", "date_publi", "delivery", "title", "details__published"))
    acts = [(Listed(number, day), title) for number, day, delivery, title, published in rows
            if published and delivery in (notice_name(number), notice_name(number, "FRA"))]
    oldest = oldest_asked(today)
    overdue = [(act, title) for act, title in acts if act.day < oldest]
    gone = set(Anomaly.objects.filter(
        delivery__in=[notice_name(act.celex, "FRA") for act, _ in overdue],
        message__contains=GIVEN_UP).values_list("delivery", flat=True))
    return Waiting([act for act, _ in acts if act.day >= oldest],
                   [(act, title) for act, title in overdue
                    if notice_name(act.celex, "FRA") not in gone])


def given_up(act: Listed, name: str) -> str:
    """The French line of an act given up (its anomaly)."""
    return (f"acte {act.celex} du {french_date(act.day)} : toujours pas de version française "
            f"chez Cellar {settings.VIGIE_CELLAR_FRENCH_DAYS} jours après sa publication ; "
            f"{GIVEN_UP} (VIGIE_CELLAR_FRENCH_DAYS), l'acte reste nommé « {name} »")


def notice_name(celex: str, language: str = "") -> str:
    """``cellar_32019L0904.xml`` (the work), ``cellar_32019L0904.FRA.xml`` (in French): the
    files the synchronisation writes, hence the deliveries of what it stored."""
    return f"cellar_{celex}" + (f".{language}" if language else "") + ".xml"
