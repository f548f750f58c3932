"""How a long text is cut for readers: one rule for every text Vigie shortens.

Essentials (300 characters), the lines of a Parliament dossier (400), the summaries of news
feeds and the descriptions of aids (600) all go through :func:`clip`. The cut falls on the
most meaningful boundary the limit allows, in this order:

1. the end of a sentence (« … des communes. Le préfet … »), when one ends in the second half
   of the limit (a whole sentence stands on its own);
2. else the end of a clause or of an enumeration item: before « , » or « ; » followed by a
   new item, after a closing parenthesis, before a dash (« – »), in the last third of the
   limit (further back, the cut would drop what the sentence says: « Comme le décret
   n° 2013-395, le présent décret assure, conformément à la décision … » and no more);
3. else between two words, never leaving a last word that needs the next one (« de »,
   « les », « et »…).

Never inside a number (« 1 000 », « n° 2011-1234 »), an article reference (« article
L. 2224-1 », « art. 3 »), a date (« 19 janvier 2026 ») or a proper noun written in several
words (« Saint Martin », « Jean DUPONT », « Conseil d'État »).

Typography, chosen once (French usage): the cut is marked « … » glued to the last word, with
no space (« les communes de Caen, Lille… »); the punctuation that would dangle before it is
dropped first (a comma, a semicolon, a colon, an opening parenthesis, bracket or quote, a
dash: « les communes de Caen, » → « les communes de Caen… »). After a whole sentence the
ellipsis stands apart, « Phrase entière. … »: it marks the sentences left out, the sentence
itself is not cut. The result, ellipsis included, is never longer than the limit.
"""

from __future__ import annotations

import re

__all__ = ["ELLIPSIS", "clip", "first_sentence"]

ELLIPSIS = "…"
# How far past the limit the protected spans are looked for: a date or a reference that
# straddles the limit must be seen whole.
_LOOKAHEAD = 80
# What may not be left hanging before the ellipsis.
_DANGLING = " ,;:([{«–—-\u00a0\u202f"
_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
           "novembre|décembre|decembre")
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
# Spans a cut never falls into (a space inside one is no place to cut).
_PROTECTED = re.compile(
    # An article, or an article of a code: « article L. 2224-7-2 », « art. 3 bis ».
    r"\b(?:[Aa]rticles?|[Aa]rt\.)\s+(?:(?:[LRDA]\*{0,2}|LO)\.?\s*)?\d+(?:[-.]\d+)*"
    r"(?:\s+(?:bis|ter|quater|quinquies|sexies|[A-Z])\b)?"
    r"|\b(?:LO|[LRDA])\*{0,2}\.\s*\d+(?:[-.]\d+)*"
    # A number of a text, a case, a regulation: « n° 2026-910 DC », « (UE) 2018/1139 ».
    r"|\bn[°o]s?\s*[\w/-]*\d[\w/-]*(?:\s+(?:DC|QPC|L|LP|AN|SEN|I|ELEC)\b)?"
    # A code by its name: « code des assurances », « code général des impôts ».
    r"|\b[Cc]ode\s+(?:général\s+)?(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+)\w+"
    r"|\((?:UE|CE|CEE|Euratom)\)\s*(?:n°\s*)?\d+/\d+"
    # A date: « 1er janvier 2026 », « 19 août », « août 2026 ».
    rf"|\b(?:1er|\d{{1,2}})\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{4}}"
    # A number written in groups, with its unit: « 1 000 000 », « 12,5 % », « 300 € ».
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:\s?(?:€|%|euros?\b))?"
    r"|\d+(?:,\d+)?\s?(?:€|%|euros?\b)"
    # A proper noun of several words: « Saint Martin », « Pays de Gex », « Jean DUPONT ».
    rf"|[{_UPPER}][\w'’-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|sous|en|lès|aux?)\s+|d['’]|l['’])?"
    rf"[{_UPPER}][\w'’-]*)+",
)
# Boundaries, as empty matches where the kept text ends: after a full stop, an exclamation
# or question mark that a capital follows; before « , » or « ; » (a space before « ; » is
# French usage), after « ) », before a dash.
_SENTENCE_END = re.compile(rf"(?<=[.!?])(?=\s+[{_UPPER}«\d])")
_CLAUSE_END = re.compile(r"(?=\s?[,;]\s)|(?<=\))(?=\s)|(?=\s[–—]\s)")
# A full stop after these ends no sentence (« M. Léo LESNE », « art. 3 », « L. 2224-1 »).
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|M|MM|Mme|Mmes|Mlle|Dr|Me|Pr|art|Art|cf|n|p|pp|St|Ste|al|"
    r"chap|vol|éd|op|cit|ibid|spéc|av|bd)\.$")
