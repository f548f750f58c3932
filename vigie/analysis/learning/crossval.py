"""Leave-one-issue-out cross-validation: train on all issues but one, measure on that one.

For each issue, weights are learned from the others (threshold included) and every text of
the left-out issue is decided with them by the engine's own selection and theme functions. The
figures (recall on ``must``, precision over ``must`` + ``no``, main theme, selection rate)
are given per issue and overall, from the sommaire line alone and with the full text where
the shared corpus holds it; misses and false alarms are listed with their reasons.

Each fold's threshold is chosen on its own training issues, and a small change of features
moves it: two or three texts near it change sides, whatever the change. So the report also
gives the false alarms left when every fold's threshold is moved by the same amount until a
given number of ``must`` texts is missed (the margins of all folds pooled): a measure of how
well texts are ranked that this jitter moves less (``false_alarms_at``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from vigie.analysis.evaluate import Outcome, Report, percent
from vigie.analysis.features import Features
from vigie.analysis.learning.dataset import Example, issues
from vigie.analysis.learning.training import train
from vigie.analysis.records import Decision
from vigie.analysis.selection import Signal, assess
from vigie.analysis.themes import classify
from vigie.analysis.weights import Weights, from_json

LINE, FULL = "ligne du sommaire", "texte intégral quand il existe"
# Numbers of ``must`` texts missed at which pooled false alarms are shown (the recall floor,
# 0.975 of 135 texts, allows 3).
MISSES_SHOWN = (3, 4, 5)


@dataclass
class Fold:
    issue: str
    line: Report = field(default_factory=Report)
    full: Report = field(default_factory=Report)
    # (label, selection sum minus threshold) of each sommaire line; -inf when the form of the
    # act excludes it whatever its sum
    margins: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class CrossValidation:
    folds: list[Fold] = field(default_factory=list)
    inner_split: int = 0  # the partition of each fold's training issues (``inner_order``)

    def overall(self, mode: str = LINE) -> Report:
        report = Report()
        for fold in self.folds:
            report.outcomes += (fold.line if mode == LINE else fold.full).outcomes
        return report

    def worst(self, mode: str = LINE) -> Fold:
        """The fold with the lowest recall, then the lowest precision."""
        return min(self.folds, key=lambda f: (_report(f, mode).recall,
                                              _report(f, mode).precision))

    def false_alarms_at(self, misses: int) -> int:
        """False alarms (sommaire line) when every fold's threshold moves by the same amount
        until ``misses`` ``must`` texts fall under it."""
        pooled = [pair for fold in self.folds for pair in fold.margins]
        musts = sorted(margin for retained, margin in pooled if retained == "must")
        if not musts:
            return 0
        cut = musts[min(misses, len(musts) - 1)]
        return sum(1 for retained, margin in pooled if retained == "no" and margin >= cut)

    def render(self, *, themes: bool = False) -> str:
        """The figures per issue and overall, then misses and false alarms, in French; with
        ``themes``, the retained texts whose main theme is not the labelled one too."""
        lines = [f"Validation croisée : {len(self.folds)} numéros, chacun mesuré avec des "
                 "poids appris sur les autres"]
        if self.inner_split:
            lines.append(f"Plis internes (choix du seuil) : numéros d'apprentissage mélangés "
                         f"(partage {self.inner_split}) au lieu de l'ordre des dates")
        for mode in (LINE, FULL):
            lines += ["", f"== {mode[:1].upper() + mode[1:]} ==", _ROW.format(
                "numéro", "textes", "rappel", "précision", "thème", "sélection")]
            lines += [_row(fold.issue, _report(fold, mode)) for fold in self.folds]
            lines.append(_row("ensemble", self.overall(mode)))
        overall = self.overall(LINE)
        lines += ["", "Fausses alertes quand les seuils de tous les numéros sont déplacés "
                  "d'autant jusqu'à N oublis (ligne du sommaire) : " + " ; ".join(
                      f"{misses} oublis : {self.false_alarms_at(misses)}"
                      for misses in MISSES_SHOWN)]
        lines += ["", *_listing("Oublis (à retenir, non retenus)", overall.misses),
                  *_listing("Fausses alertes (à écarter, retenus)", overall.false_alarms)]
        if themes:
            lines += _theme_listing(overall.wrong_themes)
        return "\n".join(lines)


_ROW = "{:<20} {:>6} {:>9} {:>10} {:>8} {:>10}"


def _report(fold: Fold, mode: str) -> Report:
    return fold.line if mode == LINE else fold.full


def _row(name: str, report: Report) -> str:
    return _ROW.format(name, len(report.outcomes), percent(report.recall),
                       percent(report.precision), percent(report.theme_accuracy),
                       percent(report.selection_rate))


def _listing(heading: str, outcomes: list[Outcome]) -> list[str]:
    lines = [f"{heading} : {len(outcomes) or 'aucun'}"]
    for outcome in outcomes:
        lines.append(f"  - {outcome.label.jo_date or '0192'} {outcome.label.idtxt} "
                     f"{outcome.item.title[:100]}")
        lines.append(f"      raisons : {' ; '.join(outcome.decision.reasons[:3])}")
    return lines


def _theme_listing(outcomes: list[Outcome]) -> list[str]:
    """The retained ``must`` texts whose main theme is not among the labelled ones: the theme
    given, the themes expected and the reason of the theme given (what to read before changing
    the lexicon or the features)."""
    lines = ["", f"Thème principal contesté (à retenir, retenus) : {len(outcomes) or 'aucun'}"]
    for outcome in outcomes:
        reason = next((r for r in outcome.decision.reasons if r.startswith("thème ")), "")
        lines += [f"  - {outcome.label.jo_date or '0192'} {outcome.label.idtxt} "
                  f"{outcome.item.title[:100]}",
                  f"      thème donné « {outcome.decision.theme} », attendu : "
                  f"{', '.join(outcome.label.themes)}",
                  f"      {reason or 'raison du thème inconnue'}"]
    return lines


def decide(features: Features, signals: tuple[Signal, ...], weights: Weights) -> Decision:
    """The engine's selection and theme for features read once (``engine.item_features``):
    the same functions ``analyse`` calls, without the territories, dates and summaries that
    the figures do not score."""
    return _decide(features, signals, weights)[0]


def _decide(features: Features, signals: tuple[Signal, ...],
            weights: Weights) -> tuple[Decision, float]:
    """``decide``, with the selection sum minus the threshold (-inf for an excluded form)."""
    selection = assess(features, signals, weights=weights)
    themes = classify(features, weights=weights)
    margin = -math.inf if features.structure.veto else selection.margin
    # The theme's reason follows the selection's for a retained text, as ``engine.analyse``
    # gives it (the contested themes' listing shows it).
    reasons = (*selection.reasons, themes.reason) if selection.retained else selection.reasons
    return Decision(retained=selection.retained, scope="national" if selection.retained
                    else "no", score=selection.score, reasons=reasons,
                    theme=themes.theme, themes=themes.secondary, roles=themes.roles), margin


def cross_validate(examples: Sequence[Example],
                   progress: Callable[[str], None] | None = None, *,
                   inner_split: int = 0) -> CrossValidation:
    """Leave each issue out in turn; decisions by the engine with that fold's weights
    (``inner_split``: how its training issues are dealt into inner folds, ``inner_order``)."""
    result = CrossValidation(inner_split=inner_split)
    for issue in issues(examples):
        if progress:
            progress(issue)
        weights = from_json(train([e for e in examples if e.issue != issue],
                                  split=inner_split))
        fold = Fold(issue)
        for example in (e for e in examples if e.issue == issue):
            decision, margin = _decide(*example.read, weights)
            line = Outcome(example.label, example.item, decision)
            fold.line.outcomes.append(line)
            fold.margins.append((example.label.retained, margin))
            fold.full.outcomes.append(line if example.full is None else Outcome(
                example.label, example.full, decide(*example.read_full, weights)))
        result.folds.append(fold)
    return result
