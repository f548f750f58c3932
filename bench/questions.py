"""Speed of the Parliament analysis (``analysis.questions``) beside a baseline of the same run.

Run: ``python bench/questions.py [--questions 2000]``. The questions are the real samples of
``../shared/corpus/parlement/`` (the project's fixtures and the demo's when absent), parsed
once and repeated up to N. The baseline is the least any analysis must do: lower-case the
question and answer texts and cut them into words with a regular expression. The ratio says
how many baselines one decision costs (selection, essentials, themes, territories), which
stays comparable from one machine to another. Prints figures only.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vigie.analysis.questions import QUESTION, ParliamentItem, analyse_parliament  # noqa: E402
from vigie.parsing.parlement_dispatch import parse_parlement_member  # noqa: E402
from vigie.parsing.parlement_model import ParsedQuestion  # noqa: E402
from vigie.reference.geography import load_geo  # noqa: E402

FOLDERS = (REPO.parent / "shared" / "corpus" / "parlement",
           REPO / "tests" / "fixtures" / "parlement", REPO / "vigie" / "demo" / "sample" /
           "parlement")
_WORD = re.compile(r"\w+")


def questions() -> list[ParliamentItem]:
    """Every question of the first folder that has some, as the analysis reads it."""
    for folder in FOLDERS:
        found = []
        for path in sorted(folder.glob("*")) if folder.exists() else ():
            if path.suffix not in (".json", ".xml", ".sql"):
                continue
            found += [_item(r) for r in parse_parlement_member(path.name, path.read_bytes())
                      if isinstance(r, ParsedQuestion)]
        if found:
            return found
    raise SystemExit("aucune question trouvée dans les échantillons")


def _item(question: ParsedQuestion) -> ParliamentItem:
    answer = question.answers[-1] if question.answers else None
    return ParliamentItem(
        uid=question.id, kind=QUESTION, title=question.title, chamber=question.chamber,
        section=question.rubrique, heading=question.heading, keywords=question.keywords,
        ministry=(answer.ministry if answer else "") or question.ministry_asked,
        ministry_asked=question.ministry_asked, question=question.text,
        answer=answer.text if answer else "", answered=answer is not None,
        author=question.author.name)


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def baseline(texts: list[str]) -> None:
    for text in texts:
        _WORD.findall(text.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    load_geo()
    samples = questions()
    items = (samples * (args.questions // len(samples) + 1))[:args.questions]
    texts = [f"{i.title}\n{i.question}\n{i.answer}" for i in items]
    seconds = best_of(3, lambda: [analyse_parliament(i) for i in items])
    base = best_of(3, lambda: baseline(texts))
    print(f"{len(samples)} questions d'échantillon, répétées jusqu'à {len(items)}")
    print(f"analyse des questions {len(items) / seconds:>10.1f} questions/s   baseline "
          f"{len(items) / base:>12.1f} questions/s   ratio {seconds / base:>8.1f}×")


if __name__ == "__main__":
    main()
