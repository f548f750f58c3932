"""Measure the analysis against labelled issues (``shared/eval/README.md``), report in French.

Recall on ``must`` items, precision over ``must`` + ``no`` (``may`` counts neither right nor
wrong), selection rate, and main-theme accuracy on the retained ``must`` items; plus the list
of misses and false alarms, each with the reasons the engine gave, to be read by people.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from vigie.analysis.engine import analyse
from vigie.analysis.records import Decision, Item
from vigie.reference.natures import ministry_from_section, nature_from_title


@dataclass(frozen=True)
class Label:
    idtxt: str
    title: str
    section: str
    retained: str  # must | may | no
    scope: str
    departements: tuple[str, ...]
    themes: tuple[str, ...]
    nature: str = ""  # columns of the issue files (``shared/eval/issues``), when present
    ministry: str = ""
    jo_date: str = ""


@dataclass(frozen=True)
class Outcome:
    label: Label
    item: Item
    decision: Decision


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, retained: str, *, kept: bool | None = None) -> int:
        return sum(1 for o in self.outcomes if o.label.retained == retained
                   and (kept is None or o.decision.retained == kept))

    @property
    def recall(self) -> float:
        must = self._count("must")
        return self._count("must", kept=True) / must if must else 1.0

    @property
    def precision(self) -> float:
        kept_must, kept_no = self._count("must", kept=True), self._count("no", kept=True)
        return kept_must / (kept_must + kept_no) if kept_must + kept_no else 1.0

    @property
    def selection_rate(self) -> float:
        kept = sum(1 for o in self.outcomes if o.decision.retained)
        return kept / len(self.outcomes) if self.outcomes else 0.0

    @property
    def theme_accuracy(self) -> float:
        scored = [o for o in self.outcomes if o.label.retained == "must" and o.decision.retained]
        right = sum(1 for o in scored if o.decision.theme in o.label.themes)
        return right / len(scored) if scored else 1.0

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.label.retained == "must" and not o.decision.retained]

    @property
    def false_alarms(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.label.retained == "no" and o.decision.retained]

    @property
    def wrong_themes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.label.retained == "must" and o.decision.retained
                and o.label.themes and o.decision.theme not in o.label.themes]

    def render(self) -> str:
        """The report as French text for a terminal."""
        lines = [
            f"Évaluation sur {len(self.outcomes)} textes "
            f"({self._count('must')} à retenir, {self._count('may')} discutables, "
            f"{self._count('no')} à écarter)",
            f"  rappel (textes à retenir retenus) : {percent(self.recall)}",
            f"  précision (hors textes discutables) : {percent(self.precision)}",
            f"  taux de sélection : {percent(self.selection_rate)}",
            f"  thème principal juste : {percent(self.theme_accuracy)}",
        ]
        lines += _section("Oublis (à retenir, non retenus)", self.misses)
        lines += _section("Fausses alertes (à écarter, retenus)", self.false_alarms)
        lines += _section("Thème principal contesté", self.wrong_themes, themes=True)
        return "\n".join(lines)


def percent(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def _section(heading: str, outcomes: list[Outcome], *, themes: bool = False) -> list[str]:
    if not outcomes:
        return [f"{heading} : aucun"]
    lines = [f"{heading} : {len(outcomes)}"]
    for o in outcomes:
        lines.append(f"  - {o.label.idtxt} {o.item.title[:110]}")
        if themes:
            lines.append(f"      thème donné « {o.decision.theme} », attendu : "
                         f"{', '.join(o.label.themes)}")
        lines.append(f"      raisons : {' ; '.join(o.decision.reasons[:3])}")
    return lines


def read_labels(path: Path) -> list[Label]:
    """Rows of a labels CSV (idtxt,title,section,retained,scope,departements,themes)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"idtxt", "title", "section", "retained"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} : colonnes manquantes : {', '.join(sorted(missing))}")
        return [
            Label(
                idtxt=row["idtxt"].strip(), title=row["title"].strip(),
                section=row["section"].strip(), retained=row["retained"].strip(),
                scope=row.get("scope", "").strip(),
                departements=_split(row.get("departements", "")),
                themes=_split(row.get("themes", "")),
                nature=(row.get("nature") or "").strip(),
                ministry=(row.get("ministry") or "").strip(),
                jo_date=(row.get("jo_date") or "").strip(),
            )
            for row in reader
        ]


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def items_from_sommaire(path: Path) -> dict[str, Item]:
    """Items as a reader of the sommaire sees them, keyed by text id."""
    from vigie.parsing.dispatch import parse_member
    from vigie.parsing.model import ParsedSommaire

    sommaire = parse_member(path.name, path.read_bytes())
    if not isinstance(sommaire, ParsedSommaire):
        raise ValueError(f"{path} n'est pas un sommaire du Journal officiel")
    return {
        entry.text_id: sommaire_item(entry.title, entry.section, sommaire.date_publi)
        for entry in sommaire.entries
    }


def sommaire_item(title: str, section: Iterable[str], published: date | None = None) -> Item:
    """Title, section path, the ministry when the last level names one, nature from the title."""
    parts = tuple(section)
    return Item(title=title, section=" / ".join(parts), ministry=ministry_from_section(parts),
                nature=nature_from_title(title), date=published)


def label_item(label: Label) -> Item:
    """The item a labelled line describes: its title, section, nature and ministry (the
    columns of the line when present, else what the title and section say)."""
    parts = tuple(label.section.split(" / ")) if label.section else ()
    published = None
    if label.jo_date:
        with contextlib.suppress(ValueError):
            published = date.fromisoformat(label.jo_date[:10])
    item = sommaire_item(label.title, parts, published)
    return replace(item, nature=label.nature or item.nature,
                   ministry=label.ministry or item.ministry)


def evaluate(labels_path: Path, *, sommaire: Path | None = None) -> Report:
    """Analyse every labelled text (from the sommaire when given, else the CSV) and score."""
    labels = read_labels(labels_path)
    from_sommaire = items_from_sommaire(sommaire) if sommaire else {}
    report = Report()
    for label in labels:
        item = from_sommaire.get(label.idtxt) or label_item(label)
        report.outcomes.append(Outcome(label, item, analyse(item)))
    return report
