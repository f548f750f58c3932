"""The same record twice in one delivery: the first is kept, each later one is an anomaly.

A delivery that brings the same text (or article, section, structure, sommaire) several times
is damaged or forged: taking the last silently would let a later member replace what an
earlier one said without anyone knowing. Records are told apart by their kind and DILA id, so
a text's ``TEXTE_VERSION`` and its ``TEXTELR`` (same JORFTEXT id) are not duplicates.
"""

from __future__ import annotations

from vigie.parsing.model import (
    Parsed,
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
)

# How people call each kind of record, in a sentence.
KINDS: dict[type, str] = {
    ParsedText: "le texte",
    ParsedArticle: "l'article",
    ParsedSection: "la section",
    ParsedStructure: "la structure du texte",
    ParsedSommaire: "le sommaire",
}


def record_key(record: Parsed) -> tuple[str, str]:
    """(kind, DILA id) of a record; the structure of a text is keyed by the text's id."""
    if isinstance(record, ParsedStructure):
        return type(record).__name__, record.text_id
    return type(record).__name__, getattr(record, "id", "")


class Duplicates:
    """Remembers, for one delivery, the member that first brought each record."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, str], str] = {}

    def seen(self, member: str, record: Parsed | None) -> str:
        """"" the first time a record comes; afterwards, the anomaly's French message."""
        if record is None:
            return ""
        key = record_key(record)
        if not key[1]:
            return ""
        if key not in self.first:
            self.first[key] = member
            return ""
        first = self.first[key]
        kind = KINDS.get(type(record), "l'élément")
        return (f"{member} : {kind} {key[1]} figure déjà dans cette livraison (fichier "
                f"« {first} ») : ce doublon est ignoré, le premier reçu est gardé.")
