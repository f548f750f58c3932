"""Reading stored editions: an edition with its items, where a text appears, a day's urgent items.

The one place that knows how an edition finds its items — the national items of its day, plus
the local items naming its place (see ``models``) — so that pages, feeds, calendars, the API and
digests all get typed records (``vigie.editions.content``) and never walk stored JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from vigie.editions.content import EditionContent, Item, group
from vigie.editions.models import Edition, EditionItem
from vigie.reference.places import NATIONAL


def members(departement: str) -> Q:
    """The stored items an edition of ``departement`` ("" national) shows: the national edition
    also shows the local items whose territory is to be specified (no département)."""
    if not departement:
        return Q(national=True) | Q(national=False, departements="")
    return Q(national=True) | Q(departements__contains=f" {departement} ")


def assemble(edition: Edition, rows: Iterable[EditionItem]) -> EditionContent:
    """The edition with these stored items (in the day's order) under its frame."""
    frame = edition.frame or {}
    headers = {slug: tuple(lines) for slug, lines in frame.get("headers", {}).items()}
    items = (Item.from_json(row.content).shown_in(edition.departement) for row in rows)
    return EditionContent(
        day=edition.date, departement=edition.departement, title=edition.title,
        rubrics=group(items, headers),
        covered=tuple(date.fromisoformat(d) for d in frame.get("covered", ())),
        headers=headers, closing=frame.get("closing", ""), revised=bool(frame.get("revised")),
        revision=edition.revision, revised_by=tuple(frame.get("revised_by", ())),
    )


def content_of(edition: Edition) -> EditionContent:
    rows = (EditionItem.objects.filter(members(edition.departement), day=edition.date)
            .order_by("position"))
    return assemble(edition, rows)


def contents_of(editions: Iterable[Edition]) -> dict[int, EditionContent]:
    """Several editions at once (one query per place), by edition id."""
    by_place: dict[str, list[Edition]] = defaultdict(list)
    for edition in editions:
        by_place[edition.departement].append(edition)
    found = {}
    for departement, mine in by_place.items():
        rows: dict[date, list[EditionItem]] = defaultdict(list)
        for row in (EditionItem.objects.filter(members(departement),
                                               day__in=[e.date for e in mine])
                    .order_by("day", "position")):
            rows[row.day].append(row)
        found.update({e.pk: assemble(e, rows[e.date]) for e in mine})
    return found


def editions_showing(uid: str) -> list[Edition]:
    """The editions that show a text, latest first: the national ones when it is national,
    else those of the départements it concerns (in code order)."""
    wanted = Q()
    for row in EditionItem.objects.filter(uid=uid).only("day", "national", "departements"):
        if row.national:
            wanted |= Q(date=row.day, departement=NATIONAL)
        else:
            wanted |= Q(date=row.day, departement__in=row.departements.split() or [NATIONAL])
    if not wanted:
        return []
    return list(Edition.objects.filter(wanted).order_by("-date", "departement"))


def urgent_by_place(day: date) -> dict[str, list[tuple[int, str]]]:
    """For each département edition of ``day``: (edition id, uid) of its urgent items."""
    editions = dict(Edition.objects.filter(date=day).exclude(departement=NATIONAL)
                    .values_list("departement", "id"))
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for uid, national, codes in (EditionItem.objects.filter(day=day, urgent=True)
                                 .order_by("position")
                                 .values_list("uid", "national", "departements")):
        for code in (editions if national else codes.split()):
            if code in editions:
                found[code].append((editions[code], uid))
    return dict(found)
