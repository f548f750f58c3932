"""``vigie sync``: fetch what the sources published since the last run, then ingest it.

``--source dila`` (the default) reads the DILA deliveries of the Journal officiel in order;
``an`` and ``senat`` fetch the Assemblée's and the Sénat's open data when it changed;
``all`` does the three.
"""

from __future__ import annotations

import argparse
import sys

from vigie.commands.export import iso_date

FLOWS = ("jorf", "jorfsimple")
SOURCES = ("dila", "an", "senat", "all")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sync", help="télécharger et ingérer ce que les sources ont publié",
        description="Lit la liste des livraisons publiées par la DILA, télécharge celles qui "
        "n'ont pas encore été traitées (reprise des téléchargements interrompus, nouvelles "
        "tentatives, contrôle de taille) puis les ingère dans l'ordre. Avec --source an, senat "
        "ou all : questions, réponses et dossiers législatifs de l'Assemblée nationale et du "
        "Sénat, téléchargés seulement s'ils ont changé.",
    )
    parser.add_argument("--source", choices=SOURCES, default="dila",
                        help="dila (Journal officiel, défaut), an (Assemblée nationale), "
                        "senat (Sénat) ou all (les trois)")
    parser.add_argument("--flow", choices=FLOWS, default="jorfsimple",
                        help="flux DILA : jorfsimple (défaut) ou jorf (flux « global »)")
    parser.add_argument("--since", type=iso_date, metavar="AAAA-MM-JJ",
                        help="ignorer les livraisons DILA antérieures à cette date ; pour le "
                        "Sénat, les questions et dossiers sans date depuis (défaut : "
                        "VIGIE_PARLEMENT_SINCE, sinon les deux dernières années)")
    parser.add_argument("--base-url", help="adresse de base des données ouvertes DILA "
                        "(défaut : VIGIE_DILA_BASE_URL)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from vigie.commands.pipeline import analyse_touched
    from vigie.documents.parlement_sync import SOURCES as PARLEMENT
    from vigie.documents.parlement_sync import sync_parlement
    from vigie.documents.sync import sync_flow

    touched: set[str] = set()
    status = 0
    progress = sys.stderr.isatty()
    source = getattr(args, "source", "dila")  # callers such as « vigie morning » name no source
    if source in ("dila", "all"):
        base_url = args.base_url or settings.VIGIE_DILA_BASE_URL
        status = sync_flow(base_url, args.flow, since=args.since, progress=progress,
                           touched=touched)
    if source != "dila":
        sources = list(PARLEMENT) if source == "all" else [source]
        status = max(status, sync_parlement(sources, since=args.since, progress=progress,
                                            touched=touched))
    analyse_touched(touched)
    return status
