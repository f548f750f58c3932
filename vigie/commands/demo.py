"""``vigie demo``: offline, on a fresh machine, ingest the shipped sample, show the day, then
serve the site on it (``--no-serve`` stops after printing the addresses)."""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from vigie.commands.run import add_server_arguments


def sample_deliveries() -> list[Path]:
    """The sample deliveries shipped in ``vigie/demo/sample``, in delivery order."""
    root = Path(str(resources.files("vigie.demo") / "sample"))
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("JORF"))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo", help="démonstration hors ligne sur l'échantillon fourni",
        description="Crée la base si besoin, ingère l'échantillon de démonstration fourni avec "
        "Vigie (textes fictifs au format DILA), affiche les textes du jour puis sert le site "
        "(http://127.0.0.1:8000 par défaut ; --no-serve pour s'arrêter avant).",
    )
    add_server_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from vigie.commands.pipeline import analyse_touched
    from vigie.commands.run import announce, check_departement, prepare_site, serve
    from vigie.documents.day import print_day
    from vigie.documents.ingest import ingest_paths
    from vigie.documents.models import Document

    departement = check_departement(args.departement)
    if departement is None:
        return 2
    print(f"Base de données : {settings.DATABASES['default']['NAME']}")
    touched: set[str] = set()
    status = ingest_paths(sample_deliveries(), touched=touched)
    analyse_touched(touched)
    latest = (Document.objects.filter(rubric="jo").exclude(date_publi=None)
              .order_by("-date_publi").first())
    if latest is None:
        print("L'échantillon ne contient aucun texte daté.")
        return 1
    print()
    print_day(latest.date_publi)
    prepare_site()
    announce(departement, args.host, args.port)
    if args.no_serve:
        return status
    return serve(args.host, args.port)
