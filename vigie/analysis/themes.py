"""Themes and reader roles: which desk an item belongs to, and who should read it.

Each theme gathers the weight of its vocabulary, more in the title than in the notice, more in
the notice than in the text, plus priors from the issuer (ministry or body), the NOR direction,
the codes cited and the territories (all overseas → outre-mer). The main theme is the heaviest
(ties go to the taxonomy order); up to two secondary themes follow when they weigh at least
a third of it. Roles come from the themes (``taxonomy.ROLE_THEMES``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from vigie.analysis.evidence import CODE_BY_NAME, TERMS, Evidence, Source
from vigie.analysis.lexicon import NOR_DIRECTIONS
from vigie.analysis.records import Item
from vigie.reference.taxonomy import THEMES, roles_for, theme_label

# How much one occurrence weighs, per part of the item (title words are chosen, text words
# are many), and how many occurrences of a term count in long parts.
_PART_WEIGHTS = (("title", 3.0, 1), ("notice", 2.0, 2), ("publics", 1.0, 1),
                 ("authority", 1.0, 1), ("cited", 1.0, 1), ("text", 0.5, 3))
_CODE_WEIGHT = 2.0
_ALSO_SHARE = 0.5  # a term's second theme (``Term.also``) counts for half
_SECONDARY_SHARE = 0.35
_SECONDARY_MIN = 2.0
_ORDER = {slug: index for index, slug in enumerate(THEMES)}
_OVERSEAS_PREFIXES = ("97", "98")


@dataclass(frozen=True)
class Themes:
    theme: str
    secondary: tuple[str, ...]
    roles: tuple[str, ...]
    reason: str


def classify(item: Item, evidence: Evidence, *, departements: Iterable[str] = (),
             nominative: bool = False, constitutional: bool = False) -> Themes:
    """Main theme, secondary themes and roles of an item, with a French reason."""
    scores: Counter[str] = Counter()
    cited_words: dict[str, list[str]] = {}
    for part, factor, cap in _PART_WEIGHTS:
        _add_source(getattr(evidence, part), factor, cap, scores, cited_words)
    if evidence.fpt_grade:  # a grade of the FPT in the title: a text for the HR desk
        scores["rh"] += 9.0
        cited_words.setdefault("rh", []).append(evidence.fpt_grade)
    direction = NOR_DIRECTIONS.get(item.nor.strip()[:4].upper())
    if direction:
        scores[direction.theme] += 3.0
        cited_words.setdefault(direction.theme, []).append(f"NOR {item.nor.strip()[:4]}")
    codes = set(departements)
    if codes and all(code.startswith(_OVERSEAS_PREFIXES) for code in codes):
        scores["outre_mer"] += 4.0
        cited_words.setdefault("outre_mer", []).append("territoires d'outre-mer")
    if not scores and (nominative or constitutional):
        scores["institutions"] += 1.0  # State officials and constitutional review
    return _rank(scores, cited_words)


def _add_source(source: Source, factor: float, cap: int, scores: Counter[str],
                cited_words: dict[str, list[str]]) -> None:
    for key, count in source.terms.items():
        term = TERMS[key]
        scores[term.theme] += term.weight * factor * min(count, cap)
        cited_words.setdefault(term.theme, []).append(source.surface(key))
        if term.also:
            scores[term.also] += _ALSO_SHARE * term.weight * factor * min(count, cap)
            cited_words.setdefault(term.also, []).append(source.surface(key))
    for name, count in source.codes.items():
        code = CODE_BY_NAME[name]
        scores[code.theme] += _CODE_WEIGHT * factor * min(count, cap)
        cited_words.setdefault(code.theme, []).append(name)


def _rank(scores: Counter[str], cited_words: dict[str, list[str]]) -> Themes:
    if not scores:
        return Themes("institutions", (), roles_for(("institutions",)),
                      "thème par défaut : aucun vocabulaire thématique reconnu")
    ranked = sorted(scores, key=lambda slug: (-scores[slug], _ORDER.get(slug, 99)))
    main = ranked[0]
    floor = max(_SECONDARY_MIN, _SECONDARY_SHARE * scores[main])
    secondary = tuple(slug for slug in ranked[1:] if scores[slug] >= floor)[:2]
    words = list(dict.fromkeys(cited_words.get(main, [])))[:3]
    if not words:
        reason = f"thème « {theme_label(main)} » par défaut : aucun mot du domaine dans le titre"
    else:
        reason = f"thème « {theme_label(main)} » : " + ", ".join(f"« {w} »" for w in words)
    return Themes(main, secondary, roles_for((main, *secondary)), reason)
