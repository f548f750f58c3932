"""Which items of an edition a reader gets: their roles and themes, urgent items, their commune.

An item is kept when it is urgent, when it names the reader's commune, or when it concerns
one of their roles or one of their themes; a reader who chose neither gets the whole
edition. The edition keeps its structure (rubrics › themes › items), empty groups dropped
(``EditionContent.only``). Pure functions on typed edition content: the communes an item
names travel with it (``Item.territories``).
"""

from __future__ import annotations

from dataclasses import dataclass

from vigie.editions.content import EditionContent, Item


@dataclass(frozen=True)
class Profile:
    """The part of a subscriber that decides what they read (hashable: a cache key)."""

    departement: str
    commune: str = ""
    roles: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


def wanted(item: Item, profile: Profile, names_commune: bool) -> bool:
    if item.urgent or names_commune:
        return True
    if not profile.roles and not profile.themes:
        return True
    item_themes = {item.theme, *item.themes}
    return bool(profile.roles & set(item.roles) or profile.themes & item_themes)


def chosen_uids(content: EditionContent, profile: Profile
                ) -> tuple[tuple[str, ...], frozenset[str]]:
    """(uids kept, in edition order; uids kept because they name the reader's commune)."""
    kept, local = [], set()
    for item in content.items():
        names = item.names_commune(profile.commune)
        if names:
            local.add(item.uid)
        if wanted(item, profile, names):
            kept.append(item.uid)
    return tuple(kept), frozenset(local)
