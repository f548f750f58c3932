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


# A hash cut to 60 bits is an int of two 30-bit digits: 32 bytes, where a whole one takes three
# and is allocated 48 (the memory of a delivery of millions of records).
HASH_BITS = (1 << 60) - 1


class Duplicates:
    """Remembers, for one delivery, each record that came: its key's hash alone.

    A whole delivery's records stay known until its end (a duplicate may come last): the key
    and the first member's name took some 300 bytes a record (40 MB for 160 000 files, a
    history of the Journal officiel holds millions); a hash about 75. Python hashes
    strings with a key drawn at start-up, so two different records share a hash with a
    probability of about n² / 2⁶¹ (one in 140 000 deliveries of four million records), and
    none can be forged in a delivery made in advance. The message names the later member."""

    def __init__(self) -> None:
        self.first: set[int] = set()

    def seen(self, member: str, record: Parsed | None) -> str:
        """"" the first time a record comes; afterwards, the anomaly's French message."""
        if record is None:
            return ""
        key = record_key(record)
        if not key[1]:
            return ""
        digest = hash(key) & HASH_BITS
        if digest not in self.first:
            self.first.add(digest)
            return ""
        kind = KINDS.get(type(record), "l'élément")
        return (f"{member} : {kind} {key[1]} figure déjà plus haut dans cette livraison : ce "
                f"doublon est ignoré, le premier reçu est gardé.")
