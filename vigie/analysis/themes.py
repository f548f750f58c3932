"""Themes and reader roles: which desk an item belongs to, and who should read it.

The main theme is what a text is about, learned from the labelled issues like selection: each
theme sums the learned weights of the item's features (title words and pairs, issuer, nature,
vocabulary, codes, territories) and the heaviest sum wins (ties go to the taxonomy order).
Words that only say whom a text addresses (« maire », « communes », « élus », « collectivités
territoriales ») take no part (``features.theme_values``), nor does the name of the ministry
that signs a text unless nothing else names a domain (``domains``); an overseas or electoral
word is one feature among others, not a verdict. Up to two secondary themes follow, those
their own model finds likely. Roles come from the themes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from vigie.analysis.feature_labels import label
from vigie.analysis.features import Features, theme_values
from vigie.analysis.normalize import fold
from vigie.analysis.weights import DOMAIN, Weights, shipped
from vigie.reference.taxonomy import THEMES, roles_for, theme_label

_ORDER = {slug: index for index, slug in enumerate(THEMES)}
_DEFAULT = "institutions"


@dataclass(frozen=True)
class Themes:
    theme: str
    secondary: tuple[str, ...]
    roles: tuple[str, ...]
    # The French reason, or what writes it when asked (``reason``): the engine only says it
    # for a retained text, one in eight; the others need not have it written.
    written: str | Callable[[], str] = field(compare=False, repr=False)

    @cached_property
    def reason(self) -> str:
        return self.written if isinstance(self.written, str) else self.written()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Themes) and (
            self.theme, self.secondary, self.roles, self.reason) == (
            other.theme, other.secondary, other.roles, other.reason)

    def __hash__(self) -> int:
        return hash((self.theme, self.secondary, self.roles, self.reason))


def classify(features: Features, *, weights: Weights | None = None) -> Themes:
    """Main theme, secondary themes and roles of an item, with a French reason."""
    weights = weights or shipped()
    values = _for_themes(features.values, weights)
    # The heaviest sum first, ties in the taxonomy's order (sorted as tuples, in C).
    ranked = sorted([(-total, _ORDER[slug], slug) for slug, total
                     in weights.theme_sums(values).items() if slug in _ORDER])
    if not ranked:
        return Themes(_DEFAULT, (), roles_for((_DEFAULT,)),
                      "thème par défaut : aucun poids de thème appris")
    main = ranked[0][2]
    # Each theme's sum is its own yes-or-no model (one against the rest): a secondary theme is
    # one that model says yes to, more likely than not.
    secondary = tuple(slug for minus, _, slug in ranked[1:] if minus < 0)[:2]
    return Themes(main, secondary, roles_for((main, *secondary)),
                  lambda: _reason(main, values, features, weights))


# Whether each model's theme weights are all on features ``theme_values`` keeps, as training
# gives them (by model, the last few read: cross-validation has one for each fold).
_KEEPS_ALL: dict[int, tuple[Weights, bool]] = {}


def _for_themes(values: dict[str, float], weights: Weights) -> dict[str, float]:
    """``theme_values(values)``, or ``values`` itself when the features it leaves out have no
    theme weight: then they add nothing to a theme's sum (``theme_sums`` passes over them,
    the others come in the same order) nor to its reason (``_reason`` reads the theme's
    weighed features and its vocabulary, no « domaine: » feature is left out), and the copy
    is not worth making."""
    known = _KEEPS_ALL.get(id(weights))
    if known is None or known[0] is not weights:
        if len(_KEEPS_ALL) >= 8:
            _KEEPS_ALL.clear()
        weighed = {name: 1.0 for name, row in weights.themes.items() if row}
        weighed[f"{DOMAIN}{_DEFAULT}"] = 1.0  # (each theme's own vocabulary weighs too)
        known = _KEEPS_ALL[id(weights)] = (weights, len(theme_values(weighed)) == len(weighed))
    return values if known[1] else theme_values(values)


def _reason(main: str, values: dict[str, float], features: Features, weights: Weights) -> str:
    """« thème « Finances … » : mot du titre « dotation », émetteur : « budget » »."""
    own = f"domaine:{main}"
    column = weights.theme_column(main)
    # A feature the theme does not weigh adds 0 and is never shown: only the others compete
    # (the same amounts, the same order among them).
    amounts = ((column.get(name, 0.0) * value
                + (weights.domain_weight * value if name == own else 0.0), name)
               for name, value in values.items() if name in column or name == own)
    # The three largest, as ``heapq.nlargest`` gives them (documented as this very sort; the
    # names differ, so no two pieces tie), sorted in C.
    pieces = sorted([piece for piece in amounts if piece[0] > 0], reverse=True)[:3]
    shown = []
    for _, name in pieces:
        shown.append(_as_written(weights.labels.get(name) or label(name),
                                 name, features.evidence.get(name)))
    if not shown:
        return f"thème « {theme_label(main)} » par défaut : aucun indice propre à un domaine"
    return f"thème « {theme_label(main)} » : " + ", ".join(shown)


def _as_written(text: str, name: str, found: str | None) -> str:
    """A feature's label with the word as the text wrote it: « émetteur : « intérieur » »,
    not the folded « interieur » the weights know (then « (« Intérieur ») » after it)."""
    if not found:
        return text
    folded = name.partition(":")[2]
    if folded and f"« {folded} »" in text and fold(found).startswith(folded):
        return text.replace(f"« {folded} »", f"« {found.lower()} »")
    return text if f"« {found.lower()} »" in text.lower() else f"{text} (« {found} »)"
