"""The words of a line as place names are read from them: folded, with how each is joined.

Owns cutting a line into words that remember how they are joined (« Saint-Denis » is one
compound, « Saint, Denis » is not) and the rules of where a name may begin and end inside
compounds; ``scan`` (COG names) and ``named`` (EPCI and the areas the COG lacks) read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.reference.geography import fold_word

_GAP_AND_WORD = re.compile(r"(\W*)(\w+)")
_TIGHT_GAPS = frozenset({"-", "‐", "‑"})
_APOSTROPHES = frozenset("'’ʼ")
_ELISIONS = frozenset({"d", "l", "qu", "jusqu", "lorsqu", "puisqu", "s", "n"})

# Words that may stand lower-case inside a place name: articles, prepositions.
MINOR = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "sur", "sous", "en", "et",
                   "aux", "au", "a", "pres", "devant", "entre", "ses", "environs",
                   "arrondissement"})


@dataclass(slots=True)
class Word:
    start: int
    end: int
    key: str  # folded
    cap: bool  # starts with a capital letter or a digit
    link: str  # how it joins the previous word: " ", "-", "'" or "" (not joined)


def words_of(line: str) -> list[Word]:
    """The words of a line with how each is joined to the previous one."""
    words: list[Word] = []
    end = 0
    # Each match begins where the previous one ended (a gap, then a word): offsets are counted
    # from the lengths rather than asked of a match object per word.
    for gap, text in _GAP_AND_WORD.findall(line):
        start = end + len(gap)
        end = start + len(text)
        if not words:
            link = ""
        elif gap == " " or (gap.isspace() and "\n" not in gap):
            link = " "
        elif gap in _TIGHT_GAPS:
            link = "-"
        elif gap in _APOSTROPHES:
            link = "'"
        else:
            link = ""
        words.append(Word(start, end, fold_word(text), text[0].isupper() or text[0].isdigit(),
                          link))
    return words


def can_start(words: list[Word], i: int) -> bool:
    """A name cannot begin inside a compound (« Marseille » in « Aix-Marseille »)."""
    link = words[i].link
    if link == "-":
        return False
    return link != "'" or words[i - 1].key in _ELISIONS


def can_end(words: list[Word], j: int) -> bool:
    """A name cannot stop inside a compound (« Saint-Martin » in « Saint-Martin-sur-… »):
    ``j`` is the word after the name."""
    return j >= len(words) or words[j].link not in ("-", "'")
