"""Which items of an edition a reader gets: their roles and themes, urgent items, their commune.

An item is kept when it is urgent, when it names the reader's commune, or when it concerns
one of their roles or one of their themes; a reader who chose neither gets the whole
edition. The edition's structure (rubrics › themes › items, see ``vigie.editions.builder``)
is kept, empty groups dropped. Pure functions on the edition's ``content``, plus one query
that finds, for an edition, which communes each item names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vigie.analysis.models import Analysis


@dataclass(frozen=True)
class Profile:
    """The part of a subscriber that decides what they read (hashable: a cache key)."""

    departement: str
    commune: str = ""
    roles: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


def named_communes(uids: list[str]) -> dict[str, frozenset[str]]:
    """INSEE codes of the communes each text names, from its stored analysis."""
    found: dict[str, frozenset[str]] = {}
    rows = Analysis.objects.filter(document__uid__in=uids).values_list("document__uid",
                                                                       "decision")
    for uid, decision in rows:
        found[uid] = frozenset(t["code"] for t in decision.get("territories", [])
                               if t.get("kind") == "commune" and t.get("code"))
    return found


def edition_uids(content: dict[str, Any]) -> list[str]:
    return [item["uid"] for item in iter_items(content)]


def iter_items(content: dict[str, Any]):
    for rubric in content.get("rubrics", []):
        for theme in rubric["themes"]:
            yield from theme["items"]


def wanted(item: dict[str, Any], profile: Profile, names_commune: bool) -> bool:
    if item["urgent"] or names_commune:
        return True
    if not profile.roles and not profile.themes:
        return True
    item_themes = {item["theme"], *item.get("themes", [])}
    return bool(profile.roles & set(item.get("roles", [])) or profile.themes & item_themes)


def chosen_uids(content: dict[str, Any], profile: Profile,
                communes: dict[str, frozenset[str]]) -> tuple[tuple[str, ...], frozenset[str]]:
    """(uids kept, in edition order; uids kept because they name the reader's commune)."""
    kept, local = [], set()
    for item in iter_items(content):
        names = bool(profile.commune) and profile.commune in communes.get(item["uid"], ())
        if names:
            local.add(item["uid"])
        if wanted(item, profile, names):
            kept.append(item["uid"])
    return tuple(kept), frozenset(local)


def filtered(content: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """A copy of the content with only the kept items (and the groups that still have some)."""
    keep_set = set(keep)
    rubrics = []
    for rubric in content.get("rubrics", []):
        themes = [{**theme, "items": [i for i in theme["items"] if i["uid"] in keep_set]}
                  for theme in rubric["themes"]]
        themes = [t for t in themes if t["items"]]
        if themes:
            rubrics.append({**rubric, "themes": themes})
    return {**content, "rubrics": rubrics}
