"""Words a reader may have mistyped, and the known words near them: pure functions.

The vocabulary of corrections is made of surface words, folded (``text.fold``: no accents,
lower case), each with the spelling a text gave it (« subvention », « intercommunalité »):
a suggestion shows real words, never the stems the engines match (« urbanisme » is stemmed
« urban »: a stem is no word to offer, and two spellings a letter apart can have stems far
apart). Distances are counted on folded words, so an accent is never a typo: « eleve » is
« élève » already, for the index as for this module.

Distance: optimal string alignment (Levenshtein, and two letters swapped counting one edit),
at most 1 for a word of fewer than ``LONG`` letters and 2 from there on.
"""

from __future__ import annotations

import re
import string

from vigie.reference.latin1 import latin1
from vigie.web.search.text import STOP_WORDS, fold

LONG = 8  # letters: from here on a word may be two edits away from the one meant
SHORTEST, LONGEST = 3, 40  # words of the vocabulary (and words checked in a query)
_LETTERS = string.ascii_lowercase
# A run of Latin letters (ASCII, Latin-1, Latin Extended-A: « œ », « ł » keep a word whole).
# Only words that fold to a-z enter the vocabulary (``checked``), so other scripts are not
# even read; spelt out, the class reads the texts nearly twice as fast as « [^\W\d_] ».
_TOKEN = re.compile("[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017f]+")
_FOLDED = re.compile(r"[a-z]+")
# Every Latin-1 byte ``_TOKEN`` does not match turned into a space: its runs, in a Latin-1 text
# (nearly every French text), are then the words ``split`` gives, in one C pass (``findall``
# made a string of each of the millions of words an ingest's texts hold: three times as slow).
_NOT_TOKEN = bytes(c if _TOKEN.fullmatch(chr(c)) else 32 for c in range(256))


def reach(word: str) -> int:
    """How many edits away a correction of ``word`` may be."""
    return 2 if len(word) >= LONG else 1


def checked(word: str) -> bool:
    """Whether a folded word of a query can be corrected (and enters the vocabulary): letters
    a-z only (no number, no NOR, no other script), not too short, not a stop word."""
    return (SHORTEST <= len(word) <= LONGEST and _FOLDED.fullmatch(word) is not None
            and word not in STOP_WORDS)


def surface_words(texts: list[str], seen: set[str] | None = None) -> dict[str, str]:
    """The words of these texts that enter the vocabulary: folded word → its spelling in
    lower case, accented when any text gave it accents (a title in capitals gives none).
    ``seen``: spellings met before (by an earlier call), skipped; those met here are added."""
    tokens: set[str] = set()
    for text in texts:
        lowered = text.lower()
        latin = latin1(lowered)
        tokens.update(_TOKEN.findall(lowered) if latin is None
                      else latin.translate(_NOT_TOKEN).decode("latin-1").split())
    if seen is not None:
        tokens -= seen
        seen |= tokens
    spelt = list(tokens)
    # Folded all at once (a line each: folding keeps line breaks), not word by word.
    folded = fold("\n".join(spelt)).split("\n") if spelt else []
    forms: dict[str, str] = {}
    for token, word in zip(spelt, folded, strict=True):
        if checked(word):
            kept = forms.get(word)
            if kept is None or _preferred(token) < _preferred(kept):
                forms[word] = token
    return forms


def _preferred(token: str) -> tuple[int, str]:
    """Which spelling of a word is kept: the most accented (« arrêté » before « arrête »,
    before « arrete »), then the first in order. Never the order a set of tokens happens to
    be read in: it changes with each process's hash seed, and the analysis's workers fold
    part of the vocabulary (``vocabulary.CatchingUp``)."""
    return -sum(not char.isascii() for char in token), token


def edits(word: str) -> set[str]:
    """Every string one edit from ``word`` (a letter removed, swapped with the next,
    replaced or added): where a one-edit correction is looked up, whatever the letter."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    found |= {a + c + b for a, b in splits for c in _LETTERS}
    found.discard(word)
    return found


def distance(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b``, or ``limit + 1`` as soon as
    it is known to be beyond ``limit``. Most words of a vocabulary are, and are told at once:
    an edit changes the set of letters of a word by two letters at most; the table is then
    computed only within ``limit`` of its diagonal (cells beyond are more than ``limit``)."""
    if abs(len(a) - len(b)) > limit or len(set(a) ^ set(b)) > 2 * limit:
        return limit + 1
    beyond = limit + 1
    before: list[int] = []
    row = [j if j <= limit else beyond for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [i if i <= limit else beyond] + [beyond] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cb = b[j - 1]
            cost = ca != cb
            best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if cost and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return beyond
        before, row = row, current
    return min(row[-1], beyond)


def respelt(query: str, corrections: dict[str, str]) -> str:
    """``query`` with each word whose folding ``corrections`` holds replaced by its correction
    (a capital kept), the rest as typed: quotes, other words, punctuation."""
    def replace(match: re.Match[str]) -> str:
        token = match.group()
        found = corrections.get(fold(token))
        if found is None:
            return token
        return found[:1].upper() + found[1:] if token[:1].isupper() else found
    return _TOKEN.sub(replace, query)
