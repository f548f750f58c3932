"""A compound commune name written with another linking word than the COG's.

Owns one tolerance of the scan: « Châtillon-de-Michaille » for « Châtillon-en-Michaille »,
« Bar-sur-Duc » for « Bar-le-Duc ». Official texts, old road and railway names and the names
of former communes sometimes change, add or drop an article or a preposition inside a
hyphenated name; its significant words are the commune's all the same. Such a name is read
as the commune only when nothing is lost on the way:

- it is one hyphenated compound of three words or more, one of them a linking word (a
  person's « Jean-Pierre » has none), that is no place name as written;
- without their linking words, its significant words are those of one commune's name, and of
  no other commune's (« Saint-Martin-de-Ré » and « Saint-Martin-en-Ré » both existing, the
  name would be dropped rather than guessed).

The scan (``scan.longest_hit``) then weighs it as any capitalised compound name: a street, a
product or a person's name is still no territory.
"""

from __future__ import annotations

from functools import lru_cache

from vigie.analysis.territories.words import MINOR, Word
from vigie.reference.geography import GeoTables, NameEntry

_MIN_WORDS = 3
_TIGHT = ("-", "'")  # the joins inside a compound name (``words.Word.link``)


def variant_at(geo: GeoTables, words: list[Word], i: int
               ) -> tuple[int, str, tuple[NameEntry, ...]] | None:
    """The commune the hyphenated compound starting at word ``i`` names with another linking
    word than the COG's: (index of its last word, the commune's name key, its entries)."""
    if i + 2 >= len(words) or words[i + 1].link not in _TIGHT or words[i + 2].link not in _TIGHT:
        return None  # most words: no compound of three words starts here (asked first: cheap)
    last = i + 2
    while last + 1 < len(words) and words[last + 1].link in _TIGHT:
        last += 1
    run = [word.key for word in words[i:last + 1]]
    if not words[last].cap or MINOR.isdisjoint(run):
        return None
    if " ".join(run) in geo.commune_names:
        return None  # a name as written: the scan's own lookup has read it (or refused it)
    found = _skeletons(geo).get(_skeleton(run))
    return (last, *found) if found else None


def _skeleton(keys: list[str]) -> str:
    return " ".join(key for key in keys if key not in MINOR)


@lru_cache(maxsize=1)  # one geography per process
def _skeletons(geo: GeoTables) -> dict[str, tuple[str, tuple[NameEntry, ...]]]:
    """Skeleton (the significant words of a compound name with linking words) → the name key
    and its entries, for the skeletons that one commune alone bears."""
    found: dict[str, tuple[str, tuple[NameEntry, ...]]] = {}
    codes: dict[str, set[str]] = {}
    for key, entries in geo.commune_names.items():
        keys = key.split(" ")
        if len(keys) < _MIN_WORDS or MINOR.isdisjoint(keys):
            continue
        skeleton = _skeleton(keys)
        if " " not in skeleton:
            continue  # one significant word is too little to go on
        codes.setdefault(skeleton, set()).update(e.commune.code for e in entries)
        found.setdefault(skeleton, (key, entries))
    return {skeleton: named for skeleton, named in found.items() if len(codes[skeleton]) == 1}
