"""How much of each theme's vocabulary an item shows: the « domaine: » features of themes.

Each part of an item (title, notice, audiences, issuer, cited texts, text) adds the theme
weight of the lexicon terms and codes it holds, the title most; the NOR direction and a grade
of the fonction publique territoriale add theirs. Words that only say whom a text addresses
(« maires », « collectivités territoriales ») add nothing. A ministry that signs a text says
who issues it, not what it is about: its name speaks only when nothing else does; the State
service a nomination names is the post filled, and speaks (``domains``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vigie.analysis.cues import blank_state_services
from vigie.analysis.evidence import CODE_BY_NAME, TERMS, Evidence, Source, read
from vigie.analysis.lexicon import NOR_DIRECTIONS
from vigie.analysis.normalize import stream
from vigie.analysis.portfolios import is_ministry, without_local_authorities
from vigie.analysis.records import Item

# Words that say whom a text addresses, not what it is about: they may weigh in selection,
# never in the choice of a theme (« maire », « communes » or « élus » alone decide nothing;
# nor « collectivités territoriales »: the aid « pour le recrutement d'apprentis par les
# collectivités territoriales » is about recruiting, and the name of the ministry « des
# relations avec les collectivités territoriales » says whom it deals with, not the subject).
ADDRESSEES = frozenset({"mot:maire", "mot:commune", "mot:communal", "mot:communale",
                        "mot:elu", "mot:elue", "terme:maire", "terme:commune",
                        "terme:communale", "terme:collectivite territoriale"})
# Lexicon forms that name a kind of addressee inside a broader term (« communes rurales »).
_ADDRESSEE_FORMS = frozenset(stream(form) for form in (
    "communes rurales", "communes urbaines", "communes touristiques", "maires", "élus",
    "collectivités territoriales", "collectivité territoriale", "collectivités locales",
    "collectivité locale"))
TERM_NAMES = {key: f"terme:{stream(term.label)}" for key, term in TERMS.items()}  # by key
_PARTS = (("title", 3.0), ("notice", 1.0), ("publics", 0.5), ("authority", 1.0),
          ("cited", 0.5), ("text", 0.25))
_CAP = 12.0
_UNIT = 1.5  # a title term of weight 1 is half a unit; learned weights do the rest


def domains(item: Item, evidence: Evidence, values: dict[str, float],
            shown: dict[str, str], *, addressed: bool = False, post: bool = False) -> None:
    """Each theme's vocabulary score (« domaine:<theme> »), with the words found.

    A ministry signs texts of all its fields (the ministry « de la cohésion des territoires »
    signs the rules of local finances): its name's words count only when nothing else in the
    item names a domain, when they are all there is to go on. A question is put to the
    minister in charge of its subject (``addressed``), and another body's name (an agency,
    an authority, a commission) is its own field: their names always count, as a notice does.
    A State service named by a title says who acts (it is blanked from ``Evidence.title``),
    except in a nomination (``post``): there it is the post filled, and its field is the
    text's (« portant nomination (direction régionale des finances publiques) »: finances)."""
    signed = not addressed and is_ministry(evidence.authority_name)
    scores: dict[str, float] = {}
    words: dict[str, list[str]] = {}

    def add(theme: str, amount: float, word: str) -> None:
        scores[theme] = scores.get(theme, 0.0) + amount
        words.setdefault(theme, []).append(word)

    for part, factor in _PARTS:  # (the signing ministry's name last, if at all)
        if not (signed and part == "authority"):
            source = (read(blank_state_services(item.title, services=False))[0]
                      if post and part == "title" else getattr(evidence, part))
            _part(item, source, part, factor, add)
    direction = NOR_DIRECTIONS.get(item.nor.strip()[:4].upper())
    if direction:
        add(direction.theme, 3.0, f"NOR {item.nor.strip()[:4]}")
    if evidence.fpt_grade:
        add("rh", 9.0, evidence.fpt_grade)
    if signed and not scores:
        _part(item, read(without_local_authorities(evidence.authority_name))[0], "authority",
              dict(_PARTS)["authority"], add)
    for theme, score in scores.items():
        values[f"domaine:{theme}"] = round(min(score, _CAP) / _UNIT, 3)
        shown[f"domaine:{theme}"] = " », « ".join(dict.fromkeys(words[theme][:3]))


def _part(item: Item, source: Source, part: str, factor: float,
          add: Callable[[str, float, str], None]) -> None:
    """The terms and codes of one part of the item, each for its theme (``domains``)."""
    for key, count in source.terms.items():
        term = TERMS[key]
        surface = source.surface(key)
        if TERM_NAMES[key] in ADDRESSEES or stream(surface) in _ADDRESSEE_FORMS:
            continue
        add(term.theme, term.weight * factor * min(count, 2), surface)
        if term.also:
            add(term.also, term.weight * factor * min(count, 2) / 2, surface)
    for name in source.codes:
        add(_code_theme(name, item.title if part == "title" else ""), 2.0 * factor, name)


# The finance books of the CGCT (part 1 book VI, « dispositions financières et comptables »;
# book III of the parts on communes, départements and régions, their finances): an article of
# them cited by the title makes the code a matter of finances, not of institutions.
_CGCT = "code général des collectivités territoriales"
_CGCT_FINANCES = re.compile(r"\bL\.\s?(?:16|[234]3)\d\d(?:-\d+)*\b[^;]{0,80}?\bdu " + _CGCT)


def _code_theme(name: str, title: str) -> str:
    """The theme a code cited by the title speaks for (``_CGCT_FINANCES``)."""
    if name == _CGCT and _CGCT_FINANCES.search(title):
        return "finances"
    return CODE_BY_NAME[name].theme
