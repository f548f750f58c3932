"""Test helpers: reading stored editions, and storing an edition made of given items."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from vigie.editions.builder import framed, item_fingerprint
from vigie.editions.content import EditionContent, Item
from vigie.editions.models import Edition, EditionItem
from vigie.editions.reading import content_of


def content(day: date, departement: str) -> EditionContent:
    return content_of(Edition.objects.get(date=day, departement=departement))


def uids(day: date, departement: str) -> list[str]:
    """The texts of an edition, in its order."""
    return content(day, departement).uids()


def store_edition(day: date, departement: str, items: Iterable[Item] = (),
                  **fields: Any) -> Edition:
    """An edition of ``departement`` ("" national) on ``day`` showing exactly these items,
    stored the way the builder stores them (here as items of that place only)."""
    items = list(items)
    EditionItem.objects.bulk_create(
        EditionItem(day=day, uid=item.uid, position=n, rubric=item.rubric, theme=item.theme,
                    urgent=item.urgent, national=not departement,
                    departements=framed((departement,)) if departement else "",
                    content=item.to_json(), fingerprint=item_fingerprint(item))
        for n, item in enumerate(items, start=1))
    values = {"title": "ancienne", "fingerprint": "x", "items_count": len(items),
              "frame": {"covered": [day.isoformat()], "headers": {}, "closing": "",
                        "revised": False}, **fields}
    return Edition.objects.create(date=day, departement=departement, **values)
