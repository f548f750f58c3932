"""Processor time of the analysis engine per text, beside a baseline measured in the same run.

Run: ``python bench/engine.py [--rounds 5] [--dump decisions.jsonl] [--items more.pickle]``.
The texts are those the engine meets: every line of the labelled issues (``shared/eval``),
alone and with its full text when the corpus holds it, every JORF text of the shared corpus
(sommaire lines and full texts), and the test fixtures (the bench delivery repeats three of
them). The baseline is the least any analysis must do: lower-case each text and cut it into
words with a regular expression. Each round reads every text as for the first time
(``cold``: the caches of titles, lines and short parts emptied), as an ingest does. The
ratio (engine time ÷ baseline time) stays comparable from one machine to another; compare
trees by running this script under each of them in turn (``PYTHONPATH=<tree>``), several
times, alternated. ``--dump`` writes every decision (``Decision.to_json``, keys sorted, one
line per text) to compare two trees' decisions byte for byte; ``--items`` adds the items of
a pickled list (for instance those of a database, as ``analysis.store.item_for`` builds
them). Prints figures only.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import pickle
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

if not os.environ.get("PYTHONPATH"):  # this tree, unless PYTHONPATH names the one to measure
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vigie.analysis.engine import analyse  # noqa: E402
from vigie.analysis.learning.dataset import SHARED, MissingLabels, default_files, load  # noqa: E402
from vigie.analysis.records import Item  # noqa: E402
from vigie.reference.geography import load_geo  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
TODAY = date(2026, 10, 14)  # urgency depends on the day: one fixed day for every run
_WORD = re.compile(r"\w+")


def labelled_items() -> tuple[list[Item], list[Item]]:
    """Sommaire lines of the labelled issues, and the full texts the corpus holds of them."""
    try:
        examples = load(default_files())
    except MissingLabels:
        return [], []
    return [e.item for e in examples], [e.full for e in examples if e.full is not None]


def corpus_items() -> list[Item]:
    """Every JORF text of the corpus and of the fixtures, and every sommaire entry."""
    from vigie.analysis.evaluate import sommaire_item
    from vigie.parsing.dispatch import parse_member
    from vigie.parsing.model import ParsedSommaire, ParsedText

    items: list[Item] = []
    paths = sorted((SHARED / "corpus" / "jorf").rglob("*.xml")) + sorted(
        (FIXTURES / "global").rglob("*.xml"))
    for path in paths:
        try:
            parsed = parse_member(path.name, path.read_bytes())
        except Exception:  # noqa: BLE001 - an article or a section alone is no text
            continue
        if isinstance(parsed, ParsedText):
            items.append(Item.from_parsed(parsed))
        elif isinstance(parsed, ParsedSommaire):
            items += [sommaire_item(e.title, e.section, parsed.date_publi)
                      for e in parsed.entries]
    holdout = FIXTURES / "holdout_titles.jsonl"
    items += [Item.from_json(json.loads(line)) for line in holdout.read_text().splitlines()
              if line.strip()]
    return items


def cold() -> None:
    """Forget what an earlier round read of whole titles, lines and texts, as a process that
    meets these texts for the first time: each text of an ingest is analysed once. What is
    read word by word (stems, folded words) stays known, as in a process that has read a
    few texts already, and so do the reference tables (geography, weights)."""
    for found in gc.get_objects():
        if (isinstance(found, functools._lru_cache_wrapper)
                and getattr(found, "__module__", "").startswith("vigie.analysis.")
                and found.__name__ not in _WORD_CACHES
                and found.cache_parameters()["maxsize"] != 1):
            found.cache_clear()


_WORD_CACHES = {"stem", "_words"}  # one word each: a process knows them after a few texts


def cpu(work: Callable[[], object]) -> float:
    cold()
    start = time.process_time()
    work()
    return time.process_time() - start


def baseline(items: Sequence[Item]) -> None:
    for item in items:
        _WORD.findall((item.title + "\n" + item.text).lower())


def measure(label: str, items: Sequence[Item], rounds: int) -> None:
    if not items:
        return
    engine = min(cpu(lambda: [analyse(i, today=TODAY) for i in items]) for _ in range(rounds))
    base = min(cpu(lambda: baseline(items)) for _ in range(rounds))
    print(f"{label:<40} {len(items):>6} textes  {1000 * engine / len(items):>8.3f} ms/texte "
          f"(processeur)  baseline {1000 * base / len(items):>7.3f} ms  "
          f"ratio {engine / base:>7.1f}×")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--items", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    load_geo()
    lines, full = labelled_items()
    corpus = corpus_items()
    extra = [item for path in args.items for item in pickle.loads(path.read_bytes())]
    every = lines + full + corpus + extra
    if args.dump:
        with args.dump.open("w") as out:
            for item in every:
                out.write(json.dumps(analyse(item, today=TODAY).to_json(), sort_keys=True,
                                     ensure_ascii=False) + "\n")
    analyse(every[0], today=TODAY)  # caches of the first call out of the measure
    measure("lignes de sommaire annotées", lines, args.rounds)
    measure("textes intégraux annotés", full, args.rounds)
    measure("corpus et fixtures", corpus + extra, args.rounds)
    measure("tout", every, args.rounds)


if __name__ == "__main__":
    main()
