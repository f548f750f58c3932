"""``vigie sync``: fetch the DILA deliveries not processed yet, then ingest them in order."""

from __future__ import annotations

import argparse
import sys

from vigie.commands.export import iso_date

FLOWS = ("jorf", "jorfsimple")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sync", help="télécharger et ingérer les nouvelles livraisons DILA",
        description="Lit la liste des livraisons publiées par la DILA, télécharge celles qui "
        "n'ont pas encore été traitées (reprise des téléchargements interrompus, nouvelles "
        "tentatives, contrôle de taille) puis les ingère dans l'ordre.",
    )
    parser.add_argument("--flow", choices=FLOWS, default="jorfsimple",
                        help="flux DILA : jorfsimple (défaut) ou jorf (flux « global »)")
    parser.add_argument("--since", type=iso_date, metavar="AAAA-MM-JJ",
                        help="ignorer les livraisons antérieures à cette date")
    parser.add_argument("--base-url", help="adresse de base des données ouvertes DILA "
                        "(défaut : VIGIE_DILA_BASE_URL)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from vigie.commands.pipeline import analyse_touched
    from vigie.documents.sync import sync_flow

    base_url = args.base_url or settings.VIGIE_DILA_BASE_URL
    touched: set[str] = set()
    status = sync_flow(base_url, args.flow, since=args.since, progress=sys.stderr.isatty(),
                       touched=touched)
    analyse_touched(touched)
    return status

