"""How well the territories read from a title agree with the labelled ones (``vigie eval``).

The labelled issues (``shared/eval``) give, for a local text, the départements its title names
(``departements``), and for every retained text whether its effect is local or national
(``scope``). Selection and themes are scored elsewhere (``evaluate``, ``learning.crossval``);
this scores the local answer: which départements' editions a text would reach. The
territories are read by rules, not learnt weights, so no fold is needed: every labelled text
is read as it is. A text is scored on the départements whose editions it goes to, or would go
to had selection kept it (selection's misses are scored elsewhere). A place read but not
labelled and a labelled one not read are told apart (too wide, too narrow, none read, other),
since a wrong département sends a text to readers it does not concern while a missing one only
hides it from those it does.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from vigie.analysis.engine import analyse, departements_of
from vigie.analysis.evaluate import Outcome, percent
from vigie.analysis.learning.dataset import Example
from vigie.analysis.weights import Weights, shipped

EXACT, WIDER, NARROWER, NONE, OTHER = "exacts", "trop larges", "trop étroits", "aucun lu", \
    "autres"
SHOWN = 40  # disagreements listed


@dataclass
class PlacesAgreement:
    """Counts of each kind of agreement, and the disagreements with what was read."""

    kinds: Counter[str] = field(default_factory=Counter)
    scopes: Counter[bool] = field(default_factory=Counter)  # retained texts: scope agreed?
    national_placed: int = 0  # labelled national, retained, yet sent to départements' editions
    wrong: list[tuple[str, Outcome, tuple[str, ...]]] = field(default_factory=list)
    scope_wrong: list[Outcome] = field(default_factory=list)  # retained, scope disagreed

    @property
    def labelled(self) -> int:
        return sum(self.kinds.values())

    @property
    def exact_share(self) -> float:
        return self.kinds[EXACT] / self.labelled if self.labelled else 1.0

    @property
    def scope_share(self) -> float:
        """Share of the retained texts (``must`` or ``may``) whose scope agrees with the label."""
        scoped = sum(self.scopes.values())
        return self.scopes[True] / scoped if scoped else 1.0

    def render(self) -> str:
        """The agreement in French, then the disagreements (a few)."""
        counts = ", ".join(f"{self.kinds[kind]} {kind}" for kind in
                           (EXACT, WIDER, NARROWER, NONE, OTHER))
        scoped = sum(self.scopes.values())
        lines = [f"Territoires lus dans les titres : {self.labelled} textes annotés avec leurs "
                 f"départements, {percent(self.exact_share)} exacts ({counts})",
                 f"Portée (locale ou nationale) des textes à retenir ou discutables : "
                 f"{self.scopes[True]} sur {scoped} comme l'annotation ; {self.national_placed} "
                 "texte(s) national(aux) envoyé(s) aux éditions de départements"]
        for kind, outcome, read in self.wrong[:SHOWN]:
            lines.append(f"  - {kind} : {outcome.label.idtxt} {outcome.item.title[:100]}")
            lines.append(f"      attendus : {', '.join(outcome.label.departements)} ; lus : "
                         f"{', '.join(read) or 'aucun'}")
        if len(self.wrong) > SHOWN:
            lines.append(f"  … et {len(self.wrong) - SHOWN} autre(s)")
        if self.scope_wrong:
            lines.append("Portées autres que celle de l'annotation :")
        for outcome in self.scope_wrong[:SHOWN]:
            lines.append(f"  - {outcome.label.scope} attendue, {outcome.decision.scope} lue : "
                         f"{outcome.label.idtxt} {outcome.item.title[:100]}")
        if len(self.scope_wrong) > SHOWN:
            lines.append(f"  … et {len(self.scope_wrong) - SHOWN} autre(s)")
        return "\n".join(lines)


def read_all(examples: Iterable[Example]) -> PlacesAgreement:
    """The agreement over labelled examples, each sommaire line analysed whole (the shipped
    weights decide the scope; the territories owe them nothing)."""
    return agreement(Outcome(example.label, example.item, analyse(example.item))
                     for example in examples)


def agreement(outcomes: Iterable[Outcome]) -> PlacesAgreement:
    """Score the départements read (whatever the selection decided) against the labels."""
    result = PlacesAgreement()
    for outcome in outcomes:
        label, decision = outcome.label, outcome.decision
        # Scope is scored on the texts both kept: a text not kept is selection's miss.
        if (label.retained in ("must", "may") and decision.retained
                and label.scope in ("local", "national")):
            local = decision.scope == "local"
            result.scopes[local == (label.scope == "local")] += 1
            if local != (label.scope == "local"):
                result.scope_wrong.append(outcome)
            result.national_placed += label.scope == "national" and local
        if not label.departements:
            continue
        read = _routed(outcome)
        kind = _kind(set(label.departements), set(read))
        result.kinds[kind] += 1
        if kind != EXACT:
            result.wrong.append((kind, outcome, read))
    return result


def _routed(outcome: Outcome) -> tuple[str, ...]:
    """The départements whose editions the text goes to, or would go to if kept: analysed
    again with a threshold every sum reaches (a form of act that excludes it still does; then
    the places read in it)."""
    decision = outcome.decision
    if not decision.retained:
        decision = analyse(outcome.item, weights=_keep_all())
    return decision.departements if decision.retained else departements_of(
        decision.territories)


@lru_cache(maxsize=1)
def _keep_all() -> Weights:
    return replace(shipped(), threshold=-math.inf)


def _kind(expected: set[str], read: set[str]) -> str:
    if read == expected:
        return EXACT
    if not read:
        return NONE
    if read > expected:
        return WIDER
    return NARROWER if read < expected else OTHER
