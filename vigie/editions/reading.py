"""Reading stored editions: an edition with its items, where a text appears, a day's urgent items.

The one place that knows how an edition finds its items — the national items of its day, plus
the local items naming its place (see ``models``) — so that pages, feeds, calendars, the API and
digests all get typed records (``vigie.editions.content``) and never walk stored JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

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


def stored_item(row: EditionItem) -> Item:
    return Item.from_json(row.content)


def assemble(edition: Edition, rows: Iterable[EditionItem],
             item_of: Callable[[EditionItem], Item] = stored_item) -> EditionContent:
    """The edition with these stored items (in the day's order) under its frame."""
    frame = edition.frame or {}
    headers = {slug: tuple(lines) for slug, lines in frame.get("headers", {}).items()}
    items = (item_of(row).shown_in(edition.departement) for row in rows)
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


def contents_of(editions: Iterable[Edition], *, dated_only: bool = False
                ) -> dict[int, EditionContent]:
    """Several editions at once (one query per place), by edition id.

    ``dated_only`` (calendars): only the items with dates are read in full; the others
    keep their place (rubric, theme, order) as bare items, with their identifier and no
    dates — a calendar of 90 days read 9 000 stored items to list 4 000 dates."""
    by_place: dict[str, list[Edition]] = defaultdict(list)
    for edition in editions:
        by_place[edition.departement].append(edition)
    found = {}
    for departement, mine in by_place.items():
        query = (EditionItem.objects.filter(members(departement), day__in=[e.date for e in mine])
                 .order_by("day", "position"))
        item_of = stored_item
        if dated_only:
            dated = dict(query.filter(content__dates__0__isnull=False).values_list("id", "content"))
            query = query.defer("content", "fingerprint")
            item_of = partial(_dated_or_bare, dated)
        rows: dict[date, list[EditionItem]] = defaultdict(list)
        for row in query:
            rows[row.day].append(row)
        found.update({e.pk: assemble(e, rows[e.date], item_of) for e in mine})
    return found


def _dated_or_bare(dated: dict[int, dict], row: EditionItem) -> Item:
    if row.pk in dated:
        return Item.from_json(dated[row.pk])
    return Item(uid=row.uid, rubric=row.rubric, title="", short_title="", theme=row.theme)


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
