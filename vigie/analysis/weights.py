"""The learned weights: read from the versioned file shipped with the package, summed at run time.

``weights.json`` (written by ``vigie train``) holds, for selection, a bias, a weight per
feature and the threshold chosen for the policy (« dans le doute, on retient »), and for themes
a bias and weights per theme; every feature carries its French label. A decision is a plain
sum of the weights of the features an item shows: no library is needed to decide, and every
piece of the sum can be shown to the reader.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
FORMAT = 1
DOMAIN = "domaine:"


class WeightsError(ValueError):
    """A weights file that cannot be read; the message is French, for people."""


@dataclass(frozen=True)
class Weights:
    version: str
    threshold: float  # retained when bias + Σ weight × value ≥ threshold
    bias: float
    selection: dict[str, float]
    theme_bias: dict[str, float]
    themes: dict[str, dict[str, float]]  # feature → theme → weight
    labels: dict[str, str] = field(default_factory=dict)  # feature → French label
    # One weight shared by every theme for its own vocabulary (« domaine:finances » for
    # finances): a theme the labelled issues rarely show still follows its words.
    domain_weight: float = 0.0

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """What each feature of an item adds to the selection sum (weights it lacks: none)."""
        weights = self.selection
        return {name: weight * value for name, value in values.items()
                if (weight := weights.get(name)) is not None}

    def margin(self, contributions: dict[str, float]) -> float:
        """The selection sum of an item's ``contributions`` minus the threshold: ≥ 0 exactly
        when retained (the contributions are asked once, for the reasons too)."""
        return self.bias + sum(contributions.values()) - self.threshold

    def theme_sums(self, values: dict[str, float]) -> dict[str, float]:
        """The sum of each theme, bias included."""
        themes, indexed = self._theme_index
        sums = list(self.theme_bias.values())  # a list read by position: no key to hash
        unseen: dict[str, float] = {}  # themes no labelled text had, in order of first sight
        rows = self._theme_rows
        for name, value in values.items():
            row = rows.get(name)
            if row is None:
                if not (self.domain_weight and name.startswith(DOMAIN)):
                    continue
                row = ((), ((name[len(DOMAIN):], self.domain_weight),))
            biased, other = row
            if value == 1.0:  # most features: weight × 1.0 is the weight itself
                for position, weight in biased:  # in the order of ``values``: the same floats
                    sums[position] += weight
            else:
                for position, weight in biased:
                    sums[position] += weight * value
            for theme, weight in other:
                position = indexed.get(theme)
                if position is not None:
                    sums[position] += weight * value
                else:
                    unseen[theme] = unseen.get(theme, self._unseen) + weight * value
        totals = dict(zip(themes, sums, strict=True))
        totals.update(unseen)
        return totals

    @cached_property
    def _unseen(self) -> float:
        return min(self.theme_bias.values(), default=0.0)

    def theme_column(self, theme: str) -> dict[str, float]:
        """Each feature's weight for ``theme``, for the features that have one."""
        return self._theme_columns.get(theme, {})

    @cached_property
    def _theme_columns(self) -> dict[str, dict[str, float]]:
        columns: dict[str, dict[str, float]] = {}
        for name, row in self.themes.items():
            for theme, weight in row.items():
                columns.setdefault(theme, {})[name] = weight
        return columns

    @cached_property
    def _theme_index(self) -> tuple[tuple[str, ...], dict[str, int]]:
        """The themes with a bias, in order, and each one's position among them."""
        themes = tuple(self.theme_bias)
        return themes, {theme: position for position, theme in enumerate(themes)}

    @cached_property
    def _theme_rows(self) -> dict[str, tuple[tuple[tuple[Any, float], ...], ...]]:
        """Each weighed feature's pairs, its domain weight last (as ``theme_sums`` adds
        them), built once: read for every feature of every text. The pairs of themes with a
        bias come apart, as (position of the theme in ``theme_bias``, weight), from the
        others, (theme, weight), whose sum may have to start (a theme's sum only depends on
        the order of its own pairs)."""
        indexed = self._theme_index[1]
        rows: dict[str, tuple[tuple[tuple[Any, float], ...], ...]] = {}
        for name, row in self.themes.items():
            pairs = list(row.items())
            if self.domain_weight and name.startswith(DOMAIN):
                pairs.append((name[len(DOMAIN):], self.domain_weight))
            if pairs:
                rows[name] = (tuple((indexed[t], w) for t, w in pairs if t in indexed),
                              tuple((t, w) for t, w in pairs if t not in indexed))
        return rows


def probability(margin: float) -> float:
    """0..1 from a margin; one half or more exactly when retained."""
    if margin < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-margin))


def from_json(data: dict[str, Any]) -> Weights:
    """Weights from the file's content; ``WeightsError`` when it is not a weights file."""
    try:
        if data["format"] != FORMAT:
            raise WeightsError(f"format de poids {data['format']} inconnu (attendu : {FORMAT})")
        selection, themes = data["selection"], data["themes"]
        return Weights(
            version=str(data["version"]), threshold=float(selection["threshold"]),
            bias=float(selection["bias"]),
            selection={k: float(v) for k, v in selection["weights"].items()},
            theme_bias={k: float(v) for k, v in themes["bias"].items()},
            themes={k: {t: float(w) for t, w in v.items()} for k, v in themes["weights"].items()},
            labels=dict(data.get("labels", {})),
            domain_weight=float(themes.get("domain_weight", 0.0)),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise WeightsError(f"fichier de poids incomplet : {error}") from None


def read(path: Path) -> Weights:
    try:
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as error:
        raise WeightsError(f"fichier de poids illisible {path} : {error}") from None


@lru_cache(maxsize=1)
def shipped() -> Weights:
    """The weights shipped with the package (read once per process)."""
    return read(WEIGHTS_FILE)


def render(data: dict[str, Any]) -> str:
    """The file's text: sorted keys, one feature per line, so that diffs read as reasons."""
    return _render(data, 0) + "\n"


def _render(value: Any, depth: int) -> str:
    """Nested objects one key a line down to the features; a feature's own object (its
    weight by theme) stays on its line."""
    if not isinstance(value, dict) or depth >= 3 or not value:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    inner = " " * (depth + 1)
    lines = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_render(value[key], depth + 1)}"
             for key in sorted(value)]
    return "{\n" + ",\n".join(lines) + "\n" + " " * depth + "}"
