"""``vigie ingest PATH…``: take DILA tarballs, extracted folders or XML files, and Parliament
files (questions, dossiers, archives of them, the Sénat dump), recognised by their content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ingest",
        help="ingérer des livraisons DILA (archives JORF_*.tar.gz, JORFSIMPLE_*.tar.gz, "
        "dossiers extraits ou fichiers XML), des fichiers du Parlement, des marchés (DECP), "
        "des décisions de justice (Judilibre), des actes de l'Union (Cellar, EUR-Lex) et des "
        "circulaires (cir_*.xml de la DILA)",
        description="Ingère des livraisons DILA du Journal officiel et des fichiers du "
        "Parlement, reconnus par leur contenu : questions de l'Assemblée nationale (JSON ou "
        "ancien XML), dossiers législatifs (JSON de l'Assemblée, pages du Sénat et de "
        "l'Assemblée), archives zip de ces fichiers, dump SQL des questions du Sénat "
        "(questions.zip), données des marchés publics (DECP, JSON ou zip), décisions de "
        "justice de Judilibre (réponse JSON de l'API) et actes de l'Union européenne "
        "(notices Cellar, XML de l'Office des publications, ou réponse du web-service "
        "EUR-Lex) ; circulaires du fonds CIRCULAIRES de la DILA (cir_<ID>.xml, seules, dans "
        "un dossier ou dans une archive de circulaires). Un dossier "
        "est lu pour ce qu'il contient : ses fichiers en une livraison, chacune de ses "
        "archives à part, ce qu'aucun lecteur ne prend nommé dans une anomalie. Relancer "
        "sur la même entrée ne change rien. Code de sortie : 0 si toutes les entrées ont pu "
        "être lues (anomalies signalées), 1 si une entrée n'a pas pu être lue entièrement, "
        "2 si les arguments ou un réglage sont invalides, 3 si une autre exécution occupe "
        "la base plus longtemps que VIGIE_PIPELINE_WAIT.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="CHEMIN",
                        help="archive (.tar.gz, .tgz, .tar, .zip), dossier ou fichier (XML, "
                        "JSON, dump SQL) ; plusieurs à la suite, dans l'ordre donné")
    parser.add_argument("--force", action="store_true",
                        help="relire une archive déjà ingérée à l'identique")
    parser.add_argument("--no-analysis", action="store_true",
                        help="ne pas lancer l'analyse des textes ingérés (vigie analyse plus tard)")
    parser.set_defaults(handler=run, before_django=start_reading, quick_exit=True)


def start_reading(args: argparse.Namespace) -> None:
    """Before Django starts: the parsing workers set to work on the first input."""
    from vigie.documents import early

    early.start(args.paths[0])


def run(args: argparse.Namespace) -> int:
    from vigie import pipeline
    from vigie.commands.output import printer
    from vigie.documents import early
    from vigie.documents.settling import settled_objects
    from vigie.reference.file_names import readable

    try:
        with settled_objects():  # the later steps too: the analysis allocates as much
            report = pipeline.ingest(list(args.paths), force=args.force,
                                     analysis=not args.no_analysis,
                                     progress=sys.stderr.isatty(), notify=printer())
    finally:  # workers started for an input that did not need them
        early.discard()
    _unfinished([readable(path.name) for path in args.paths])
    return report.status


def _unfinished(given: list[str]) -> None:
    """Say which other deliveries were begun and never finished (a run stopped midway:
    their texts are half written until they are read again)."""
    from django.db import DatabaseError

    from vigie.documents.interrupted import begun

    try:
        names = list(begun().exclude(name__in=given).order_by("id")
                     .values_list("name", flat=True))
    except DatabaseError:  # a hint only: the ingest's own work is done, its status stands
        return
    if names:
        print(f"vigie : livraison(s) commencée(s) et pas finie(s) (arrêtée(s) en route, ou en "
              f"cours ailleurs) : {', '.join(names)} ; vigie repair les relit (ou "
              "--abandonner NOM).", file=sys.stderr)
