"""Speed of the analysis stage, each figure beside a baseline measured in the same run.

Run: ``python bench/analyse.py``. The baseline is the least any analysis must do: lower-case
the same text and cut it into words with a regular expression. Ratios say how many baselines
one analysis costs, which stays comparable from one machine to another. Prints figures only.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vigie.analysis.engine import analyse  # noqa: E402
from vigie.analysis.evaluate import sommaire_item  # noqa: E402
from vigie.analysis.records import Item  # noqa: E402
from vigie.analysis.territories import find_territories  # noqa: E402
from vigie.reference.geography import load_geo  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus" / "jorf"
SOMMAIRE = SHARED / "jorfsimple" / "france-transparence" / "jorf_sommaire_JORFCONT000054706874.xml"
CATNAT = SHARED / "jorfsimple" / "mon-sinistre" / "JORFTEXT000053398028.xml"
_WORD = re.compile(r"\w+")


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest run: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(texts: Sequence[str]) -> None:
    for text in texts:
        _WORD.findall(text.lower())


def sommaire_items() -> list[Item]:
    if SOMMAIRE.exists():
        from vigie.parsing.dispatch import parse_member

        sommaire = parse_member(SOMMAIRE.name, SOMMAIRE.read_bytes())
        return [sommaire_item(e.title, e.section, sommaire.date_publi) for e in sommaire.entries]
    return [sommaire_item(f"Décret n° 2026-{n} du 1er septembre 2026 relatif aux communes",
                          ("Décrets, arrêtés, circulaires", "Textes généraux",
                           "Ministère de l'intérieur")) for n in range(83)]


def full_text_items() -> list[Item]:
    if SHARED.exists():
        from vigie.parsing.dispatch import parse_member
        from vigie.parsing.model import ParsedText

        items = []
        for path in sorted(SHARED.glob("*/*/*.xml")):
            parsed = parse_member(path.name, path.read_bytes())
            if isinstance(parsed, ParsedText) and parsed.articles:
                items.append(Item.from_parsed(parsed))
        if items:
            return items
    paragraph = ("Les communes et leurs groupements transmettent au représentant de l'État "
                 "dans le département les actes mentionnés à l'article L. 2131-2 du code "
                 "général des collectivités territoriales dans un délai de quinze jours.\n")
    return [Item(title=f"Décret n° 2026-{n} du 1er septembre 2026 relatif aux actes des communes",
                 text="Décrète :\n" + paragraph * 40) for n in range(5)]


def catnat_text() -> str:
    if CATNAT.exists():
        from vigie.parsing.dispatch import parse_member

        return Item.from_parsed(parse_member(CATNAT.name, CATNAT.read_bytes())).text
    rows = "\n".join(f"Ardèche | Commune {n} | Inondations | 16/11/2025 | 17/11/2025"
                     for n in range(1000))
    return "Département | Commune | Phénomène | Début | Fin\n" + rows


def report(label: str, count: int, seconds: float, base: float) -> None:
    print(f"{label:<34} {count / seconds:>10.1f} docs/s baseline {count / base:>12.1f} "
          f"docs/s ratio {seconds / base:>8.1f}×")


def main() -> None:
    start = time.perf_counter()
    load_geo()
    print(f"chargement du référentiel géographique : {time.perf_counter() - start:.2f} s "
          "(une fois par processus)")

    entries = sommaire_items() * 12
    titles = [item.title for item in entries]
    report(f"sommaire ({len(entries)} entrées)", len(entries),
           best_of(3, lambda: [analyse(i) for i in entries]), best_of(3, lambda: baseline(titles)))

    texts = full_text_items()
    corpus = (texts * (40 // len(texts) + 1))[:40]
    bodies = [item.title + "\n" + item.text for item in corpus]
    report(f"texte intégral ({len(corpus)} textes)", len(corpus),
           best_of(3, lambda: [analyse(i) for i in corpus]), best_of(3, lambda: baseline(bodies)))

    catnat = catnat_text()
    megabytes = len(catnat.encode("utf-8")) / 1e6
    found = best_of(5, lambda: find_territories(catnat))
    base = best_of(5, lambda: baseline([catnat]))
    print(f"{f'territoires, catnat ({megabytes:.2f} Mo)':<34} {megabytes / found:>10.2f} MB/s   "
          f"baseline {megabytes / base:>12.2f} MB/s   ratio {found / base:>8.1f}×")

    issue = (texts * (100 // len(texts) + 1))[:100]
    seconds = best_of(1, lambda: [analyse(i) for i in issue])
    print(f"un numéro entier de 100 textes intégraux analysé en {seconds:.2f} s "
          f"(objectif < 2 s)")
    training()


def training() -> None:
    """``vigie train`` on every labelled issue: reading the lines, then fitting the weights."""
    from vigie.analysis.learning.dataset import MissingLabels, default_files, issues, load
    from vigie.analysis.learning.training import train

    try:
        files = default_files()
    except MissingLabels:
        print("apprentissage : ../shared/eval absent, non mesuré")
        return
    start = time.perf_counter()
    examples = load(files)
    for example in examples:
        example.read  # noqa: B018 - the features, read once per example
    read = time.perf_counter() - start
    titles = [example.item.title for example in examples]
    base = best_of(3, lambda: baseline(titles))
    start = time.perf_counter()
    train(examples)
    fitted = time.perf_counter() - start
    print(f"apprentissage sur {len(issues(examples))} numéros annotés ({len(examples)} textes) : "
          f"lecture {read:.2f} s (ratio {read / base:.0f}×), ajustement des poids "
          f"{fitted:.2f} s, total {read + fitted:.2f} s")


if __name__ == "__main__":
    main()
