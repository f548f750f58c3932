"""Why Vigie kept a text, as its pages tell readers: plain French, no weights, no jargon.

The analysis gives each decision its reasons as the newsroom reads them (``Decision.reasons``:
« vocabulaire des collectivités (titre) : « catastrophe naturelle » (+1,9) », « malgré : … »,
« indices de la politique éditoriale… (+2,1) »). The back office (``vigie.redaction``), the
API and ``vigie show`` keep them whole, weights included. A reader's page says only what the
text does, whom it concerns and where: the weights go, the pieces of the learned policy that
mean nothing outside it (its « indices », the counter-evidence, the theme's vocabulary, which
the page gives as the theme) are left out, and the rest is said in sentences. When nothing
is left (a text kept or set aside on many small pieces, none telling alone), the page says
so and which kinds of pieces they were, rather than nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# « (+1,9) », « (-0,8) », « (−2,3) » at the end: a piece's weight in the learned sum.
_WEIGHT = re.compile(r"\s*\([+\-\u2212]\d+(?:,\d+)?\)$")

# Pieces of the policy's own workings, which say nothing of the text to a reader.
_LEFT_OUT = (
    re.compile(r"^(?:malgré|bien que) : "),  # the strongest piece against the verdict
    re.compile(r"politique éditoriale"),  # « indices de la politique éditoriale… »
    re.compile(r"^dans le doute"),  # the learned starting point
    re.compile(r"^thème « "),  # the theme's vocabulary: the page names the theme
    re.compile(r"^Pas d'essentiel extrait"),
    re.compile(r"^(?:nature du texte|rubrique|mots? du titre|sommaire sans rubrique)\b"),
    re.compile(r"^émetteur : « "),  # a ministry's slug (« intérieur »)
    re.compile(r"^rien dans la ligne"),
)

# A machine's phrase, then what a reader is told.
_SAID = (
    (re.compile(r"^vocabulaire des collectivités \(titre\) : "), "son titre parle de "),
    (re.compile(r"^vocabulaire des collectivités \(notice\) : "), "sa notice parle de "),
    (re.compile(r"^vocabulaire des collectivités \(texte\) : "), "le texte parle de "),
    (re.compile(r"^vocabulaire des collectivités : "), "il parle de "),
    (re.compile(r"^titre : "), "son titre parle de "),
    (re.compile(r"^émetteur : "), "publié par : "),
    (re.compile(r"^loi : retenue par principe, elle"), "une loi, qui"),
    (re.compile(r"^territoire nommé dans le titre$"), "son titre nomme un territoire"),
    (re.compile(r"^classée sous "), "classée par l'assemblée sous "),
)


# Kinds of small pieces the learned policy weighs, as a reader is told them when no piece
# says more (``plain_reasons``): a text's nature, words of its title, who publishes it.
_KINDS = (
    (re.compile(r"^nature du texte : ([^,(]+?)(?:,|\s*\(|$)"), "sa nature ({})"),
    (re.compile(r"^mots? du titre\b"), "des mots de son titre"),
    (re.compile(r"^émetteur : « "), "le ministère qui le publie"),
    (re.compile(r"^(?:rubrique|sommaire sans rubrique)\b"), "sa place au sommaire"),
)
# The words of the theme's own vocabulary the text holds (« thème « Action sociale… » :
# vocabulaire du domaine « Action sociale… » (« code de l'action sociale et des familles ») »):
# the words of its field (or of its publisher's name), said when no other piece is.
_VOCABULARY = re.compile(r"^thème « [^»]+ » : vocabulaire du domaine « [^»]+ » \((« .+? »)\)")


def plain_reason(reason: str) -> str:
    """One reason as a reader is told it; "" when it is the policy's own workings."""
    said = _WEIGHT.sub("", reason.strip())
    if not said or any(pattern.search(said) for pattern in _LEFT_OUT):
        return ""
    for pattern, words in _SAID:
        said = pattern.sub(words, said, count=1)
    return said


def plain_reasons(reasons: Iterable[str]) -> list[str]:
    """The reasons a reader's page gives, in their order, each said once; when none says
    anything to a reader, one line naming the kinds of small pieces decided on."""
    reasons = list(reasons)
    said = list(dict.fromkeys(said for said in map(plain_reason, reasons) if said))
    return said or _small_pieces(reasons)


def _small_pieces(reasons: list[str]) -> list[str]:
    """« Décision prise sur un faisceau de petits indices… » with their kinds, or nothing
    when no piece is of a known kind (the counter-evidence alone says nothing)."""
    kinds: list[str] = []
    for reason in reasons:
        said = _WEIGHT.sub("", reason.strip())  # (once per reason, not per kind tried)
        for pattern, words in _KINDS:
            found = pattern.search(said)
            if found:
                kinds.append(words.format(*found.groups()))
                break
    kinds = list(dict.fromkeys(kinds))
    spoken = [found.group(1) for found in map(_VOCABULARY.search, reasons) if found]
    if spoken:
        kinds.insert(0, f"le vocabulaire de son thème ({spoken[0]})")
    if not kinds:
        return []
    return ["décision prise sur un faisceau de petits indices, aucun décisif à lui seul : "
            + ", ".join(kinds)]
