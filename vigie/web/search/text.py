"""Words as search sees them: accent folding, tokens, French stems, stop words, snippets.

Pure functions. The same folding feeds both databases, so that « elus » finds « élus »
everywhere; the stop words and the rule « stem words made of letters only, keep the others
as they are » mirror PostgreSQL's ``french`` configuration (its stop list, ``french_stem``
for words, ``simple`` for numbers and words with digits), so that SQLite, which gets the
stems from Python, matches the same documents.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# PostgreSQL 15 tsearch_data/french.stop (Snowball's list). Entries with accents never match
# folded words, on PostgreSQL either: they are kept as they are to say the same thing.
_FRENCH_STOP = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi
mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes suis es
est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez
seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez
soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus
ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient
eusse eusses eût eussions eussiez eussent
"""
STOP_WORDS = frozenset(_FRENCH_STOP.split())

# Above PostgreSQL's tsvector limits (1 MB) long before this; the same cut on both databases.
MAX_INDEXED_CHARS = 150_000

_WORD = re.compile(r"[^\W_]+")
# (str.replace per ligature: much faster than str.translate with a dict on long texts)
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("’", "'"), ("ʼ", "'"))
_STEMMER = snowballstemmer.stemmer("french")
# Every combining mark of the Basic Multilingual Plane, for one C-speed regex pass; the few
# beyond it (U+10000 and up) are rare enough to be removed character by character.
_BMP_MARKS = re.compile("[" + re.escape("".join(
    chr(cp) for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp)))) + "]+")


def fold(text: str) -> str:
    """Lower case, ligatures spelt out, accents removed: « Élus d'Œuvre » → « elus d'oeuvre ».

    Same result as dropping every ``unicodedata.combining`` character of the NFKD form, done
    with whole-string operations (the index refresh folds every stored text)."""
    text = text.lower()
    if text.isascii():
        return text
    for ligature, spelt in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, spelt)
    text = _BMP_MARKS.sub("", unicodedata.normalize("NFKD", text))
    if text.isascii() or max(text) <= "\uffff":
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; everything else separates)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """French Snowball stem of a folded word; words with digits stay as they are."""
    return _STEMMER.stemWord(word) if word.isalpha() else word


def is_stop(word: str) -> bool:
    return word in STOP_WORDS


def stems(text: str) -> list[str]:
    """The stems of the words that count (stop words dropped), in text order."""
    return [stem(w) for w in words(text) if not is_stop(w)]


def folded_words(text: str) -> str:
    """The folded words joined by spaces: what PostgreSQL's parser is given."""
    return " ".join(words(text[:MAX_INDEXED_CHARS]))


def stemmed(text: str) -> str:
    """The stems joined by spaces: what SQLite's FTS5 table is given."""
    return " ".join(stems(text[:MAX_INDEXED_CHARS]))


def query_stems(query: str) -> list[str]:
    """Distinct stems of a query, in order."""
    return list(dict.fromkeys(stems(query)))


def snippet(text: str, wanted: set[str], width: int = 260) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first word whose stem is wanted (the beginning when
    none is), cut at word boundaries, and the offsets of the wanted words inside it."""
    flat = " ".join(text.split())
    found = [m for m in _WORD.finditer(flat) if wanted and _matches(m.group(), wanted)]
    start = max(0, found[0].start() - width // 4) if found else 0
    end = min(len(flat), start + width)
    if start:
        start = _next_boundary(flat, start)
    if end < len(flat):
        end = _previous_boundary(flat, end, start)
    prefix, suffix = ("… " if start else ""), (" …" if end < len(flat) else "")
    window = flat[start:end]
    marks = [(m.start() - start + len(prefix), m.end() - start + len(prefix))
             for m in found if start <= m.start() and m.end() <= end]
    return prefix + window + suffix, marks


def _matches(word: str, wanted: set[str]) -> bool:
    folded = fold(word)
    return not is_stop(folded) and stem(folded) in wanted


def _next_boundary(text: str, index: int) -> int:
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 30 else index


def _previous_boundary(text: str, index: int, floor: int) -> int:
    space = text.rfind(" ", floor, index)
    return space if space > floor + 30 else index
