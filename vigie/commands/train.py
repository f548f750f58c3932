"""``vigie train [--labels FICHIER …] [--output CHEMIN]``: learn the selection and theme weights.

By default from every labelled file of ``../shared/eval`` (``labels_jorf_0192.csv`` and
``issues/labels_*.csv``), written to the weights file shipped in the package
(``vigie/analysis/weights.json``); ``--labels`` adds files in the same columns (editors'
corrections), ``--output`` writes elsewhere. Same files, same weights file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from vigie.reference.system_errors import os_message, os_reason


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "train", help="apprendre les poids de la sélection et des thèmes",
        description="Apprend, à partir des numéros annotés, les poids de la sélection et des "
                    "thèmes, et écrit le fichier de poids lisible que l'analyse utilise.")
    parser.add_argument("--labels", metavar="FICHIER.csv", type=Path, action="append",
                        default=[], help="fichier annoté de plus, mêmes colonnes "
                                         "(idtxt,title,section,retained,…) ; répétable")
    parser.add_argument("--output", metavar="CHEMIN", type=Path,
                        help="où écrire les poids (par défaut : le fichier livré avec Vigie)")
    parser.set_defaults(handler=run, needs_database=False)  # labelled files only


def run(args: argparse.Namespace) -> int:
    from vigie.analysis.learning.dataset import MissingLabels, default_files, issues, load
    from vigie.analysis.learning.training import train
    from vigie.analysis.weights import WEIGHTS_FILE, render

    start = time.perf_counter()
    try:
        try:
            files = [*default_files(), *args.labels]
        except MissingLabels as missing:
            if not args.labels:
                raise
            print(f"vigie train : {missing} — apprentissage sur les seuls fichiers indiqués",
                  file=sys.stderr)
            files = list(args.labels)
        examples = load(files)
    except (MissingLabels, OSError, ValueError) as error:
        print(f"vigie train : {os_message(error) if isinstance(error, OSError) else error}",
              file=sys.stderr)
        return 1
    problem = too_few(examples)
    if problem:  # a French refusal, not a traceback from the learner
        print(f"vigie train : {problem}", file=sys.stderr)
        return 1
    data = train(examples, files=[path.name for path in files])
    output = args.output or WEIGHTS_FILE
    try:
        output.write_text(render(data), encoding="utf-8")
    except OSError as error:
        print(f"vigie train : écriture impossible de {output} : {os_reason(error)}",
              file=sys.stderr)
        return 1
    selection = data["selection"]
    print(f"{len(examples)} textes de {len(issues(examples))} numéros, "
          f"{len(selection['weights'])} poids de sélection, seuil {selection['threshold']}, "
          f"{len(data['themes']['weights'])} indices de thème ; écrit dans {output} "
          f"({time.perf_counter() - start:.1f} s)")
    return 0


def too_few(examples: list) -> str:
    """Why these labelled texts cannot teach anything ("" when they can): the learner needs
    features seen in ``MIN_ISSUES`` issues (JO days) and texts both retained and set aside —
    the newsroom's corrections of a single day, alone, are not enough."""
    from vigie.analysis.learning.dataset import issues
    from vigie.analysis.learning.training import MIN_ISSUES, learnable

    if learnable(examples):
        return ""
    return (f"trop peu d'annotations pour apprendre ({len(examples)} texte(s) de "
            f"{len(issues(examples))} numéro(s)) : il faut des textes retenus et des textes "
            f"écartés d'au moins {MIN_ISSUES + 1} numéros du JO. Ajoutez les fichiers annotés "
            "de ../shared/eval (présents, ils sont pris d'office) ou les corrections de la "
            "rédaction d'autres jours (vigie labels export).")
