"""``vigie eval LABELS.csv [--sommaire FILE.xml]``: measure the analysis on a labelled issue;
``vigie eval --cross-validate``: leave-one-issue-out over every labelled issue of
``../shared/eval`` (train on the others, measure on each), per issue and overall."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.reference.system_errors import os_message


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval", help="mesurer la sélection sur un numéro annoté",
        description="Compare les décisions de l'analyse aux annotations d'un numéro du "
                    "Journal officiel : rappel, précision, taux de sélection, thème principal, "
                    "oublis et fausses alertes. Avec --cross-validate : validation croisée sur "
                    "tous les numéros annotés, chacun mesuré avec des poids appris sur les "
                    "autres.")
    parser.add_argument("labels", metavar="ANNOTATIONS.csv", type=Path, nargs="?",
                        help="fichier CSV (idtxt,title,section,retained,scope,departements,"
                             "themes) ; avec --cross-validate, ajouté aux numéros annotés")
    parser.add_argument("--sommaire", metavar="SOMMAIRE.xml", type=Path,
                        help="sommaire DILA du numéro : titres complets et sections")
    parser.add_argument("--cross-validate", action="store_true",
                        help="validation croisée « un numéro de côté » sur tous les numéros "
                             "annotés de ../shared/eval")
    parser.add_argument("--inner-split", metavar="N", type=int, default=0,
                        help="avec --cross-validate : partage des numéros d'apprentissage en "
                             "plis internes, d'où vient le seuil de chaque numéro (0, défaut : "
                             "ordre des dates, comme l'apprentissage livré ; N > 0 : un mélange, "
                             "le même pour le même N) ; juger un changement sur plusieurs")
    parser.add_argument("--themes", action="store_true",
                        help="avec --cross-validate : lister aussi les textes retenus dont le "
                             "thème principal n'est pas celui de l'annotation, avec la raison "
                             "du thème donné")
    parser.add_argument("--redaction", action="store_true",
                        help="dire combien de décisions la rédaction a renversées, par semaine "
                             "et par thème (base de données)")
    # Labelled files need no database; the newsroom's report reads it.
    parser.set_defaults(handler=run, needs_database=lambda args: args.redaction)


def run(args: argparse.Namespace) -> int:
    if args.redaction:
        from vigie.newsroom.overrule import overrule_report

        print(overrule_report().render(), end="")
        if args.labels is None and not args.cross_validate:
            return 0
    if args.cross_validate:
        return _cross_validate(args.labels, args.inner_split, themes=args.themes)
    from vigie.analysis.evaluate import evaluate
    from vigie.parsing.model import ParseError

    if args.labels is None:
        print("vigie eval : indiquez un fichier annoté, --cross-validate ou --redaction",
              file=sys.stderr)
        return 2
    try:
        report = evaluate(args.labels, sommaire=args.sommaire)
    except (OSError, ValueError, ParseError) as error:
        reason = os_message(error) if isinstance(error, OSError) else error
        print(f"vigie eval : lecture impossible : {reason}", file=sys.stderr)
        return 1
    from vigie.analysis.places_agreement import agreement

    print(report.render())
    print(agreement(report.outcomes).render())
    return 0


def _cross_validate(extra: Path | None, inner_split: int = 0, *, themes: bool = False) -> int:
    from vigie.analysis.learning.crossval import cross_validate
    from vigie.analysis.learning.dataset import MissingLabels, default_files, load

    if inner_split < 0:
        print("vigie eval : --inner-split attend un entier positif ou nul", file=sys.stderr)
        return 2
    try:
        examples = load([*default_files(), *([extra] if extra else [])])
    except (MissingLabels, OSError, ValueError) as error:
        print(f"vigie eval : {os_message(error) if isinstance(error, OSError) else error}",
              file=sys.stderr)
        return 1

    def progress(issue: str) -> None:
        print(f"  numéro {issue} mis de côté…", file=sys.stderr)

    print(cross_validate(examples, progress, inner_split=inner_split).render(themes=themes))
    from vigie.analysis.places_agreement import read_all

    print(read_all(examples).render())
    return 0
