"""What the newsroom adds to the editions: its corrections, and the items it writes.

The builder reads the effective decision of each text (``corrected`` gives the newsroom's
fields, applied by ``vigie.newsroom.corrections.effective``); the newsroom's own items become
edition items like the others, marked ``editorial``, and a commentary on an official text is
attached to that text's item when the text is in the day's editions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from vigie.documents.models import Document
from vigie.editions.content import SOURCE, Item, Link, Territory
from vigie.newsroom.models import EditorialItem
from vigie.reference.french import numeric_date

EDITORIAL_REFERENCE = "Article de la rédaction"


def corrected(doc: Document) -> dict[str, Any]:
    """The newsroom's corrected fields of a text loaded with ``correction`` ({} when none)."""
    try:
        return dict(doc.correction.changes)
    except Document.correction.RelatedObjectDoesNotExist:
        return {}


def editorial_item(row: EditorialItem) -> Item:
    """An editorial item as every edition shows it."""
    codes = tuple(row.departements or ())
    lines = tuple(line.strip() for line in row.body.splitlines() if line.strip())
    return Item(
        uid=row.uid, rubric=row.rubric, title=row.title, short_title=row.title,
        theme=row.theme, roles=tuple(row.roles or ()), score=1.0,
        scope="local" if codes else "national", departements=codes, essentials=lines,
        reasons=("Rédigé par la rédaction",),
        reference=f"{EDITORIAL_REFERENCE} — {numeric_date(row.day)}",
        date_publi=row.day, territories=tuple(Territory(code) for code in codes),
        links=tuple(Link(SOURCE, link.get("label") or link["url"], link["url"])
                    for link in row.links or () if link.get("url")),
        editorial=True,
    )


def newsroom_rows(days: Iterable[date]) -> dict[date, tuple[list[EditorialItem],
                                                             list[EditorialItem]]]:
    """The newsroom's rows of these edition days, one query for all of them: by day, its
    items, then its commentaries (``about`` a text), each in the order they were written."""
    found: dict[date, tuple[list[EditorialItem], list[EditorialItem]]] = {}
    for row in EditorialItem.objects.filter(day__in=list(days)).order_by("pk"):
        found.setdefault(row.day, ([], []))[bool(row.about)].append(row)
    return found


def with_commentaries(items: list[Item], commentaries: Iterable[EditorialItem]) -> list[Item]:
    """The items, the newsroom's ``commentaries`` (rows, in the order written) attached to
    the texts they comment on; a commentary on a text absent from the day's editions is
    shown as an item of its own."""
    notes = {row.about: row for row in commentaries}
    shown = {item.uid for item in items}
    attached = [replace(item, commentary=notes[item.uid].body.strip())
                if item.uid in notes else item for item in items]
    return attached + [editorial_item(row) for uid, row in notes.items() if uid not in shown]


def editorial_uids(texts: dict[date, set[str]]) -> dict[date, set[str]]:
    """The uids of the newsroom's items each edition day shows, given the day's retained
    texts: its items, and its commentaries on texts the day does not show; days with texts
    only (a day without publication has no edition)."""
    found: dict[date, set[str]] = {}
    for row in EditorialItem.objects.filter(day__in=list(texts)):
        if not row.about or row.about not in texts[row.day]:
            found.setdefault(row.day, set()).add(row.uid)
    return found
