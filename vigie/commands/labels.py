"""``vigie labels export``: the newsroom's corrections as labelled lines (``shared/eval``
format), for ``vigie eval`` and ``vigie train --labels``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.argparse_fr import iso_date
from vigie.reference.system_errors import os_reason


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "labels", help="annotations tirées des corrections de la rédaction",
        description="Les décisions de la rédaction sous forme d'annotations, au format des "
                    "fichiers d'évaluation (idtxt,jo_date,title,section,nature,ministry,"
                    "retained,scope,departements,themes).")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="écrire les corrections en annotations CSV",
        description="Écrit une ligne par texte corrigé par la rédaction : retenu → « must », "
                    "écarté → « no », avec la portée, les départements et le thème en vigueur.")
    export.add_argument("--output", "-o", metavar="FICHIER.csv", type=Path,
                        help="fichier à écrire (défaut : sortie standard)")
    export.add_argument("--since", metavar="AAAA-MM-JJ", type=iso_date,
                        help="seulement les corrections faites depuis ce jour")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.newsroom.labels import write_labels

    if args.output is None:
        count = write_labels(sys.stdout, args.since)
    else:
        try:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                count = write_labels(out, args.since)
        except OSError as error:
            print(f"vigie labels : écriture impossible de {args.output} : {os_reason(error)}",
                  file=sys.stderr)
            return 1
    print(f"{count} annotation(s) de la rédaction écrite(s).", file=sys.stderr)
    return 0
