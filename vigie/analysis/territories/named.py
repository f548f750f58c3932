"""Names of a line that are no commune, département or région of the COG: EPCI, the areas of
``vigie.reference.areas`` (académies, zones de défense, former régions, établissements publics
d'aménagement…), and a département written in parentheses after a name the COG lacks.

Owned apart from ``scan`` (which reads the COG's names and their evidence) so that each reads
one kind of name: here a name is its own evidence, being in a table of public bodies and
areas, or a département written as the JO writes one after a place (« Mons-la-Trivalle
(Hérault) », « projet de liaison routière Fos-Salon (13) »).
"""

from __future__ import annotations

import re
from functools import cache

from vigie.analysis.territories.words import MINOR, Word, can_end
from vigie.reference.areas import Area, area_names, area_prefixes
from vigie.reference.geography import Departement, Epci, GeoTables, normalize

EPCI_TYPE_WORDS = frozenset({"communaute", "metropole", "eurometropole", "agglomeration", "cc",
                             "ca", "cu"})
# « (Hérault) », « (dép. 34) », « (13) », « (2A) », « (974) ».
_PARENTHESES = re.compile(r"\(\s*(?:d[ée]p(?:artement|\.)?\s*)?([^()]{1,30}?)\s*\)")
_PAREN_SUFFIX = re.compile(r"\s*\(\s*([^()]{1,40}?)\s*\)")
_LAST_WORD = re.compile(r"[\w'’-]+$")
# A département code as the JO writes one in parentheses: two digits (01 to 95), Corsica's two
# letters, an overseas département or collectivité. One digit is a footnote (« LOI … (1) »).
_CODE = re.compile(r"(?:0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9AB]|97[1-8]|98[4-8])")
# A line that may name an EPCI, though no capitalised word of it starts a place name.
_EPCI_HINT = re.compile(r"(?i)communaut|m[ée]tropole|agglom|\bC[ACU]\b")
# ``_EPCI_HINT`` read in the lower-cased line: its words as plain substrings, « CA », « CC »,
# « CU » from their « c » (a case-insensitive pattern tries each branch at every character).
# Lower-casing keeps the words and their bounds, but for « İ » (two characters in lower case):
# a line with one is read by the pattern itself. No other letter of the pattern has a
# case-insensitive match that ``str.lower`` would miss (only « i », « k » and « s » have).
_EPCI_WORDS = ("communaut", "metropole", "métropole", "agglom")
_EPCI_ABBREVIATION = re.compile(r"c(?<!\wc)[acu]\b")


def epci_at(geo: GeoTables, words: list[Word], i: int) -> tuple[Epci, int] | None:
    """The longest EPCI name starting at word ``i`` (punctuation inside is ignored)."""
    first = words[i]
    if not (first.cap or first.key in EPCI_TYPE_WORDS) or first.key not in geo.epci_prefixes:
        return None
    best = None
    key = first.key
    for j in range(i + 1, min(len(words), i + geo.max_epci_tokens)):
        key = f"{key} {words[j].key}"
        if key not in geo.epci_prefixes:
            break
        if key in geo.epci_names:
            best = (geo.epci_names[key], j)
    return best


def epci_hint(line: str) -> bool:
    """Whether ``_EPCI_HINT`` finds something in ``line``."""
    if "İ" in line:
        return _EPCI_HINT.search(line) is not None
    low = line.lower()
    return (any(word in low for word in _EPCI_WORDS)
            or _EPCI_ABBREVIATION.search(low) is not None)


# A line that may name an area, though no capitalised word of it starts a place name.
_AREA_HEADS = re.compile(r"(?i)acad[ée]mie|parcs? national|r[ée]gion |creps|performance sportive")
# ``_AREA_HEADS`` read case-sensitive in the lower-cased line: each branch then begins with a
# letter the regex engine jumps to, where the case-insensitive pattern tries every position (a
# tenth of the time on a title). Lower-casing gives each letter of the pattern as ``(?i)``
# matches it but for « İ », « ı » and « ſ » (« i », « i », « s » there): a line with one
# is read by the pattern itself.
_AREA_HEADS_LOWER = re.compile(_AREA_HEADS.pattern.removeprefix("(?i)"))


