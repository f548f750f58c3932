"""The items of the recent editions of a place, a theme or a rubric: what feeds and calendars list.

Items come from the stored editions, as readers saw them, most recent edition first and,
within an edition, in the edition's order. The window is counted back from the latest
edition, not from today: a feed never goes empty during a pause in publication, and a copied
or demonstration database still shows its days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Max

from vigie.editions.content import Item
from vigie.editions.models import Edition, EditionItem
from vigie.editions.reading import contents_of
from vigie.reference.places import NATIONAL


@dataclass(frozen=True)
class Entry:
    """An item as one edition showed it."""

    item: Item
    day: date  # the edition's date
    updated_at: datetime  # when that edition last changed


def window_start(days: int) -> date | None:
    """First edition date of a window of ``days`` ending with the latest edition."""
    latest = Edition.objects.aggregate(latest=Max("date"))["latest"]
    return latest - timedelta(days=days - 1) if latest else None


def place_entries(departement: str, *, days: int, limit: int | None,
                  dated_only: bool = False) -> list[Entry]:
    """Items of a département's (or the national) editions, latest edition first, each text
    once.

    A text can be in two editions of the window: an aid is brought back, urgent, by its
    reminder before it closes (``reminders``). The latest edition's is kept, as in
    ``theme_entries`` and the calendars: the reminder (« l'aide ferme le … ») is what matters
    now, and a feed reader shows the entry it already has as updated, not twice.
    ``dated_only`` (calendars): the items without dates come bare (``contents_of``).
    """
    since = window_start(days)
    if since is None:
        return []
    heads = list(Edition.objects.filter(departement=departement, date__gte=since)
                 .order_by("-date").values_list("id", "items_count"))
    entries: dict[str, Entry] = {}
    start = 0
    while start < len(heads) and (limit is None or len(entries) < limit):
        # Only the editions needed to reach the limit are read in full.
        wanted = _enough(heads[start:], None if limit is None else limit - len(entries))
        editions = list(Edition.objects.filter(id__in=wanted).order_by("-date"))
        contents = contents_of(editions, dated_only=dated_only)
        for edition in editions:
            for item in contents[edition.pk].items():
                entries.setdefault(item.uid, Entry(item, edition.date, edition.updated_at))
        start += len(wanted)
    found = list(entries.values())
    return found[:limit] if limit is not None else found


def _enough(heads: list[tuple[Any, int]], wanted: int | None) -> list[Any]:
    """The first editions (or days) of ``heads`` (id or day, items) holding ``wanted`` items
    (None: all)."""
    chosen: list[Any] = []
    total = 0
    for pk, count in heads:
        if wanted is not None and total >= wanted:
            break
        chosen.append(pk)
        total += count
    return chosen


def theme_entries(slug: str, *, days: int, limit: int | None) -> list[Entry]:
    """Items whose main theme is ``slug``, latest edition first, each text once.

    National texts are taken from the national edition (in its order); local texts, which
    only département editions carry, follow them for the same day, by département code.
    """
    return _entries({"theme": slug}, days=days, limit=limit)


def rubric_entries(slug: str, *, days: int, limit: int | None) -> list[Entry]:
    """Items of one rubric (« reponses »: answers to questions…), as ``theme_entries``."""
    return _entries({"rubric": slug}, days=days, limit=limit)


def _entries(where: dict[str, str], *, days: int, limit: int | None) -> list[Entry]:
    since = window_start(days)
    if since is None:
        return []
    heads = list(EditionItem.objects.filter(day__gte=since, **where).order_by("-day")
                 .values_list("day").annotate(count=Count("id")))
    entries: dict[str, Entry] = {}
    start = 0
    while start < len(heads) and (limit is None or len(entries) < limit):
        # Only the days needed to reach the limit are read, the latest first: a feed of 100
        # items read every item of its 30 days (a thousand for the Journal officiel).
        wanted = _enough(heads[start:], None if limit is None else limit - len(entries))
        for entry in _day_entries(where, wanted):
            entries.setdefault(entry.item.uid, entry)
        start += len(wanted)
    found = list(entries.values())
    return found[:limit] if limit is not None else found


def _day_entries(where: dict[str, str], days: list[date]) -> list[Entry]:
    """The items of ``days`` matching ``where``, latest day first, each as the first edition
    showing it (by place code) showed it, in that edition's order."""
    rows = list(EditionItem.objects.filter(day__in=days, **where).order_by("-day", "position"))
    editions = {(day, code): updated for day, code, updated in Edition.objects.filter(
        date__in=days).values_list("date", "departement", "updated_at")}
    picked: list[tuple[tuple, Entry]] = []
    for row in rows:
        shown = [NATIONAL] if row.national else row.departements.split()
        place = next((code for code in sorted(shown) if (row.day, code) in editions), None)
        if place is None:  # in no edition (deleted meanwhile): skip rather than fail
            continue
        item = Item.from_json(row.content).shown_in(place)
        order = (-row.day.toordinal(), place, row.position)
        picked.append((order, Entry(item, row.day, editions[(row.day, place)])))
    picked.sort(key=lambda pair: pair[0])
    return [entry for _, entry in picked]
