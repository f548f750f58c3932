"""A batch's records sorted by kind (texts, articles, structures, sections, sommaires), and
which texts carry their articles inside them."""

from __future__ import annotations

from typing import Any

from vigie.parsing.model import (
    Parsed,
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
)


def self_contained(parsed: ParsedText) -> bool:
    """A JORFSIMPLE text (its articles inside it), not one of the global flow."""
    return parsed.flow == "jorfsimple" or bool(parsed.articles)


KINDS = (ParsedText, ParsedArticle, ParsedStructure, ParsedSection, ParsedSommaire)


def texts_of(kinds: dict[type, list[tuple[str, Any]]]) -> set[str]:
    """The texts a batch's records (``by_kind``) belong to (sommaires aside)."""
    return {r.id for _, r in kinds[ParsedText]}.union(
        *({r.text_id for _, r in kinds[k]} for k in (ParsedArticle, ParsedStructure,
                                                     ParsedSection)))


def by_kind(batch: list[tuple[str, Parsed]]) -> dict[type, list[tuple[str, Any]]]:
    """The batch's records by kind, each in batch order, in one pass: a record's class is its
    kind (they have no subclasses; one would go by isinstance, as before)."""
    kinds: dict[type, list[tuple[str, Any]]] = {kind: [] for kind in KINDS}
    for item in batch:
        group = kinds.get(type(item[1]))
        if group is None:
            group = next((kinds[k] for k in KINDS if isinstance(item[1], k)), [])
        group.append(item)
    return kinds
