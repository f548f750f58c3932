"""Reminders of aid schemes about to close: « an alert before it closes ».

An aid retained for editions (« Financements ») appears on the day it was published; some days
before its deadline (``VIGIE_AID_REMINDER_DAYS``, 7 by default) it comes back once, in the
first edition built on or after that day, flagged urgent under the heading « Rappel : … ».
Once: the day is the first publication day of the window, so the next editions leave it out;
an edition built again the same day shows it again (building is idempotent). A national aid
is reminded in every edition, a département's in that département's. The e-mail digests and
the calendar read the editions, so they carry the reminder too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from vigie.analysis.models import Analysis
from vigie.analysis.records import Decision
from vigie.config import env_number
from vigie.documents.models import Document
from vigie.editions.content import Item
from vigie.editions.newsroom import corrected
from vigie.newsroom.corrections import effective
from vigie.reference.french import french_date
from vigie.reference.taxonomy import EDITION_RUBRICS, FUNDING


def reminder_days() -> int:
    """How many days before an aid's deadline it is reminded (0: never)."""
    return int(env_number("VIGIE_AID_REMINDER_DAYS", 7))


def reminders(day: date) -> list[tuple[Document, Decision]]:
    """The aids reminded in the edition of ``day``, with their effective decisions
    (published before ``day``, retained, closing within the next ``reminder_days()`` days,
    and ``day`` the first publication day of that window)."""
    return reminders_of([day]).get(day, [])


def reminders_of(days: Iterable[date]) -> dict[date, list[tuple[Document, Decision]]]:
    """``reminders`` of each of ``days`` (those with none left out), the aids read once for
    all of them: an aid closing on D is reminded on the first publication day from
    D - ``reminder_days()`` to D, when that day is one of ``days``."""
    wanted, within = set(days), timedelta(days=reminder_days())
    if within.days <= 0 or not wanted:
        return {}
    low, high = min(wanted), max(wanted)
    # Not ordered by the database: asked to, SQLite read every text in uid order rather
    # than the aids alone (``documents.models``, index ``aid_day``); sorted below.
    analyses = (Analysis.objects.filter(retained=True, document__rubric=FUNDING,
                                        document__date_publi__lt=high)
                .select_related("document", "document__correction").order_by())
    closing = [(analysis, deadline) for analysis in analyses.iterator(chunk_size=500)
               if (deadline := _deadline(analysis.document)) is not None
               and low <= deadline <= high + within]
    published = _publication_days(low - within, high) if closing else []
    found: dict[date, list[tuple[Document, Decision]]] = {}
    for analysis, deadline in closing:
        doc, at = analysis.document, bisect_left(published, deadline - within)
        day = published[at] if at < len(published) else None
        if day is None or day > deadline or day not in wanted or not doc.date_publi < day:
            continue
        decision = effective(Decision.from_json(analysis.decision), corrected(doc))
        if decision.retained:
            found.setdefault(day, []).append((doc, decision))
    return {day: sorted(pairs, key=lambda pair: pair[0].uid) for day, pairs in found.items()}


def _deadline(doc: Document) -> date | None:
    raw = (doc.details or {}).get("deadline")
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def _publication_days(start: date, end: date) -> list[date]:
    """The days from ``start`` to ``end`` with something published (an edition), in order."""
    return sorted(Document.objects.filter(date_publi__gte=start, date_publi__lte=end,
                                          rubric__in=EDITION_RUBRICS).exclude(title="")
                  .values_list("date_publi", flat=True).distinct())


def as_reminder(item: Item, day: date) -> Item:
    """The aid's item as a reminder: urgent, under « Rappel », the days left said."""
    deadline = next((d.date for d in item.dates if d.kind == "echeance"), None)
    if deadline is None:
        return item
    left = (deadline - day).days
    when = "aujourd'hui" if left == 0 else "demain" if left == 1 else f"dans {left} jours"
    heading = f"Rappel : l'aide ferme le {french_date(deadline)} ({when})"
    return replace(item, urgent=True, heading=heading,
                   reasons=(f"rappel {reminder_days()} jours avant la clôture", *item.reasons))
