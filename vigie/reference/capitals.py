"""Titles a source wrote in capitals, written as a French sentence with the capitals that belong.

« LOI RELATIVE À LA CORSE » reads « Loi relative à la Corse »: the first letter and the names
keep their capitals, every other word goes to lower case. Names are known on general evidence,
never from a list fitted to one file: the words the same file capitalises in its other, mixed-case
titles (``title_evidence``), then the institutions, countries, places and acronyms of
``reference.proper_names``. A place named by one word needs a place word before it (« à »,
« en », « de la ») and no complement after it (« la somme de », « le lot 3 » are no places);
one that is also a common word (« Somme », « Lot ») is taken from the file's evidence only, and
« État » only as « l'État ». Accents the source left out are not invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vigie.reference.geography import fold_word
from vigie.reference.proper_names import HOMONYMS, Name, is_acronym, known_name, max_tokens

_WORD = re.compile(r"[^\W\d_]+")
_JOINS = frozenset({" ", "-", "'", "’", " '", "' "})
_OPENERS = tuple(".:;!?«(\"—–")
# Words never taken as names from the file's evidence, whatever their case there.
FUNCTION_WORDS = frozenset({"le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "et",
                            "ou", "a", "au", "aux", "en", "par", "pour", "sur", "dans", "sans",
                            "avec", "entre", "sous", "vers", "chez", "contre", "son", "sa",
                            "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "qui", "que"})
# The words before a place that make it one (« à Nantes », « en Savoie », « de la Corse »).
PLACE_CUES = frozenset({"a", "en", "de", "d", "du", "des", "dans", "au", "aux", "la", "le", "l",
                        "les", "sur"})
COMPLEMENTS = frozenset({"de", "d", "du", "des"})
STATE = "etat"  # « l'État », but « l'état de catastrophe naturelle », « en état »
# What names a place for sure, even one that is also a common word (« département du Nord »).
_PLACE_NOUN = re.compile(r"\b(?:département|région|ville|commune|île)s? "
                         r"(?:de la |de l'|d'|du |de |des )$")


@dataclass(frozen=True)
class Evidence:
    """What a file says of its own words: those it capitalises inside its titles (folded key →
    form) and those it writes in lower case somewhere."""

    capitalised: dict[str, str] = field(default_factory=dict)
    lower: frozenset[str] = frozenset()


NO_EVIDENCE = Evidence()


def in_capitals(title: str) -> bool:
    """Whether a title is written in capitals (an acronym alone, « DGF », is not)."""
    words = title.split()
    return title.isupper() and not (len(words) == 1 and is_acronym(words[0]))


def title_evidence(titles: Iterable[str]) -> Evidence:
    """The words the mixed-case ``titles`` capitalise inside a sentence (not the first word,
    not after a colon or a quote) and never write in lower case."""
    capitalised: dict[str, str] = {}
    lower: set[str] = set()
    for title in titles:
        if not title or title.isupper():
            continue
        for n, match in enumerate(_WORD.finditer(title)):
            word, key = match.group(), fold_word(match.group())
            if word.islower():
                lower.add(key)
            elif n and key not in FUNCTION_WORDS and len(word) > 1 \
                    and not title[:match.start()].rstrip().endswith(_OPENERS):
                capitalised.setdefault(key, word)
    return Evidence({k: v for k, v in capitalised.items() if k not in lower}, frozenset(lower))


def sentence_case(title: str, evidence: Evidence = NO_EVIDENCE) -> str:
    """``title`` with single spaces; written in capitals, as a sentence whose names keep
    their capitals (see the module's docstring)."""
    title = " ".join(title.split())
    lowered = title.lower()
    if not in_capitals(title):
        return title
    if len(lowered) != len(title):  # (« İ »: no safe positions for the names)
        return title[:1] + title[1:].lower()
    words = list(_WORD.finditer(title))
    pieces, position, i = [], 0, 0
    while i < len(words):
        last, form = _name_at(title, words, i, evidence)
        if not form:
            form = _word(title, words, i, evidence)
        pieces += [lowered[position:words[i].start()], form]
        position, i = words[last].end(), last + 1
    text = "".join(pieces) + lowered[position:]
    return text[:1].upper() + text[1:]


def _word(title: str, words: list[re.Match[str]], i: int, evidence: Evidence) -> str:
    """One word on its own: the file's form of it, an acronym as it is, else lower case."""
    word = words[i].group()
    key = fold_word(word)
    if key in evidence.capitalised and key not in FUNCTION_WORDS:
        return evidence.capitalised[key]
    following = title[words[i].end():words[i].end() + 1]
    return word if is_acronym(word) and following not in ("'", "’", "°") else word.lower()


def _name_at(title: str, words: list[re.Match[str]], i: int, evidence: Evidence
             ) -> tuple[int, str]:
    """(last word, form) of the longest known name starting at word ``i`` ((i, "") if none)."""
    for last in range(min(len(words), i + max_tokens()) - 1, i - 1, -1):
        if not all(_gap(title, words, n) in _JOINS for n in range(i + 1, last + 1)):
            continue
        key = " ".join(fold_word(w.group()) for w in words[i:last + 1])
        name = known_name(key)
        if name is not None and _accepted(title, words, (i, last), name, evidence):
            return last, name.form
    return i, ""


def _gap(title: str, words: list[re.Match[str]], n: int) -> str:
    """What stands between word ``n - 1`` and word ``n``."""
    return title[words[n - 1].end():words[n].start()]


def _accepted(title: str, words: list[re.Match[str]], span: tuple[int, int], name: Name,
              evidence: Evidence) -> bool:
    """Whether the words ``span`` are the name here, on the evidence around them."""
    first, last = span
    key = " ".join(fold_word(w.group()) for w in words[first:last + 1])
    before, after = _before(title, words, first), _after(title, words, last)
    if key == STATE:
        return before == "l" and after not in COMPLEMENTS
    if name.kind in ("institution", "country"):
        return True
    single = first == last or (last == first + 1 and fold_word(words[first].group()) in
                               ("le", "la", "les", "l"))
    if not single:  # « Grande-Synthe », « Pays de la Loire »: a compound names a place
        return name.kind != "commune" or "-" in title[words[first].start():words[last].end()]
    named = bool(_PLACE_NOUN.search(title[:words[first].start()].lower()))
    if key in evidence.lower or (key.split()[-1] in HOMONYMS and not named
                                 and key not in evidence.capitalised):
        return False
    if after in COMPLEMENTS or after.isdigit() or (first and before not in PLACE_CUES):
        return False
    return name.kind != "commune" or name.town == "prefecture" or (
        name.town == "big" and before == "a")


def _before(title: str, words: list[re.Match[str]], first: int) -> str:
    """The folded word just before word ``first`` ("" across punctuation)."""
    if first == 0 or _gap(title, words, first) not in _JOINS:
        return ""
    return fold_word(words[first - 1].group())


def _after(title: str, words: list[re.Match[str]], last: int) -> str:
    """The folded word just after word ``last`` ("" across punctuation; « 0 » for a number)."""
    rest = title[words[last].end():].lstrip()
    if rest[:1].isdigit():
        return "0"
    if last + 1 == len(words) or _gap(title, words, last + 1) not in _JOINS:
        return ""
    return fold_word(words[last + 1].group())
