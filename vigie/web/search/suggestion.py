"""« Vouliez-vous dire : subvention ? »: the query respelt with known words, when it finds
nothing (or next to nothing).

A word of the query is checked when no indexed text holds it (its stem, as the search looks
for it: « élus » is known when « élu » is indexed), or, when the search finds at most
``FEW`` texts, when it is in at most ``RARE`` texts while a word near it is in ``COMMONER``
times as many (the texts have their own typos: « subvension » in one decree). It is replaced
by the nearest word of the vocabulary (``vocabulary``, ``typos.reach``), the most common of
the nearest, as a text spells it; a query whose words are all known gets no suggestion.
"""

from __future__ import annotations

from vigie.web.search.text import stem
from vigie.web.search.typos import checked, distance, respelt
from vigie.web.search.vocabulary import frequencies, neighbours

FEW = 3  # results: a search finding this few has its rare words checked too
RARE = 3  # texts: a word in this few may be a typo of the texts themselves…
COMMONER = 20  # …when a word near it is in this many times as many texts


def suggestion(query: str, terms: list[tuple[str, ...]], total: int) -> str:
    """The query with its unknown (or suspect) words corrected, or "" when there is none to
    correct, or no correction for them."""
    words = list(dict.fromkeys(w for term in terms for w in term if checked(w)))
    if not words or total > FEW:
        return ""
    held = frequencies(stem(w) for w in words)
    corrections = {}
    for word in words:
        texts = held.get(stem(word), 0)
        if texts > RARE:
            continue
        better = nearest(word, texts)
        if better:
            corrections[word] = better
    return respelt(query, corrections) if corrections else ""


def nearest(word: str, texts: int) -> str:
    """The spelling of the nearest known word to ``word`` (itself in ``texts`` texts); among
    those as near, first those whose stem is within one edit of its stem, then the most
    common; "" when there is none.

    The engine counts the texts of a stem, not of a word: a verb's stem is shared by all its
    forms, and « assainissent » (stem « assain ») would outnumber « assainissement » (kept
    whole) as the correction of « assainissemnt ». A word of the same kind as the one typed
    keeps about its stem."""
    near = neighbours(word)
    counts = frequencies(stem(w) for w in near)
    floor, own = max(1, texts * COMMONER), stem(word)
    ranked = sorted((apart, distance(own, stem(w), 1) > 1, -counts.get(stem(w), 0), w, form)
                    for w, (apart, form) in near.items() if counts.get(stem(w), 0) >= floor)
    return ranked[0][-1] if ranked else ""