# Last words that need the next one: a cut after them says nothing.
_NEEDS_NEXT = frozenset({
    "à", "au", "aux", "de", "du", "des", "d'", "l'", "la", "le", "les", "un", "une", "et",
    "ou", "en", "par", "pour", "sur", "sous", "dans", "avec", "sans", "entre", "vers", "chez",
    "que", "qu'", "qui", "dont", "où", "ne", "n'", "se", "s'", "son", "sa", "ses", "leur",
    "leurs", "ce", "cet", "cette", "ces", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
    "ton", "ta", "tes", "afin", "ainsi", "soit", "lors", "selon"})


def clip(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, ellipsis included, cut on the most
    meaningful boundary (see the module's docstring for the rule and its typography)."""
    if len(text) <= limit:
        return text
    protected = _protected(text[: limit + _LOOKAHEAD])
    sentence = _last(_SENTENCE_END, text, limit - 2, limit // 2, protected, sentence=True)
    if sentence is not None:
        return f"{text[:sentence]} {ELLIPSIS}"
    end = (_last(_CLAUSE_END, text, limit - 1, limit * 2 // 3, protected)
           or _word_end(text, limit - 1, protected))
    kept = text[:end].rstrip(_DANGLING)
    return f"{kept}{ELLIPSIS}" if kept else text[: limit - 1] + ELLIPSIS


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (its final stop included), or all of it: a full stop
    after an abbreviation (« article L. 2224-1 », « M. Dupont ») ends no sentence."""
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, 0, match.start()):
            return text[:match.start()]
    return text


def _protected(head: str) -> list[tuple[int, int]]:
    return [match.span() for match in _PROTECTED.finditer(head)]


def _inside(index: int, protected: list[tuple[int, int]]) -> bool:
    return any(start < index < end for start, end in protected)


def _last(pattern: re.Pattern[str], text: str, room: int, floor: int,
          protected: list[tuple[int, int]], *, sentence: bool = False) -> int | None:
    """Where the kept text ends at the last ``pattern`` boundary between ``floor`` and
    ``room`` characters, outside any protected span (``sentence``: not after « M. »)."""
    best = None
    for match in pattern.finditer(text):
        end = match.start()
        if end > room:
            break
        if end < floor or _inside(end, protected):
            continue
        if sentence and _ABBREVIATION.search(text, 0, end):
            continue
        best = end
    return best


def _word_end(text: str, room: int, protected: list[tuple[int, int]]) -> int:
    """Where the last word that can close the kept text ends: outside any protected span,
    neither a word that needs the next one (« de », « les ») nor a number without what it
    counts (« à 10 » ans), else any word outside a protected span; the last space at worst."""
    spaces = [i for i in range(room, 0, -1) if text[i].isspace() and not text[i - 1].isspace()]
    free = [i for i in spaces if not _inside(i, protected)]
    ends = {end for _, end in protected}
    for index in free:
        last = (text[:index].rstrip(_DANGLING).rsplit(None, 1) or [""])[-1].lower()
        if last in _NEEDS_NEXT or last.endswith(("'", "’")):
            continue
        if last[:1].isdigit() and index not in ends:  # « supérieure à 10 » (ans)
            continue
        return index
    return (free or spaces or [room])[0]
