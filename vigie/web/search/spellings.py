"""Spellings of one word that the tokenizer would cut apart: dotted acronyms
(« C.C.A.S. ») and hyphenated compounds (« vidéo-protection »).

Pure functions on folded text, used alike for the indexed text and for a query, so that
both databases see the same words. A dotted acronym becomes one word (« ccas »): cut at its
dots it would be single letters, stop words or words of their own (« a », « f »), and
« C.C.A.S. » found nearly every text. A hyphenated compound keeps its words (a phrase finds
them) and is also indexed written joined (``joined_compounds``), after the text's words so
that no phrase is broken: « vidéoprotection » then finds « vidéo-protection », and a
compound in a query finds the joined spelling (``query.py``).
"""

from __future__ import annotations

import re

# Each pattern begins with a character, not a class nor a group: the regular expression
# engine then jumps from one « . » or « - » to the next (a pattern beginning with a class of
# letters was tried at every letter: the index took three times as long).
# A dot followed by single letters each after a dot (« .c.a.s », of « c.c.a.s. »); the
# letter before it is checked apart (``_acronym_at``).
_DOTS = re.compile(r"\.[a-z](?:\.[a-z])*(?![^\W_])\.?")
# A hyphen and the words it joins to the one before it (« -protection », « -martin-sur »).
_HYPHENED = re.compile(r"-[^\W\d_]+(?:-[^\W\d_]+)*")
_OTHER_HYPHENS = (("‐", "-"), ("‑", "-"))


def undotted(folded: str) -> str:
    """``folded`` with each dotted acronym written as one word: « c.c.a.s. » → « ccas »."""
    if "." not in folded:
        return folded
    pieces, done = [], 0
    for match in _DOTS.finditer(folded):
        start = match.start() - 1  # the acronym's first letter
        if not _acronym_at(folded, start):
            continue
        pieces += [folded[done:start], folded[start:match.end()].replace(".", ""), " "]
        done = match.end()
    return "".join(pieces) + folded[done:] if pieces else folded


def _acronym_at(folded: str, start: int) -> bool:
    """Whether a single letter stands at ``start``: a-z, no letter or digit before it."""
    return (start >= 0 and "a" <= folded[start] <= "z"
            and (start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "_")))


def joined_compounds(folded: str, dropped: frozenset[str]) -> list[str]:
    """The hyphenated compounds of ``folded`` written joined, each once, in text order, their
    ``dropped`` words (stop words) left out as a query's phrase leaves them out:
    « video-protection » → « videoprotection », « saint-martin-sur-lavezon » →
    « saintmartinlavezon »."""
    for other, hyphen in _OTHER_HYPHENS:
        if other in folded:
            folded = folded.replace(other, hyphen)
    if "-" not in folded:
        return []
    found: dict[str, None] = {}
    for match in _HYPHENED.finditer(folded):
        start = end = match.start()
        while start > 0 and folded[start - 1].isalpha():  # the word before (a few letters)
            start -= 1
        if start < end:
            found[joined([folded[start:end], *match.group()[1:].split("-")], dropped)] = None
    found.pop("", None)  # (a compound of stop words only: « c-est »)
    return list(found)


def joined(parts: list[str] | tuple[str, ...], dropped: frozenset[str]) -> str:
    """The parts of a compound written as one word, ``dropped`` words left out."""
    return "".join(p for p in parts if p not in dropped)
