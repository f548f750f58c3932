"""``vigie sync``: fetch the DILA deliveries not processed yet, then ingest them in order."""

from __future__ import annotations

import argparse
import sys

from vigie.argparse_fr import iso_date

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


def synchronise(flow: str, *, since=None, base_url: str | None = None) -> int:
    """Fetch, ingest, analyse, index and publish a flow's new deliveries, telling people as it
    goes; returns the exit status (``vigie morning`` and ``vigie run`` call it too)."""
    from django.conf import settings

    from vigie import pipeline
    from vigie.commands.output import printer

    report = pipeline.sync(base_url or settings.VIGIE_DILA_BASE_URL, flow, since=since,
                           progress=sys.stderr.isatty(), notify=printer())
    return report.status


def run(args: argparse.Namespace) -> int:
    return synchronise(args.flow, since=args.since, base_url=args.base_url)
