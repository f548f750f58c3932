"""The Cour de cassation's own answer, read in a decision's reasoning: the essentials of a
decision published without a sommaire.

Most decisions of the Cour de cassation carry no sommaire (only those « publiés au
Bulletin » do): their essentials said « Solution : Rejet » and nothing of what was
decided. Since its 2019 drafting reform the Court answers each ground under a heading
« Réponse de la Cour », in numbered paragraphs: an optional visa (« Vu l'article 1240 du
code civil : »), then the rule or the finding (« 7. Selon ce texte, … », « 5. Il résulte
de … que … »), and a closing formula (« Le moyen n'est donc pas fondé. ») that says
nothing alone. The first paragraph that is neither a visa nor such a formula is the
answer. Decisions drafted the older way (« Attendu que … »), and those of other courts,
have no such heading: nothing is said rather than a sentence picked at random.
"""

from __future__ import annotations

import re

from vigie.parsing.clipping import first_sentence

# The heading on a line of its own: a search's excerpts, joined on one line, never match.
_HEADING = re.compile(r"^[ \t]*Réponse de la Cour[ \t]*$", re.MULTILINE)
_NUMBER = re.compile(r"^\d{1,3}\s*[.)]\s*")
# Paragraphs that say nothing on their own: the visa, the closing formulas, the next
# heading (an answer with no paragraph of its own).
_EMPTY = re.compile(
    r"^(?:Vu\b|Sur le |Énoncé du moyen|Examen du moyen|PAR CES MOTIFS"
    r"|(?:Le|Les) (?:moyens?|griefs?|branches?)\b.{0,40}\b(?:pas|plus)\b.{0,20}"
    r"(?:fondée?s?|accueillie?s?|recevables?)"
    r"|(?:Il n'y a (?:donc )?pas lieu|Dès lors, il n'y a pas lieu))",
    re.IGNORECASE)


def court_answer(reasons: str) -> str:
    """The first sentence of the Court's answer in ``reasons`` (its reasoning, as the
    decision's zones give it), "" when it has none."""
    heading = _HEADING.search(reasons)
    if heading is None:
        return ""
    for paragraph in re.split(r"\n\s*\n", reasons[heading.end():]):
        said = _NUMBER.sub("", " ".join(paragraph.split()))
        if _HEADING.match(paragraph.strip()):
            return ""
        if len(said) >= 20 and not _EMPTY.match(said):
            return first_sentence(said)
    return ""
