"""``vigie eval LABELS.csv [--sommaire FILE.xml]``: measure the analysis on a labelled issue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval", help="mesurer la sélection sur un numéro annoté",
        description="Compare les décisions de l'analyse aux annotations d'un numéro du "
                    "Journal officiel : rappel, précision, taux de sélection, thème principal, "
                    "oublis et fausses alertes.")
    parser.add_argument("labels", metavar="ANNOTATIONS.csv", type=Path, nargs="?",
                        help="fichier CSV (idtxt,title,section,retained,scope,departements,themes)")
    parser.add_argument("--sommaire", metavar="SOMMAIRE.xml", type=Path,
                        help="sommaire DILA du numéro : titres complets et sections")
    parser.add_argument("--redaction", action="store_true",
                        help="dire combien de décisions la rédaction a renversées, par semaine "
                             "et par thème (base de données)")
    # Labelled files need no database; the newsroom's report reads it.
    parser.set_defaults(handler=run, needs_database=lambda args: args.redaction)


def run(args: argparse.Namespace) -> int:
    if args.redaction:
        from vigie.newsroom.overrule import overrule_report

        print(overrule_report().render(), end="")
        if args.labels is None:
            return 0
    elif args.labels is None:
        print("vigie eval : indiquez un fichier d'annotations ou --redaction.", file=sys.stderr)
        return 2
    from vigie.analysis.evaluate import evaluate
    from vigie.parsing.model import ParseError

    try:
        report = evaluate(args.labels, sommaire=args.sommaire)
    except (OSError, ValueError, ParseError) as error:
        print(f"vigie eval : lecture impossible : {error}", file=sys.stderr)
        return 1
    print(report.render())
    return 0
