"""Benchmark of a re-delivery: ``vigie ingest`` of a delivery whose texts are stored already,
as a ratio of the same bare libarchive + lxml read as ``bench/ingest.py``, with the memory of
all its processes together.

Builds the delivery of ``bench/ingest.py`` (the fixture repeated with new ids), ingests it,
then measures, each in a fresh database holding that first delivery:

* ``inchangée``: the same files as a later delivery (every text read again, none changed);
* ``modifiée``: the same files, every article's text changed (every text gets a new version,
  its previous one kept as a ``DocumentVersion`` by the batch that first rewrites it).

    python bench/redelivery.py [--files 20000] [--pg URL] [--no-pg] [--repeat N]

The first ingest is not measured. Without analysis (``--no-analysis``): what is measured is
the writing of stored texts again, which the analysis does not change.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import (  # noqa: E402  (the sibling benchmark's builder and measures)
    STAMP,
    _add,
    build_global,
    ceiling,
    compiled_like_installed,
    fresh_postgres,
    timed_ingest,
)

LATER = ("20261015-011502", "20261016-011502")  # the stamps of the two re-deliveries


def later_delivery(first: Path, stamp: str, changed: bool) -> Path:
    """The files of ``first`` as the delivery ``stamp``; with ``changed``, each article's
    text with one more word."""
    path = first.with_name(f"JORF_{stamp}.tar.gz")
    with tarfile.open(first) as source, tarfile.open(path, "w:gz", compresslevel=6) as target:
        for member in source:
            data = source.extractfile(member).read()
            if changed and "/article/" in member.name:
                data = data.replace(b"</CONTENU>", " (modifié)</CONTENU>".encode(), 1)
            _add(target, member.name.replace(STAMP, stamp), data)
    return path


def measure(first: Path, later: Path, label: str, url: str, what: str) -> float:
    """Ingest ``first`` (not measured), then ``later`` beside the ceiling measured right
    before it; prints its line, returns its ratio."""
    timed_ingest(first, url, first.parent, analysis=False)
    count, bare, bare_cpu = ceiling(later)
    elapsed, peak, roles = timed_ingest(later, url, first.parent, analysis=False)
    cpu = sum(roles.values())
    print(f"relivraison {what:<9} → {label:<10} : {count / elapsed:6.0f} fichiers/s, "
          f"{bare / elapsed:5.1%} du plafond ; mémoire de tous les processus "
          f"{peak / 2**20:.0f} Mo ; temps processeur {cpu:.2f} s (plafond {bare_cpu:.2f} s)",
          flush=True)
    return bare / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench",
                        help="base PostgreSQL à recréer pour chaque mesure")
    parser.add_argument("--no-pg", action="store_true", help="ne mesurer que SQLite")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="mesurer N fois chaque cas, en alternant, et donner la médiane")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat : au moins 1.")
    print(f"Modules de Vigie compilés d'avance : {compiled_like_installed()} nouveaux.")
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / f"JORF_{STAMP}.tar.gz"
        files = build_global(first, args.files)
        later = {"inchangée": later_delivery(first, LATER[0], changed=False),
                 "modifiée": later_delivery(first, LATER[1], changed=True)}
        print(f"Archive {first.name} : {files} fichiers, puis relivrée telle quelle et "
              f"modifiée")
        ratios: dict[tuple[str, str], list[float]] = {}
        fresh = itertools.count()
        for _ in range(args.repeat):
            for what, path in later.items():
                for label in ("SQLite", "PostgreSQL"):
                    if label == "PostgreSQL" and (args.no_pg or not fresh_postgres(args.pg)):
                        continue
                    sqlite = Path(tmp) / f"bench-{next(fresh)}.sqlite3"
                    url = args.pg if label == "PostgreSQL" else f"sqlite:///{sqlite}"
                    ratios.setdefault((what, label), []).append(
                        measure(first, path, label, url, what))
                    for leftover in Path(tmp).glob(f"{sqlite.name}*"):
                        leftover.unlink()
        if args.repeat > 1:
            for (what, label), measured in ratios.items():
                print(f"médiane sur {len(measured)} mesures → relivraison {what} {label} : "
                      f"{statistics.median(measured):.1%} du plafond")


if __name__ == "__main__":
    main()
