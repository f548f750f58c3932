"""The same record twice in one delivery: the first is kept, each later one is an anomaly.

A delivery that brings the same text (or article, section, structure, sommaire) several times
is damaged or forged: taking the last silently would let a later member replace what an
earlier one said without anyone knowing. Records are told apart by their kind and DILA id, so
a text's ``TEXTE_VERSION`` and its ``TEXTELR`` (same JORFTEXT id) are not duplicates. The
same holds for a Parliament input (a zip, a folder, the Sénat's dump): a question or a
dossier twice. Not counted: an answer the Sénat delivers apart (several may name one
question), and a question known from a list of results only, which never replaces one read in
full.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING

from vigie.parsing.model import Parsed, ParsedStructure

if TYPE_CHECKING:  # (its eight dataclasses: some 40 M instructions a DILA ingest never needs)
    from vigie.parsing.parlement_model import ParlementRecord

# How people call each kind of record, in a sentence; by the name of its class, as
# ``record_key`` tells kinds apart.
KINDS: dict[str, str] = {
    "ParsedText": "le texte",
    "ParsedArticle": "l'article",
    "ParsedSection": "la section",
    "ParsedStructure": "la structure du texte",
    "ParsedSommaire": "le sommaire",
    "ParsedQuestion": "la question",
    "ParsedDossier": "le dossier législatif",
}


def record_key(record: Parsed | ParlementRecord) -> tuple[str, str]:
    """(kind, official id) of a record; the structure of a text is keyed by the text's id;
    no id (never a duplicate) for an answer delivered apart or a question only listed."""
    if isinstance(record, ParsedStructure):
        return type(record).__name__, record.text_id
    if getattr(record, "listed_only", False):
        return type(record).__name__, ""
    return type(record).__name__, getattr(record, "id", "")


# The hashes, 64 bits, are kept sorted in this many arrays, by their top bits: a bucket holds a
# few hundred at most, inserting one moves a few kilobytes.
BUCKETS_BITS = 12
HASH_MASK = (1 << 64) - 1


class Duplicates:
    """Remembers, for one delivery, each record that came: its key's hash alone, 8 bytes.

    A whole delivery's records stay known until its end (a duplicate may come last), and a
    history of the Journal officiel holds millions of files: the key and the first member's
    name took some 300 bytes a record, a set of hashes 75 (225 MB for three million files);
    arrays of 8-byte integers take 9 (27 MB). Python hashes strings with a key drawn at
    start-up, so two different records share a hash with a probability of about n² / 2⁶⁵
    (one in two million deliveries of four million records), and none can be forged in a
    delivery made in advance. The message names the later member."""

    def __init__(self) -> None:
        self.buckets = [array("Q") for _ in range(1 << BUCKETS_BITS)]

    def seen(self, member: str, record: Parsed | ParlementRecord | None) -> str:
        """"" the first time a record comes; afterwards, the anomaly's French message."""
        if record is None:
            return ""
        key = record_key(record)
        if not key[1] or self._first(hash(key) & HASH_MASK):
            return ""
        kind = KINDS.get(key[0], "l'élément")
        return (f"{member} : {kind} {key[1]} figure déjà plus haut dans cette livraison : ce "
                f"doublon est ignoré, le premier reçu est gardé.")

    def _first(self, digest: int) -> bool:
        """Whether ``digest`` comes for the first time (it is then remembered)."""
        bucket = self.buckets[digest >> (64 - BUCKETS_BITS)]
        at = bisect_left(bucket, digest)
        if at < len(bucket) and bucket[at] == digest:
            return False
        bucket.insert(at, digest)
        return True
