"""The labelled examples: one per line of the labelled files, grouped by Journal officiel issue.

The default files are those of ``shared/eval`` (``labels_jorf_0192.csv`` and every
``issues/labels_*.csv``); more files in the same columns can be added (editors' corrections).
An example is the sommaire line as a reader sees it, and also the full text when the shared
corpus holds it (``corpus/jorf/**/*JORFTEXT…xml``), for the « texte intégral » measures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from vigie.analysis.engine import item_features
from vigie.analysis.evaluate import Label, label_item, read_labels
from vigie.analysis.features import Features
from vigie.analysis.records import Item
from vigie.analysis.selection import Signal

# shared/ beside the repository (a worktree or a clone: ../shared).
SHARED = Path(__file__).resolve().parents[3].parent / "shared"
_TEXT_ID = re.compile(r"JORFTEXT\d{12}")


class MissingLabels(FileNotFoundError):
    """No labelled file where expected; the message is French, for people."""


@dataclass(frozen=True)
class Example:
    issue: str  # the JO date, else the file's name: the unit of cross-validation
    label: Label
    item: Item  # the sommaire line
    full: Item | None = None  # the same text with its full text, when the corpus has it

    @cached_property
    def read(self) -> tuple[Features, tuple[Signal, ...]]:
        """The features of the sommaire line, with the policy's evidence they sum up."""
        return item_features(self.item)

    @cached_property
    def read_full(self) -> tuple[Features, tuple[Signal, ...]]:
        return item_features(self.full) if self.full else self.read

    @property
    def features(self) -> Features:
        return self.read[0]


def default_files(shared: Path = SHARED) -> list[Path]:
    """The labelled files of ``shared/eval``, or ``MissingLabels`` with a French message."""
    root = shared / "eval"
    files = [root / "labels_jorf_0192.csv", *sorted((root / "issues").glob("labels_*.csv"))]
    files = [path for path in files if path.exists()]
    if not files:
        raise MissingLabels(
            f"aucun fichier annoté trouvé dans {root} (labels_jorf_0192.csv, "
            "issues/labels_*.csv) : le dossier partagé ../shared est absent ; indiquez des "
            "fichiers avec --labels")
    return files


def load(paths: Iterable[Path], *, corpus: Path | None = None) -> list[Example]:
    """Examples of every labelled file, with full texts from ``corpus`` when found there."""
    root = corpus if corpus is not None else SHARED / "corpus" / "jorf"
    texts, titles = full_texts(root), sommaire_titles(root)
    examples: list[Example] = []
    for path in paths:
        if not path.exists():
            raise MissingLabels(f"fichier annoté introuvable : {path}")
        for label in read_labels(path):
            item = label_item(_whole_title(label, titles))
            full = texts.get(label.idtxt)
            if full is not None:
                full = replace(full, section=item.section, ministry=full.ministry
                               or item.ministry, nature=full.nature or item.nature)
            examples.append(Example(label.jo_date or path.stem, label, item, full))
    return examples


def _whole_title(label: Label, titles: dict[str, str]) -> Label:
    """The label with its title as the sommaire prints it, when the labelled file cut it short
    (``labels_jorf_0192.csv`` keeps the first 120 characters of a title, where the places of
    a long one are often named) and the corpus holds that sommaire."""
    whole = titles.get(label.idtxt, "")
    if len(whole) > len(label.title) and whole.startswith(label.title):
        return replace(label, title=whole)
    return label


def sommaire_titles(corpus: Path) -> dict[str, str]:
    """The title of every text the sommaires of the corpus list, by JORFTEXT id."""
    from vigie.parsing.dispatch import parse_member
    from vigie.parsing.model import ParsedSommaire

    found: dict[str, str] = {}
    if not corpus.is_dir():
        return found
    for path in sorted(corpus.rglob("*JORFCONT*.xml")):
        try:
            parsed = parse_member(path.name, path.read_bytes())
        except Exception:  # noqa: BLE001 - a file of another format lists no title
            continue
        if isinstance(parsed, ParsedSommaire):
            found.update((entry.text_id, entry.title) for entry in parsed.entries)
    return found


def full_texts(corpus: Path) -> dict[str, Item]:
    """Items with full text of the corpus, by JORFTEXT id (only texts with articles)."""
    from vigie.parsing.dispatch import parse_member
    from vigie.parsing.model import ParsedText

    found: dict[str, Item] = {}
    if not corpus.is_dir():
        return found
    for path in sorted(corpus.rglob("*.xml")):
        match = _TEXT_ID.search(path.name)
        if not match or "sommaire" in path.name:
            continue
        try:
            parsed = parse_member(path.name, path.read_bytes())
        except Exception:  # noqa: BLE001 - a file of another format is no full text
            continue
        if isinstance(parsed, ParsedText) and parsed.articles:
            found[match.group(0)] = Item.from_parsed(parsed)
    return found


def issues(examples: Sequence[Example]) -> list[str]:
    """The issues, in a stable order (the unit left out by cross-validation)."""
    return sorted({example.issue for example in examples})