def area_hint(line: str) -> bool:
    """Whether ``_AREA_HEADS`` finds something in ``line``."""
    if not line.isascii() and ("İ" in line or "ı" in line or "ſ" in line):
        return _AREA_HEADS.search(line) is not None
    return _AREA_HEADS_LOWER.search(line.lower()) is not None


@cache
def area_starts() -> frozenset[str]:
    """The first words of area keys: where an area may begin (« academie », « plaine »)."""
    return frozenset(key.split(" ", 1)[0] for key in area_names())


def area_at(words: list[Word], i: int) -> tuple[Area, int] | None:
    """The longest area starting at word ``i``, with the index of its last word: whole words
    (not « Auvergne » of « Auvergne-Rhône-Alpes »), its own name capitalised when it has no
    head (« Est Ensemble », not « est ensemble »)."""
    names, prefixes = area_names(), area_prefixes()
    best = None
    key = ""
    for j in range(i, len(words)):
        if j > i and not words[j].link:
            break
        key = f"{key} {words[j].key}" if key else words[j].key
        if key not in prefixes:
            break
        area = names.get(key)
        if area is not None and can_end(words, j + 1) and _capitalised(words, j, area):
            best = (area, j)
    return best


def _capitalised(words: list[Word], last: int, area: Area) -> bool:
    named = words[last - area.name_words + 1:last + 1] if area.name_words else []
    return all(w.cap for w in named if w.key not in MINOR)


def departements_in_parentheses(geo: GeoTables, line: str) -> list[tuple[int, Departement]]:
    """Départements written in parentheses right after a word: « (Hérault) », « (13) ». A name
    must be written capitalised (« (nord) » is a direction); a code must follow a capitalised
    name (« Fos-Salon (13) », not « article 18 (18) » nor « 100 euros (12) »)."""
    if "(" not in line:
        return []
    found: list[tuple[int, Departement]] = []
    for match in _PARENTHESES.finditer(line):
        inner, word = match.group(1), _word_before(line, match.start())
        if not word:
            continue
        if _CODE.fullmatch(inner.upper()):
            named = word[:1].isupper() and not word.isdigit()
            dep = geo.departement_by_code(inner) if named else None
        else:
            dep = geo.departement_names.get(normalize(inner)) if inner[:1].isupper() else None
        if dep is not None:
            found.append((match.start(1), dep))
    return found


def _word_before(line: str, start: int) -> str:
    """The word right before a parenthesis, over one parenthesis of its own (« très faible
    activité (TFA) (10) » gives « TFA »)."""
    before = line[:start].rstrip()
    if before.endswith(")") and "(" in before:
        inner = before[before.rindex("(") + 1:-1].strip()
        return inner if _LAST_WORD.fullmatch(inner) else ""
    # The last word is the longest run of word characters ending the line: looked for in its
    # last characters (``search`` tries every position of a long line, paragraph after
    # paragraph), in the whole line when the run may begin before them.
    tail = max(0, len(before) - _TAIL)
    found = _LAST_WORD.search(before, tail)
    if found is not None and found.start() == tail and tail:
        found = _LAST_WORD.search(before)
    return found.group(0) if found else ""


_TAIL = 64


def departement_after(geo: GeoTables, line: str, end: int) -> tuple[Departement | None, int]:
    """A département written right after a name: « (18) », « (Cher) », « (2A) »."""
    match = _PAREN_SUFFIX.match(line, end)
    if not match:
        return None, end
    inner = match.group(1)
    dep = geo.departement_by_code(inner) if len(inner) <= 3 else None
    dep = dep or geo.departement_names.get(normalize(re.sub(r"^d[ée]p\.?\s*", "", inner)))
    return (dep, match.end()) if dep else (None, end)
